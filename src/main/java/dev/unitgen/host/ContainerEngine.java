package dev.unitgen.host;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/** The Docker engine, as apply and status need it (docker-java in {@code DockerJavaEngine}). */
public interface ContainerEngine extends AutoCloseable {
    /** Where the engine was reached, for messages. */
    String address();

    /** The engine's version and drivers. */
    EngineInfo info();

    boolean imageExists(String image);

    /**
     * What a container of the image runs when the definition names no command: the image's
     * entrypoint followed by its command (empty when the image has neither, or is not on the
     * engine).
     */
    List<String> imageCommand(String image);

    /** The ID (sha256:...) the image reference points to on the engine; empty when it has none. */
    default Optional<String> imageId(String image) {
        return Optional.empty();
    }

    /** The ID of the image a container was created from; empty when there is no such container. */
    default Optional<String> containerImageId(String name) {
        return Optional.empty();
    }

    /** The image's repository digests (NAME@sha256:...: the manifests it was pulled or pushed as); empty when none. */
    default List<String> repoDigests(String image) {
        return List.of();
    }

    /** Points the reference {@code ref} (REPO:TAG) at an image (an ID or another reference). */
    default void tag(String image, String ref) {
        throw new UnsupportedOperationException("tag");
    }

    /**
     * Removes the reference {@code ref}; the image goes with it when no other reference or
     * container keeps it. No error when the reference does not exist or the image is in use.
     */
    default void untag(String ref) {
        throw new UnsupportedOperationException("untag");
    }

    /** Pulls an image, reporting progress lines; throws {@link HostException} on failure. */
    void pull(String image, Consumer<String> progress);

    /**
     * Builds an image from a build context (a tar with the Dockerfile at its top) and tags
     * it, reporting the build's output lines as they come; throws {@link HostException} when
     * the build fails. Returns the image id.
     */
    String build(byte[] context, BuildRequest request, Consumer<String> progress);

    Optional<ContainerInfo> inspect(String name);

    /**
     * Every container (running or not) carrying the label, by name, in one call. StartedAt
     * is not in a listing (null). The default finds none, so callers fall back to inspect.
     */
    default java.util.Map<String, ContainerInfo> listByLabel(String label) {
        return java.util.Map.of();
    }

    /** Runs a command in a running container; returns exit code and output. */
    ExecResult exec(String name, List<String> command, Duration timeout);

    /** The last lines of a container's output (empty when it is gone). */
    List<String> logs(String name, int lines);

    /** Removes a container, running or not; no error when it does not exist. */
    void remove(String name);

    /**
     * Every network of that exact name (Docker 20.10 can hold several after a race), with its
     * labels and the names of the containers attached to it.
     */
    default List<NetworkInfo> networks(String name) {
        return List.of();
    }

    /** Every network carrying the label (any value). */
    default List<NetworkInfo> networksByLabel(String label) {
        return List.of();
    }

    /** Removes a network by id; throws {@link HostException} when it is in use. */
    default void removeNetwork(String id) {
        throw new UnsupportedOperationException("networks");
    }

    /** The volume of that name, with its labels; empty when there is none. */
    default Optional<VolumeInfo> volume(String name) {
        return Optional.empty();
    }

    /** Removes a volume; throws {@link HostException} when it is in use. */
    default void removeVolume(String name) {
        throw new UnsupportedOperationException("volumes");
    }

    @Override
    void close();

    /** A network: its id, name, labels and the names of the containers attached to it. */
    record NetworkInfo(String id, String name, Map<String, String> labels, List<String> containers) {
    }

    /** A volume: its name, driver and labels. */
    record VolumeInfo(String name, String driver, Map<String, String> labels) {
    }

    record ExecResult(int exitCode, String output) {
    }

    /** What docker info says (cgroupVersion "1" or "2"). */
    record EngineInfo(String serverVersion, String cgroupDriver, String cgroupVersion, String storageDriver) {
    }

    /**
     * @param network the network mode of the RUN steps: default, host or none
     * @param noCache build every step again instead of reusing the engine's cached layers
     */
    record BuildRequest(String tag, String network, Map<String, String> labels, boolean noCache) {
    }

    /**
     * @param health healthy, unhealthy, starting, or null without a healthcheck
     * @param startedAt the engine's StartedAt (RFC 3339; null in a listing)
     * @param created   when the container was created, in seconds since the epoch (0: unknown)
     */
    record ContainerInfo(String id, String name, String image, String status, boolean running, String startedAt,
                         String health, int exitCode, long created) {
    }
}
