package dev.unitgen.doctor;

/** One line of `unitgen doctor`: what was checked, the verdict, what was seen, and the fix. */
public record Check(String name, Status status, String message, String fix) {
    public enum Status { OK, WARN, FAIL }

    public static Check ok(String name, String message) {
        return new Check(name, Status.OK, message, null);
    }

    public static Check warn(String name, String message, String fix) {
        return new Check(name, Status.WARN, message, fix);
    }

    public static Check fail(String name, String message, String fix) {
        return new Check(name, Status.FAIL, message, fix);
    }
}
