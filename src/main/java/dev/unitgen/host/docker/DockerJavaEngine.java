package dev.unitgen.host.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.BuildImageResultCallback;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.DockerClientException;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.BuildResponseItem;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.PullResponseItem;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import dev.unitgen.host.ContainerEngine;
import dev.unitgen.host.HostException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** The Docker engine through docker-java (its API, never the CLI). */
public final class DockerJavaEngine implements ContainerEngine {
    public static final String DEFAULT_HOST = "unix:///var/run/docker.sock";

    private final String host;
    private final DockerClient client;

    private DockerJavaEngine(String host, DockerClient client) {
        this.host = host;
        this.client = client;
    }

    /** Connects and pings; an engine that cannot be reached is a {@link HostException}. */
    public static DockerJavaEngine connect(String host) {
        try {
            DockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder().withDockerHost(host)
                    .withDockerTlsVerify(false) // local engine only: no TLS client certificates (see pom.xml)
                    .build();
            ApacheDockerHttpClient http = new ApacheDockerHttpClient.Builder()
                    .dockerHost(config.getDockerHost())
                    .sslConfig(config.getSSLConfig())
                    .connectionTimeout(Duration.ofSeconds(5))
                    .responseTimeout(Duration.ofMinutes(10))
                    .build();
            DockerClient client = DockerClientImpl.getInstance(config, http);
            client.pingCmd().exec();
            return new DockerJavaEngine(host, client);
        } catch (RuntimeException e) {
            throw new HostException("cannot reach the Docker engine at " + host + ": " + message(e),
                    "Check that dockerd runs (systemctl status docker) and that DOCKER_HOST or --docker-host names its socket.", e);
        }
    }

    static String message(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = t.getMessage() == null ? e.getMessage() : t.getMessage();
        return m == null ? t.getClass().getSimpleName() : m.strip();
    }

    @Override
    public String address() {
        return host;
    }

    @Override
    public EngineInfo info() {
        try {
            com.github.dockerjava.api.model.Info i = client.infoCmd().exec();
            return new EngineInfo(i.getServerVersion(), i.getCGroupDriver(), i.getCGroupVersion(), i.getDriver());
        } catch (RuntimeException e) {
            throw new HostException("docker info failed at " + host + ": " + message(e), null, e);
        }
    }

    @Override
    public boolean imageExists(String image) {
        try {
            client.inspectImageCmd(image).exec();
            return true;
        } catch (NotFoundException e) {
            return false;
        } catch (RuntimeException e) {
            throw new HostException("cannot inspect image " + image + ": " + message(e), null, e);
        }
    }

    @Override
    public Optional<String> imageId(String image) {
        try {
            return Optional.ofNullable(client.inspectImageCmd(image).exec().getId());
        } catch (NotFoundException e) {
            return Optional.empty();
        } catch (RuntimeException e) {
            throw new HostException("cannot inspect image " + image + ": " + message(e), null, e);
        }
    }

    @Override
    public List<String> repoDigests(String image) {
        try {
            List<String> d = client.inspectImageCmd(image).exec().getRepoDigests();
            return d == null ? List.of() : List.copyOf(d);
        } catch (NotFoundException e) {
            return List.of();
        } catch (RuntimeException e) {
            throw new HostException("cannot inspect image " + image + ": " + message(e), null, e);
        }
    }

    @Override
    public Optional<String> containerImageId(String name) {
        try {
            return Optional.ofNullable(client.inspectContainerCmd(name).exec().getImageId());
        } catch (NotFoundException e) {
            return Optional.empty();
        } catch (RuntimeException e) {
            throw new HostException("cannot inspect container " + name + ": " + message(e), null, e);
        }
    }

    @Override
    public void tag(String image, String ref) {
        if (ref.contains("@")) {
            throw new IllegalArgumentException("a digest reference cannot be tagged: " + ref);
        }
        int colon = ref.lastIndexOf(':');
        String repo = colon < 0 || colon < ref.lastIndexOf('/') ? ref : ref.substring(0, colon);
        String tag = repo.equals(ref) ? "latest" : ref.substring(colon + 1); // docker's default tag
        try {
            client.tagImageCmd(image, repo, tag).withForce(true).exec();
        } catch (RuntimeException e) {
            throw new HostException("cannot tag " + image + " as " + ref + ": " + message(e), null, e);
        }
    }

