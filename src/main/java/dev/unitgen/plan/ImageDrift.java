package dev.unitgen.plan;

/**
 * A container whose image changed under its reference: it runs {@code running}, while
 * {@code image} (the definition's reference) now points to {@code local} on the engine (after
 * a pull, a load, or a build by someone else).
 */
public record ImageDrift(String image, String running, String local) {

    /** "image nginx:1.27 sha256:0123456789ab -> sha256:ba9876543210" */
    public String describe() {
        return "image " + image + " " + shortId(running) + " -> " + shortId(local);
    }

    /** sha256: and the first 12 hex digits, as docker images shows them. */
    public static String shortId(String id) {
        if (id == null) {
            return "none";
        }
        String hex = id.startsWith("sha256:") ? id.substring("sha256:".length()) : id;
        return "sha256:" + (hex.length() > 12 ? hex.substring(0, 12) : hex);
    }
}
