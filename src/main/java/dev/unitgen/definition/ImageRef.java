package dev.unitgen.definition;

import dev.unitgen.diag.Diagnostics;
import dev.unitgen.diag.Location;
import dev.unitgen.util.Text;
import java.util.regex.Pattern;

/** docker image references: [REGISTRY[:PORT]/]NAME[:TAG][@DIGEST]. */
final class ImageRef {
    private ImageRef() {
    }

    private static final String COMPONENT = "[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*";
    private static final String DOMAIN = "(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*"
            + "|\\[[0-9a-fA-F:]+\\])(?::[0-9]+)?";
    private static final Pattern REFERENCE = Pattern.compile(
            "(?:(" + DOMAIN + ")/)?(" + COMPONENT + "(?:/" + COMPONENT + ")*)(?::([\\w][\\w.-]{0,127}))?(?:@([A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}))?");

    /**
     * Whether the image is known to have no shell (/bin/sh): Google's distroless images
     * (gcr.io/distroless/..., but for their debug tags, which add busybox) and Chainguard's
     * static image.
     */
    static boolean knownWithoutShell(String image) {
        java.util.regex.Matcher m = REFERENCE.matcher(image);
        if (!m.matches()) {
            return false;
        }
        String domain = m.group(1);
        String path = m.group(2);
        String tag = m.group(3);
        boolean shellless = "gcr.io".equals(domain) && path.startsWith("distroless/")
                || "cgr.dev".equals(domain) && path.equals("chainguard/static");
        return shellless && (tag == null || !tag.contains("debug"));
    }

    static void check(String image, Location at, String container, Diagnostics d) {
        check(image, at, "container " + Text.q(container), "of container " + Text.q(container), d);
    }

    /** @param in "container \"web\"": what the reference belongs to, for messages */
    static boolean check(String image, Location at, String in, String of, Diagnostics d) {
        java.util.regex.Matcher m = REFERENCE.matcher(image);
        if (image.length() > 512 || !m.matches()) {
            String hint = !image.equals(image.toLowerCase(java.util.Locale.ROOT)) && REFERENCE.matcher(image.toLowerCase(java.util.Locale.ROOT)).matches()
                    ? "Image names are lower case: " + image.toLowerCase(java.util.Locale.ROOT) + "."
                    : "The form is [REGISTRY/]NAME[:TAG][@DIGEST], e.g. nginx:1.27 or ghcr.io/org/app@sha256:....";
            d.error(at, "invalid image reference " + Text.q(image) + " in " + in, hint);
            return false;
        }
        if (m.group(3) == null && m.group(4) == null) {
            d.warning(at, "image " + Text.q(image) + " " + of + " has no tag or digest",
                    "It means :latest, which changes under you; pin a tag (" + image + ":1.2) or a digest.");
        }
        return true;
    }
}
