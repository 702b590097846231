package dev.unitgen;

import dev.unitgen.host.ContainerEngine;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/** A container engine for fast tests: every container runs, images are present unless listed missing. */
public class FakeEngine implements ContainerEngine {
    public final List<String> calls = new ArrayList<>();
    public final Set<String> missingImages = new HashSet<>();

    @Override
    public EngineInfo info() {
        return new EngineInfo("20.10.24", "cgroupfs", "1", "overlay2");
    }

    @Override
    public String address() {
        return "fake";
    }

    @Override
    public boolean imageExists(String image) {
        return !missingImages.contains(image);
    }

    /** Entrypoint and command of images, by name (none: empty). */
    public final java.util.Map<String, List<String>> imageCommands = new java.util.HashMap<>();

    @Override
    public List<String> imageCommand(String image) {
        return imageCommands.getOrDefault(image, List.of());
    }

    @Override
    public void pull(String image, Consumer<String> progress) {
        calls.add("pull " + image);
        missingImages.remove(image);
    }

    @Override
    public String build(byte[] context, BuildRequest request, Consumer<String> progress) {
        calls.add("build " + request.tag());
        progress.accept("Step 1/1 : FROM scratch");
        missingImages.remove(request.tag());
        return "sha256:fake";
    }

    @Override
    public Optional<ContainerInfo> inspect(String name) {
        return Optional.of(new ContainerInfo("id-" + name, name, "img", "running", true, "2026-01-01T00:00:00Z", null, 0, 0));
    }

    @Override
    public ExecResult exec(String name, List<String> command, Duration timeout) {
        return new ExecResult(0, "running\n");
    }

    @Override
    public List<String> logs(String name, int lines) {
        return List.of();
    }

    @Override
    public void remove(String name) {
        calls.add("remove " + name);
    }

    @Override
    public void close() {
    }
}
