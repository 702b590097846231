package dev.unitgen.definition;

import java.util.ArrayList;
import java.util.List;

/**
 * The docker run command line of one container, as the emitters of the key table write it.
 * Its layout, in this order:
 * <ol>
 *   <li>{@code DOCKER run --rm --name NAME}: unitgen's;</li>
 *   <li>the options of the keys ({@link #option}), in the order of {@link ContainerKeys}' table;</li>
 *   <li>unitgen's own options: its label, then what {@link #own} adds (the flags of a systemd
 *       container: the rows systemd and systemd_profile);</li>
 *   <li>the words of docker_args ({@link #extra}), after everything unitgen writes;</li>
 *   <li>{@code --entrypoint}, the image and the command: where docker run's syntax puts them.</li>
 * </ol>
 */
public final class DockerArgs {
    private final List<String> head;
    private final List<String> options = new ArrayList<>();
    private final List<String> own = new ArrayList<>();
    private final List<String> extra = new ArrayList<>();
    private List<String> entrypoint = List.of();
    private List<String> command = List.of();
    private String image;
    private Wrapper wrapper;

    /** A shell (or other program) that runs first as the entrypoint and then execs the container's own command. */
    private record Wrapper(String entrypoint, List<String> leading, String fallback) {
    }

    /**
     * @param docker the docker client
     * @param name   the container's name
     * @param label  unitgen's label (KEY=VALUE), the first of unitgen's own options
     */
    public DockerArgs(String docker, String name, String label) {
        this(List.of(docker, "run", "--rm", "--name", name), label);
    }

    private DockerArgs(List<String> head, String label) {
        this.head = head;
        own.add("--label");
        own.add(label);
    }

    /**
     * {@code DOCKER KIND create}, the options of the keys of a network's or volume's table,
     * unitgen's label, the object's name (in the place of the image).
     */
    public static DockerArgs create(String docker, String kind, String name, String label) {
        return new DockerArgs(List.of(docker, kind, "create"), label).image(name);
    }

    /** A switch among the keys' options. */
    public DockerArgs option(String flag) {
        options.add(flag);
        return this;
    }

    /** An option with its value among the keys' options. */
    public DockerArgs option(String flag, String value) {
        options.add(flag);
        options.add(value);
        return this;
    }

    /** Words among unitgen's own options, after its label. */
    public DockerArgs own(List<String> words) {
        own.addAll(words);
        return this;
    }

    /** Words written as they are after unitgen's own options (docker_args). */
    public DockerArgs extra(List<String> words) {
        extra.addAll(words);
        return this;
    }

    /** The entrypoint: its first word becomes --entrypoint, the others come first after the image. */
    public DockerArgs entrypoint(List<String> words) {
        entrypoint = List.copyOf(words);
        return this;
    }

    /** The words after the image and the entrypoint's arguments. */
    public DockerArgs command(List<String> words) {
        command = List.copyOf(words);
        return this;
    }

    public DockerArgs image(String image) {
        this.image = image;
        return this;
    }

    /**
     * Runs {@code program} as the entrypoint with {@code leading} as its first arguments,
     * followed by the container's entrypoint and command (or {@code fallback} when it has neither).
     */
    public DockerArgs wrap(String program, List<String> leading, String fallback) {
        wrapper = new Wrapper(program, List.copyOf(leading), fallback);
        return this;
    }

    /** The whole command line. */
    public List<String> toList() {
        List<String> argv = new ArrayList<>(head);
        argv.addAll(options);
        argv.addAll(own);
        argv.addAll(extra);
        List<String> trailing = new ArrayList<>();
        if (wrapper != null) {
            argv.add("--entrypoint");
            argv.add(wrapper.entrypoint());
            trailing.addAll(wrapper.leading());
            List<String> inner = new ArrayList<>(entrypoint);
            inner.addAll(command);
            trailing.addAll(inner.isEmpty() ? List.of(wrapper.fallback()) : inner);
        } else {
            if (!entrypoint.isEmpty()) {
                argv.add("--entrypoint");
                argv.add(entrypoint.get(0));
                trailing.addAll(entrypoint.subList(1, entrypoint.size()));
            }
            trailing.addAll(command);
        }
        argv.add(image);
        argv.addAll(trailing);
        return argv;
    }
}
