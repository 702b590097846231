package dev.unitgen.template;

/** A template that cannot be loaded or run, or a value it cannot print safely. */
public final class RenderException extends Exception {
    private static final long serialVersionUID = 1L;

    public RenderException(String message) {
        super(message);
    }
}
