package dev.unitgen.definition;

/** The network the RUN steps of an image build use. */
public enum BuildNetwork {
    /** The engine's default (a bridge). */
    DEFAULT,
    /** The host's network stack: for hosts whose package mirrors are reachable only from the host. */
    HOST,
    /** No network: every package must come from the base image or the build's files. */
    NONE;

    /** The network mode of docker's build API. */
    public String mode() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
