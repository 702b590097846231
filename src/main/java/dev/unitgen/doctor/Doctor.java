package dev.unitgen.doctor;

import dev.unitgen.generate.Generator;
import dev.unitgen.host.CgroupProbe;
import dev.unitgen.layout.CgroupLayout;
import dev.unitgen.host.ContainerEngine;
import dev.unitgen.host.HostException;
import dev.unitgen.layout.Root;
import dev.unitgen.host.ServiceManager;
import dev.unitgen.definition.DefinitionLoader;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * `unitgen doctor`: checks the host, line by line, each with OK/WARN/FAIL and a fix.
 * Every check runs, whatever the others found.
 */
public final class Doctor {
    private final Root root;
    private final Supplier<ServiceManager> manager;
    private final Supplier<ContainerEngine> engine;
    private final String docker;
    private final Path procStatus;
    private final Path capLastCap;

    public Doctor(Root root, Supplier<ServiceManager> manager, Supplier<ContainerEngine> engine, String docker,
                  Path procStatus, Path capLastCap) {
        this.root = root;
        this.manager = manager;
        this.engine = engine;
        this.docker = docker;
        this.procStatus = procStatus;
        this.capLastCap = capLastCap;
    }

    public List<Check> run(List<String> definitionPaths) {
        List<Check> out = new ArrayList<>();
        out.add(managerCheck());
        out.add(engineCheck());
        Path client = root.resolve(docker);
        out.add(Files.isExecutable(client) ? Check.ok("docker client", client + " (what the units run)")
                : Check.fail("docker client", client + " is missing: every unit runs it",
                "Install the docker client (Debian: docker.io; Docker's packages: docker-ce-cli), or pass --docker to render for another path."));
        Optional<CgroupLayout> layout = CgroupProbe.detect(root);
        out.add(layout.map(l -> Check.ok("cgroup layout", l == CgroupLayout.V2 ? "cgroup v2 (unified)" : "cgroup v1 or hybrid"))
                .orElse(Check.warn("cgroup layout", "cannot read " + root.resolve(Root.CGROUP_DIR),
                        "Render with --host-cgroup v1 or v2 when the units are for another host.")));
        out.add(layout.map(l -> Check.ok("systemd_profile auto", l == CgroupLayout.V2
                        ? "picks private-cgroupns: Docker mounts the container's cgroup2 read-only, so systemd needs its own cgroup namespace and a remount"
                        : "picks ro-cgroup: /sys/fs/cgroup bound read-only with the host cgroup namespace, no extra capability"))
                .orElse(Check.warn("systemd_profile auto", "picks private-cgroupns (works on v1 and v2) since the layout is unknown", null)));
        out.add(privilegedCheck());
        out.add(dirCheck("unit directory", Root.UNIT_DIR, true, false));
        out.add(dirCheck("definitions directory", Root.DEFINITIONS_DIR, false, false));
        out.add(dirCheck("env directory", Root.ENV_DIR, false, true));
        out.add(definitionsCheck(definitionPaths));
        return out;
    }

    private Check managerCheck() {
        try (ServiceManager m = manager.get()) {
            ServiceManager.ManagerInfo i = m.info();
            String msg = "systemd " + i.version() + " at " + m.address() + ", SystemState=" + i.systemState();
            return switch (i.systemState()) {
                case "running" -> Check.ok("systemd manager", msg);
                case "degraded" -> Check.warn("systemd manager", msg, "Some units failed: systemctl --failed.");
                default -> Check.warn("systemd manager", msg, "The manager is not fully up; apply may wait or fail.");
            };
        } catch (HostException e) {
            return Check.fail("systemd manager", e.getMessage(), e.hint());
        }
    }

    private Check engineCheck() {
        try (ContainerEngine e = engine.get()) {
            ContainerEngine.EngineInfo i = e.info();
            return Check.ok("docker engine", "Docker " + i.serverVersion() + " at " + e.address() + ", cgroup driver "
                    + i.cgroupDriver() + ", cgroup v" + i.cgroupVersion() + ", storage driver " + i.storageDriver());
        } catch (HostException e) {
            return Check.fail("docker engine", e.getMessage(), e.hint());
        }
    }

    private Check privilegedCheck() {
        Optional<List<String>> missing = Capabilities.missing(procStatus, capLastCap);
        if (missing.isEmpty()) {
            return Check.warn("--privileged", "cannot read the capability bounding set (" + procStatus + ")", null);
        }
        if (missing.get().isEmpty()) {
            return Check.ok("--privileged", "can work: the capability bounding set has every capability (systemd_profile privileged is possible)");
        }
        return Check.warn("--privileged", "cannot work here: the capability bounding set lacks " + String.join(", ", missing.get()),
                "Do not use systemd_profile privileged or privileged: true on this host; auto never picks it.");
    }

    private Check dirCheck(String name, String hostPath, boolean mustExist, boolean secret) {
        Path p = root.resolve(hostPath);
        if (!Files.isDirectory(p)) {
            return mustExist ? Check.fail(name, p + " does not exist", "Is this a systemd host? Create it (mkdir -p " + hostPath + ").")
                    : Check.warn(name, p + " does not exist yet", secret ? "apply creates it (mode 0700)." : "Put definitions there: " + hostPath + "/*.yaml.");
        }
        try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS);
            if (perms.contains(PosixFilePermission.OTHERS_WRITE) || perms.contains(PosixFilePermission.GROUP_WRITE)) {
                return Check.fail(name, p + " is writable by others (" + java.nio.file.attribute.PosixFilePermissions.toString(perms) + ")",
                        "Anyone who can write there can run containers as root: chmod go-w " + hostPath + ".");
            }
            if (secret && (perms.contains(PosixFilePermission.OTHERS_READ) || perms.contains(PosixFilePermission.GROUP_READ))) {
                return Check.warn(name, p + " is readable by others (" + java.nio.file.attribute.PosixFilePermissions.toString(perms) + ")",
                        "The env files themselves are 0600; chmod 0700 " + hostPath + " hides their names too.");
            }
            if (!Files.isWritable(p)) {
                return Check.fail(name, p + " is not writable by this user", "Run unitgen as root.");
            }
            return Check.ok(name, p + " (" + java.nio.file.attribute.PosixFilePermissions.toString(perms) + ")");
        } catch (java.io.IOException | UnsupportedOperationException e) {
            return Check.warn(name, "cannot read the permissions of " + p + ": " + e.getMessage(), null);
        }
    }

    private Check definitionsCheck(List<String> paths) {
        try {
            Generator.Result r = Generator.run(paths, new Generator.Options(root, null, null, docker, false));
            if (!r.ok()) {
                return Check.fail("definitions", r.diagnostics().errorCount() + " errors in " + r.files() + " files",
                        "Run unitgen validate to see them with file, line and column.");
            }
            String msg = r.containers() + " containers in " + r.files() + " files are valid";
            return r.diagnostics().warningCount() > 0
                    ? Check.warn("definitions", msg + ", with " + r.diagnostics().warningCount()
                    + (r.diagnostics().warningCount() == 1 ? " warning" : " warnings"), "Run unitgen validate to see them.")
                    : Check.ok("definitions", msg);
        } catch (DefinitionLoader.NoSuchPathException e) {
            return Check.warn("definitions", "no definitions: " + e.getMessage() + " does not exist", "Put definitions in " + Root.DEFINITIONS_DIR + ".");
        } catch (java.io.IOException | dev.unitgen.template.RenderException e) {
            return Check.fail("definitions", e.getMessage(), null);
        }
    }
}