    @Override
    public void untag(String ref) {
        try {
            client.removeImageCmd(ref).withForce(false).withNoPrune(false).exec();
        } catch (NotFoundException | com.github.dockerjava.api.exception.ConflictException e) {
            // gone already, or a container still uses it: the reference stays harmlessly
        } catch (RuntimeException e) {
            throw new HostException("cannot remove the image reference " + ref + ": " + message(e), null, e);
        }
    }

    @Override
    public List<String> imageCommand(String image) {
        try {
            com.github.dockerjava.api.model.ContainerConfig config = client.inspectImageCmd(image).exec().getConfig();
            List<String> words = new java.util.ArrayList<>();
            if (config != null && config.getEntrypoint() != null) {
                words.addAll(List.of(config.getEntrypoint()));
            }
            if (config != null && config.getCmd() != null) {
                words.addAll(List.of(config.getCmd()));
            }
            return words;
        } catch (NotFoundException e) {
            return List.of();
        } catch (RuntimeException e) {
            throw new HostException("cannot inspect image " + image + ": " + message(e), null, e);
        }
    }

    @Override
    public void pull(String image, Consumer<String> progress) {
        String ref = image;
        int slash = ref.lastIndexOf('/');
        if (!ref.contains("@") && ref.indexOf(':', slash + 1) < 0) {
            ref = ref + ":latest"; // without a tag the API would pull every tag
        }
        List<String> errors = new ArrayList<>();
        try {
            ResultCallback.Adapter<PullResponseItem> cb = client.pullImageCmd(ref).exec(new ResultCallback.Adapter<>() {
                private String last = "";

                @Override
                public void onNext(PullResponseItem item) {
                    if (item.getErrorDetail() != null) {
                        errors.add(item.getErrorDetail().getMessage());
                    }
                    String status = item.getStatus();
                    if (status != null && item.getId() == null && !status.equals(last)) {
                        last = status;
                        progress.accept(status);
                    } else if (status != null && item.getId() != null && (status.startsWith("Pull complete") || status.startsWith("Already exists"))) {
                        progress.accept(item.getId() + ": " + status);
                    }
                }
            });
            if (!cb.awaitCompletion(30, TimeUnit.MINUTES)) {
                throw new HostException("pulling " + ref + " took more than 30 minutes");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HostException("interrupted while pulling " + ref);
        } catch (DockerException e) {
            throw new HostException("cannot pull " + ref + ": " + message(e), "Check the image name and the registry's reachability.", e);
        } catch (RuntimeException e) {
            throw new HostException("cannot pull " + ref + ": " + message(e), "Check the image name and the registry's reachability.", e);
        }
        if (!errors.isEmpty()) {
            throw new HostException("cannot pull " + ref + ": " + errors.get(0), "Check the image name and the registry's reachability.", null);
        }
    }

    @Override
    public String build(byte[] context, BuildRequest request, Consumer<String> progress) {
        List<String> errors = new ArrayList<>();
        StringBuilder partial = new StringBuilder();
        String[] imageId = new String[1];
        try {
            BuildImageResultCallback cb = client.buildImageCmd()
                    .withTarInputStream(new ByteArrayInputStream(context))
                    .withTags(Set.of(request.tag()))
                    .withLabels(request.labels())
                    .withNetworkMode(request.network())
                    .withNoCache(request.noCache())
                    .withPull(false)
                    .withRemove(true)
                    .withForcerm(true)
                    .exec(new BuildImageResultCallback() {
                        @Override
                        public void onNext(BuildResponseItem item) {
                            if (item.getErrorDetail() != null && item.getErrorDetail().getMessage() != null) {
                                errors.add(item.getErrorDetail().getMessage().strip());
                            } else if (item.getError() != null) {
                                errors.add(item.getError().strip());
                            }
                            if (item.getStream() != null) {
                                // the stream comes in pieces: report whole lines
                                partial.append(item.getStream());
                                int nl;
                                while ((nl = partial.indexOf("\n")) >= 0) {
                                    String line = plain(partial.substring(0, nl));
                                    partial.delete(0, nl + 1);
                                    if (!line.isBlank()) {
                                        progress.accept(line);
                                    }
                                }
                            }
                            if (item.isBuildSuccessIndicated()) {
                                imageId[0] = item.getImageId();
                            }
                            super.onNext(item);
                        }
                    });
            String id = cb.awaitImageId(60, TimeUnit.MINUTES);
            if (partial.length() > 0 && !partial.toString().isBlank()) {
                progress.accept(plain(partial.toString()));
            }
            return id != null ? id : imageId[0];
        } catch (DockerClientException e) {
            if (partial.length() > 0 && !partial.toString().isBlank()) {
                progress.accept(plain(partial.toString()));
            }
            String why = errors.isEmpty() ? message(e) : errors.get(errors.size() - 1);
            throw new HostException("cannot build image " + request.tag() + ": " + why,
                    "The build's output above shows the failing step; see the Dockerfile with unitgen image render.", e);
        } catch (RuntimeException e) {
            throw new HostException("cannot build image " + request.tag() + " at " + host + ": " + message(e), null, e);
        }
    }

    /** A line of build output without the terminal colour codes the builder adds, and without control characters. */
    static String plain(String line) {
        return dev.unitgen.util.Text.printable(line.replaceAll("\u001B\\[[0-9;]*[A-Za-z]", "")).strip();
    }

    @Override
    public Optional<ContainerInfo> inspect(String name) {
        try {
            InspectContainerResponse r = client.inspectContainerCmd(name).exec();
            InspectContainerResponse.ContainerState s = r.getState();
            String health = s.getHealth() == null ? null : s.getHealth().getStatus();
            Long exit = s.getExitCodeLong();
            return Optional.of(new ContainerInfo(r.getId(), name, r.getConfig() == null ? "" : r.getConfig().getImage(),
                    s.getStatus(), Boolean.TRUE.equals(s.getRunning()), s.getStartedAt(), health, exit == null ? 0 : exit.intValue(), 0));
        } catch (NotFoundException e) {
            return Optional.empty();
        } catch (RuntimeException e) {
            throw new HostException("cannot inspect container " + name + ": " + message(e), null, e);
        }
    }

    @Override
    public java.util.Map<String, ContainerInfo> listByLabel(String label) {
        try {
            java.util.Map<String, ContainerInfo> out = new java.util.LinkedHashMap<>();
            for (com.github.dockerjava.api.model.Container c : client.listContainersCmd().withShowAll(true)
                    .withLabelFilter(List.of(label)).exec()) {
                if (c.getNames() == null || c.getNames().length == 0) {
                    continue;
                }
                String name = c.getNames()[0].startsWith("/") ? c.getNames()[0].substring(1) : c.getNames()[0];
                String status = c.getStatus() == null ? "" : c.getStatus();
                String health = status.contains("(healthy)") ? "healthy" : status.contains("(unhealthy)") ? "unhealthy"
                        : status.contains("(health: starting)") ? "starting" : null;
                boolean running = "running".equals(c.getState());
                out.put(name, new ContainerInfo(c.getId(), name, c.getImage(), c.getState(), running, null, health, 0,
                        c.getCreated() == null ? 0 : c.getCreated()));
            }
            return out;
        } catch (RuntimeException e) {
            return java.util.Map.of(); // the caller inspects one by one
        }
    }

    @Override
    public ExecResult exec(String name, List<String> command, Duration timeout) {
        try {
            String id = client.execCreateCmd(name).withCmd(command.toArray(new String[0]))
                    .withAttachStdout(true).withAttachStderr(true).exec().getId();
            StringBuilder out = new StringBuilder();
            ResultCallback.Adapter<Frame> cb = client.execStartCmd(id).exec(new ResultCallback.Adapter<>() {
                @Override
                public void onNext(Frame frame) {
                    synchronized (out) {
                        out.append(new String(frame.getPayload(), StandardCharsets.UTF_8));
                    }
                }
            });
            if (!cb.awaitCompletion(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                try {
                    cb.close();
                } catch (IOException ignored) {
                    // timed out anyway
                }
                return new ExecResult(-1, out + "[timed out after " + timeout.toSeconds() + "s]");
            }
            Long code = client.inspectExecCmd(id).exec().getExitCodeLong();
            synchronized (out) {
                return new ExecResult(code == null ? -1 : code.intValue(), out.toString());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new ExecResult(-1, "interrupted");
        } catch (NotFoundException e) {
            return new ExecResult(-1, "no such container: " + name);
        } catch (RuntimeException e) {
            return new ExecResult(-1, message(e));
        }
    }

    @Override
    public List<String> logs(String name, int lines) {
        List<String> out = new ArrayList<>();
        try {
            ResultCallback.Adapter<Frame> cb = client.logContainerCmd(name).withStdOut(true).withStdErr(true).withTail(lines)
                    .exec(new ResultCallback.Adapter<>() {
                        @Override
                        public void onNext(Frame frame) {
                            synchronized (out) {
                                new String(frame.getPayload(), StandardCharsets.UTF_8).lines().forEach(out::add);
                            }
                        }
                    });
            cb.awaitCompletion(30, TimeUnit.SECONDS);
        } catch (NotFoundException e) {
            return List.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            return List.of("(cannot read the container's log: " + message(e) + ")");
        }
        synchronized (out) {
            return List.copyOf(out);
        }
    }

    @Override
    public void remove(String name) {
        try {
            client.removeContainerCmd(name).withForce(true).exec();
        } catch (NotFoundException e) {
            // already gone
        } catch (RuntimeException e) {
            if (!message(e).contains("is already in progress")) {
                throw new HostException("cannot remove container " + name + ": " + message(e), null, e);
            }
        }
    }

    @Override
    public List<NetworkInfo> networks(String name) {
        try {
            List<NetworkInfo> out = new ArrayList<>();
            for (com.github.dockerjava.api.model.Network n : client.listNetworksCmd().withNameFilter(name).exec()) {
                if (name.equals(n.getName())) {
                    out.add(network(client.inspectNetworkCmd().withNetworkId(n.getId()).exec()));
                }
            }
            return out;
        } catch (NotFoundException e) {
            return List.of();
        } catch (RuntimeException e) {
            throw new HostException("cannot list the networks named " + name + " at " + host + ": " + message(e), null, e);
        }
    }

    @Override
    public List<NetworkInfo> networksByLabel(String label) {
        try {
            List<NetworkInfo> out = new ArrayList<>();
            for (com.github.dockerjava.api.model.Network n : client.listNetworksCmd().withFilter("label", List.of(label)).exec()) {
                out.add(network(client.inspectNetworkCmd().withNetworkId(n.getId()).exec()));
            }
            return out;
        } catch (RuntimeException e) {
            throw new HostException("cannot list the networks labelled " + label + " at " + host + ": " + message(e), null, e);
        }
    }

    private static NetworkInfo network(com.github.dockerjava.api.model.Network n) {
        List<String> containers = new ArrayList<>();
        if (n.getContainers() != null) {
            n.getContainers().values().forEach(c -> containers.add(c.getName()));
        }
        containers.sort(null);
        return new NetworkInfo(n.getId(), n.getName(), n.getLabels() == null ? java.util.Map.of() : n.getLabels(), containers);
    }

    @Override
    public void removeNetwork(String id) {
        try {
            client.removeNetworkCmd(id).exec();
        } catch (NotFoundException e) {
            // already gone
        } catch (RuntimeException e) {
            throw new HostException("cannot remove network " + id + ": " + message(e), null, e);
        }
    }

    @Override
    public Optional<VolumeInfo> volume(String name) {
        try {
            com.github.dockerjava.api.command.InspectVolumeResponse v = client.inspectVolumeCmd(name).exec();
            return Optional.of(new VolumeInfo(v.getName(), v.getDriver(), v.getLabels() == null ? java.util.Map.of() : v.getLabels()));
        } catch (NotFoundException e) {
            return Optional.empty();
        } catch (RuntimeException e) {
            throw new HostException("cannot inspect volume " + name + " at " + host + ": " + message(e), null, e);
        }
    }

    @Override
    public void removeVolume(String name) {
        try {
            client.removeVolumeCmd(name).exec();
        } catch (NotFoundException e) {
            // already gone
        } catch (RuntimeException e) {
            throw new HostException("cannot remove volume " + name + ": " + message(e), null, e);
        }
    }

    @Override
    public void close() {
        try {
            client.close();
        } catch (IOException ignored) {
            // closing
        }
    }
}
