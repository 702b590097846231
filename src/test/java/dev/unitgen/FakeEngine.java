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

    /** The engine's networks (several may share a name, as on Docker 20.10); a unit stop detaches its container. */
    public final List<NetworkInfo> networks = new ArrayList<>();
    /** The containers that carry unitgen's label (dev.unitgen.unit). */
    public final Set<String> unitgenContainers = new HashSet<>();
    /** The engine's volumes. */
    public final java.util.Map<String, VolumeInfo> volumes = new java.util.HashMap<>();

    @Override
    public List<NetworkInfo> networks(String name) {
        return networks.stream().filter(n -> n.name().equals(name)).toList();
    }

    @Override
    public java.util.Map<String, ContainerInfo> listByLabel(String label) {
        java.util.Map<String, ContainerInfo> out = new java.util.TreeMap<>();
        if (label.equals("dev.unitgen.unit")) {
            unitgenContainers.forEach(c -> out.put(c, inspect(c).orElseThrow()));
        }
        return out;
    }

    @Override
    public void removeNetwork(String id) {
        NetworkInfo n = networks.stream().filter(x -> x.id().equals(id)).findFirst().orElseThrow();
        if (!n.containers().isEmpty()) {
            throw new dev.unitgen.host.HostException("cannot remove network " + id + ": it has active endpoints", null, null);
        }
        calls.add("remove network " + id);
        networks.remove(n);
    }

    /** A container leaves every network (its unit stopped: docker run --rm removed it). */
    public void detach(String container) {
        networks.replaceAll(n -> new NetworkInfo(n.id(), n.name(), n.labels(),
                n.containers().stream().filter(c -> !c.equals(container)).toList()));
    }

    @Override
    public Optional<VolumeInfo> volume(String name) {
        return Optional.ofNullable(volumes.get(name));
    }

    @Override
    public void close() {
    }
}
