package dev.unitgen.diag;

public enum Severity {
    ERROR("Error"), WARNING("Warning");

    private final String label;

    Severity(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public String json() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
