package dev.unitgen.apply;

import dev.unitgen.definition.ContainerKeys;
import dev.unitgen.definition.Values;
import dev.unitgen.host.ContainerEngine;
import dev.unitgen.plan.ImageDrift;
import dev.unitgen.render.RenderedUnit;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Updates of pulled images (plan --pull, apply --pull): the images of the definitions are
 * pulled, then each running container's image ID is compared with the ID its reference now
 * points to. A container whose image changed is restarted by apply; its previous image is kept
 * under {@link #previousRef} until the new one is verified, so a rollback can point the
 * reference back at it.
 */
public final class ImageUpdates {
    /** The repository of the references that keep previous images during an update. */
    public static final String PREVIOUS_REPO = "unitgen-previous";

    private ImageUpdates() {
    }

    /** unitgen-previous:NAME, where a container's previous image is kept during an update. */
    public static String previousRef(String container) {
        return PREVIOUS_REPO + ":" + container;
    }

    /**
     * The images --pull pulls, each once, in the order of the definitions: those of every
     * container except images unitgen builds (images:) and pull_policy never.
     */
    public static Set<String> pullable(Iterable<RenderedUnit> desired) {
        Set<String> out = new LinkedHashSet<>();
        for (RenderedUnit d : desired) {
            if (!d.isContainer() || d.translation().build() != null) {
                continue;
            }
            if (d.translation().spec().get(ContainerKeys.PULL_POLICY, Values.PullPolicy.MISSING) != Values.PullPolicy.NEVER) {
                out.add(d.translation().spec().get(ContainerKeys.IMAGE));
            }
        }
        return out;
    }

    /** Pulls every {@link #pullable} image; the first failure throws (HostException) before anything is written. */
    public static void pull(ContainerEngine engine, Iterable<RenderedUnit> desired, Consumer<ApplyEvent> events) {
        for (String image : pullable(desired)) {
            events.accept(new ApplyEvent.Pulling(image, null));
            engine.pull(image, line -> events.accept(new ApplyEvent.Pulling(image, line)));
        }
    }

    /**
     * Images pinned by digest with a tag too ({@code NAME:TAG@sha256:...}): the tag is pulled
     * (--pull only) and, when it now points to another manifest upstream, a warning names the
     * new digest. The container keeps running the pinned digest: moving is an edit of the
     * definition.
     */
    public static void newerDigests(ContainerEngine engine, Iterable<RenderedUnit> desired, Consumer<ApplyEvent> events,
                                    Consumer<dev.unitgen.diag.Diagnostic> warnings) {
        Set<String> done = new LinkedHashSet<>();
        for (RenderedUnit d : desired) {
            if (!d.isContainer() || d.translation().build() != null
                    || d.translation().spec().get(ContainerKeys.PULL_POLICY, Values.PullPolicy.MISSING) == Values.PullPolicy.NEVER) {
                continue;
            }
            String image = d.translation().spec().get(ContainerKeys.IMAGE);
            int at = image.indexOf('@');
            String tagged = at < 0 ? null : image.substring(0, at);
            if (tagged == null || tagged.lastIndexOf(':') <= tagged.lastIndexOf('/') || !done.add(image)) {
                continue; // not pinned, or pinned without a tag to compare with
            }
            String pinned = image.substring(at + 1);
            String name = tagged.substring(0, tagged.lastIndexOf(':'));
            events.accept(new ApplyEvent.Pulling(tagged, null));
            engine.pull(tagged, line -> events.accept(new ApplyEvent.Pulling(tagged, line)));
            List<String> digests = engine.repoDigests(tagged).stream().filter(r -> r.startsWith(name + "@"))
                    .map(r -> r.substring(name.length() + 1)).toList();
            if (!digests.isEmpty() && !digests.contains(pinned)) {
                warnings.accept(new dev.unitgen.diag.Diagnostic(dev.unitgen.diag.Severity.WARNING, "image " + tagged
                        + " of container " + dev.unitgen.util.Text.q(d.name()) + " is pinned to " + pinned + ", but the tag is "
                        + digests.get(0) + " upstream now", d.translation().spec().locationOf(ContainerKeys.IMAGE), null,
                        "To move to it, write image: " + tagged + "@" + digests.get(0) + " (the container keeps the pinned digest until then)."));
            }
        }
    }

    /**
     * container -> drift, for each declared container (images unitgen builds excepted) that
     * exists on the engine and was created from another image than its reference points to now.
     */
    public static Map<String, ImageDrift> drift(ContainerEngine engine, Iterable<RenderedUnit> desired) {
        Map<String, ImageDrift> out = new LinkedHashMap<>();
        for (RenderedUnit d : desired) {
            if (!d.isContainer() || d.translation().build() != null) {
                continue;
            }
            String image = d.translation().spec().get(ContainerKeys.IMAGE);
            Optional<String> running = engine.containerImageId(d.name());
            if (running.isEmpty()) {
                continue;
            }
            Optional<String> local = engine.imageId(image);
            if (local.isPresent() && !local.get().equals(running.get())) {
                out.put(d.name(), new ImageDrift(image, running.get(), local.get()));
            }
        }
        return out;
    }
}
