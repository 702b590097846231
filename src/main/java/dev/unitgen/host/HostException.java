package dev.unitgen.host;

/** A host operation failed (manager, engine, files); the message is meant for the user. */
public class HostException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String hint;

    public HostException(String message, String hint, Throwable cause) {
        super(message, cause);
        this.hint = hint;
    }

    public HostException(String message) {
        this(message, null, null);
    }

    public String hint() {
        return hint;
    }
}
