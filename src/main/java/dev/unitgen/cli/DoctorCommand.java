package dev.unitgen.cli;

import dev.unitgen.doctor.Check;
import dev.unitgen.doctor.Doctor;
import dev.unitgen.host.HostUnits;
import dev.unitgen.layout.Root;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "doctor", sortOptions = false, mixinStandardHelpOptions = true,
        description = {"Check that the host can run what unitgen writes, one line per check.",
                "The checks: the systemd manager, the Docker engine and client, the cgroup layout and the "
                        + "systemd_profile auto picks, whether --privileged can work, directory permissions, and the definitions.",
                "Exit status 1 when a check FAILs, else 0 (WARN included)."},
        footerHeading = "%nExamples:%n",
        footer = {"  unitgen doctor", "  unitgen doctor --output json", "  unitgen doctor --docker-host unix:///run/user/1000/docker.sock"})
final class DoctorCommand implements Callable<Integer> {
    @Parameters(paramLabel = "PATH", arity = "0..*", description = "Definitions to check (default /etc/unitgen under --root).")
    List<java.io.File> paths = new ArrayList<>();

    @Mixin
    CommonOptions.RootDir root;

    @Mixin
    CommonOptions.DockerClient docker;

    @Mixin
    CommonOptions.Output output;

    @Mixin
    HostOptions.Bus bus;

    @Mixin
    HostOptions.Docker dockerHost;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Root r = root.root();
        HostUnits units = new HostUnits(r);
        List<Check> checks = new Doctor(r, () -> bus.manager(units, false), () -> dockerHost.engine(false), docker.path(),
                Path.of("/proc/self/status"), Path.of("/proc/sys/kernel/cap_last_cap")).run(paths.stream().map(java.io.File::getPath).toList());
        boolean failed = checks.stream().anyMatch(c -> c.status() == Check.Status.FAIL);
        if (output.json()) {
            List<Object> list = new ArrayList<>();
            for (Check c : checks) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("name", c.name());
                m.put("status", c.status().name());
                m.put("message", c.message());
                m.put("fix", c.fix());
                list.add(m);
            }
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("ok", !failed);
            doc.put("checks", list);
            JsonOutput.print(out, failed ? ExitCode.ERROR.code() : ExitCode.OK.code(), doc, new dev.unitgen.diag.Diagnostics());
        } else {
            for (Check c : checks) {
                out.printf("%-4s  %-22s %s%n", c.status(), c.name(), c.message());
                if (c.fix() != null && c.status() != Check.Status.OK) {
                    out.printf("      %-22s fix: %s%n", "", c.fix());
                }
            }
        }
        return failed ? ExitCode.ERROR.code() : ExitCode.OK.code();
    }
}
