package dev.unitgen.definition;

import dev.unitgen.diag.Diagnostics;
import dev.unitgen.util.Text;
import java.util.List;
import java.util.Map;

/** Checks of one container whose keys contradict each other (host-independent). */
final class Conflicts {
    private Conflicts() {
    }

    /** docker_args words unitgen owns, with the reason. */
    static final Map<String, String> OWNED_ARGS = Map.ofEntries(
            Map.entry("--restart", "systemd restarts the container (use restart:); two supervisors fight"),
            Map.entry("--name", "the container name is the definition's name"),
            Map.entry("--rm", "unitgen always removes the container when it stops"),
            Map.entry("-d", "the docker client must stay in the foreground for systemd to follow it"),
            Map.entry("--detach", "the docker client must stay in the foreground for systemd to follow it"),
            Map.entry("-e", "values on the command line are visible to every user (ps); use environment:"),
            Map.entry("--env", "values on the command line are visible to every user (ps); use environment:"),
            Map.entry("--env-file", "use env_file:"),
            Map.entry("-i", "a unit has no input to give a container"),
            Map.entry("--interactive", "a unit has no input to give a container"),
            Map.entry("--entrypoint", "use entrypoint:"));

    /** @param declaredImage whether the container's image names an image declared under images: */
    static void check(ContainerDefinition spec, boolean declaredImage, Diagnostics d) {
        String name = Text.q(spec.name());
        String netMode = spec.get(ContainerKeys.NETWORK_MODE);
        if (netMode != null) {
            boolean host = netMode.equals("host");
            boolean shared = netMode.startsWith("container:") || netMode.startsWith("service:");
            if (!host && !shared && !List.of("bridge", "none", "default").contains(netMode)) {
                d.error(spec.locationOf(ContainerKeys.NETWORK_MODE), "invalid network_mode " + Text.q(netMode) + " in container " + name,
                        "Valid values: bridge, host, none, container:NAME, service:NAME; a user-defined network goes in networks:.");
            }
            if ((host || shared) && spec.has(ContainerKeys.PORTS)) {
                d.error(spec.locationOf(ContainerKeys.PORTS), "ports cannot be published with network_mode " + netMode
                        + " in container " + name, host ? "With the host network the container's ports are the host's: remove ports."
                        : "Publish the ports on the container whose network this one shares.");
            }
            if (spec.has(ContainerKeys.NETWORKS)) {
                d.error(spec.locationOf(ContainerKeys.NETWORKS), "networks cannot be combined with network_mode in container " + name,
                        "Use one of them.");
            }
            if (shared) {
                for (Key<?> k : List.of(ContainerKeys.HOSTNAME, ContainerKeys.DNS, ContainerKeys.EXTRA_HOSTS,
                        ContainerKeys.EXPOSE, ContainerKeys.MAC_ADDRESS)) {
                    if (spec.has(k)) {
                        d.error(spec.locationOf(k), k.name() + " cannot be set with network_mode " + netMode + " in container " + name,
                                "The container shares the other container's network stack.");
                    }
                }
            }
        }
        List<String> args = spec.list(ContainerKeys.DOCKER_ARGS);
        for (String a : args) {
            String flag = a.contains("=") ? a.substring(0, a.indexOf('=')) : a;
            if (a.matches("-[a-zA-Z]{2,}") && (a.indexOf('d') > 0 || a.indexOf('i') > 0)) {
                flag = a.indexOf('d') > 0 ? "-d" : "-i"; // combined short flags: -it, -di
            } else if (a.matches("-e.+")) {
                flag = "-e"; // -eNAME=value
            }
            String why = OWNED_ARGS.get(flag);
            if (why != null) {
                d.error(spec.locationOf(ContainerKeys.DOCKER_ARGS), "docker_args of container " + name + " contains " + flag,
                        "unitgen owns " + flag + ": " + why + ".");
            }
            if (flag.equals("--privileged") && spec.has(ContainerKeys.SYSTEMD_PROFILE)) {
                d.error(spec.locationOf(ContainerKeys.DOCKER_ARGS), "docker_args of container " + name + " contains --privileged",
                        "Use systemd_profile: privileged for a systemd container.");
            }
        }
        HealthCheck hc = spec.get(ContainerKeys.HEALTHCHECK);
        if (hc != null && hc.disabled() && (hc.interval() != null || hc.retries() != null)) {
            d.warning(spec.locationOf(ContainerKeys.HEALTHCHECK), "the healthcheck of container " + name
                    + " is disabled; its other settings have no effect", null);
        }
        String image = spec.get(ContainerKeys.IMAGE);
        if (image != null && !declaredImage) {
            ImageRef.check(image, spec.locationOf(ContainerKeys.IMAGE), spec.name(), d);
            if (hc != null && hc.active() && hc.exec() != null && ImageRef.knownWithoutShell(image)) {
                d.warning(spec.locationOf(ContainerKeys.HEALTHCHECK), "the healthcheck test [\"CMD\", ...] of container " + name
                        + " can never pass: " + image + " has no shell, and docker runs every --health-cmd through /bin/sh -c",
                        "docker run cannot express an exec-form check: --health-cmd is always CMD-SHELL (only a Dockerfile's "
                                + "HEALTHCHECK CMD [\"/probe\", ...] and the Engine API keep the exec form). Put the check in the image, "
                                + "FROM " + image + " with HEALTHCHECK CMD [...], and leave test out here (interval, timeout, retries "
                                + "and start_period still apply to the image's check); or use the image's :debug variant, which has a shell.");
            }
        }
    }
}
