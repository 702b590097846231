package dev.unitgen.cli;

import dev.unitgen.apply.ApplyLock;
import dev.unitgen.apply.EngineObjects;
import dev.unitgen.host.ContainerEngine;
import dev.unitgen.host.HostUnits;
import dev.unitgen.layout.Root;
import dev.unitgen.host.ServiceManager;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "destroy", sortOptions = false, mixinStandardHelpOptions = true,
        description = {"Stop, disable and remove units unitgen manages: the unit file, its env file and its container.",
                "A unit still declared in a definition comes back at the next apply.",
                "On a terminal, destroy lists the units and asks first (--yes does not ask); without one it does not ask."},
        footerHeading = "%nExamples:%n",
        footer = {"  unitgen destroy web", "  unitgen destroy --all"})
final class DestroyCommand implements Callable<Integer> {
    @Parameters(paramLabel = "NAME", arity = "0..*", description = "Containers (or units) to destroy.")
    List<String> names = new ArrayList<>();

    @Option(names = "--all", description = "Destroy every unit unitgen manages.")
    boolean all;

    @Mixin
    CommonOptions.RootDir root;

    @Option(names = "--volumes", description = "Also remove the volumes of the destroyed volume units (their data); "
            + "without it a volume unitgen created is kept.")
    boolean volumes;

    @Option(names = {"-y", "--yes"}, description = "Do not ask for confirmation on a terminal.")
    boolean yes;

    @Mixin
    HostOptions.Bus bus;

    @Mixin
    HostOptions.Docker docker;

    @Mixin
    HostOptions.Offline offline;

    @Mixin
    HostOptions.Timeouts timeouts;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (all == !names.isEmpty()) {
            throw new UserException(ExitCode.INVALID, all ? "--all takes no names" : "name the containers to destroy, or pass --all", null);
        }
        // the command line first (exit 2), then connect, then lock
        offline.checkWrites(root);
        timeouts.check();
        bus.check();
        docker.check();
        PrintWriter out = spec.commandLine().getOut();
        Root r = root.root();
        HostUnits units = new HostUnits(r);
        StatusCommand.select(units, names); // an unmanaged NAME is a usage error, before connecting
        try (ServiceManager manager = bus.manager(units, offline.on());
             ContainerEngine engine = docker.engine(offline.on());
             ApplyLock lock = ApplyLock.acquire(r, timeouts.lock(), out)) {
            TreeMap<String, String> targets = StatusCommand.select(units, names);
            if (targets.isEmpty()) {
                out.println("No units managed by unitgen.");
                return ExitCode.OK.code();
            }
            Terminal terminal = UnitgenCommand.terminal(spec);
            if (!yes && terminal.interactive(false)) {
                out.println("unitgen will destroy:");
                out.println();
                targets.keySet().forEach(u -> out.println("  - " + u + " (unit file, env file, links"
                        + (offline.on() ? "" : ", container") + ")"));
                if (!terminal.confirm(out, "Do you really want to destroy " + (targets.size() == 1 ? "this unit" : "these "
                        + targets.size() + " units") + "?", "Their containers stop; a unit still declared comes back at the next apply.")) {
                    out.println("Destroy cancelled: nothing was changed.");
                    return ExitCode.ERROR.code();
                }
            }
            List<String> list = new ArrayList<>(targets.keySet());
            if (manager.live()) {
                Map<String, ServiceManager.JobType> stops = new LinkedHashMap<>();
                list.forEach(u -> stops.put(u, ServiceManager.JobType.STOP));
                manager.runJobs(stops, timeouts.stops()).forEach((u, res) -> out.println("Stopped " + u + ": " + res));
                // a removed unit that had failed must not leave the manager degraded
                list.forEach(manager::resetFailed);
            }
            manager.disable(list);
            for (String u : list) {
                String container = u.substring(0, u.length() - ".service".length());
                units.unlink(u);
                units.deleteUnit(u);
                units.deleteEnv(container);
                boolean object = EngineObjects.isObjectUnit(targets.get(u));
                if (engine != null && !object) {
                    engine.remove(container);
                }
                out.println("Destroyed " + u + " (unit file" + (object ? "" : ", env file") + ", links"
                        + (engine != null && !object ? ", container" : "") + ")");
            }
            if (engine != null) {
                // the containers are gone: the networks (and with --volumes the volumes) of the destroyed units go too
                list.forEach(u -> EngineObjects.prune(engine, targets.get(u), volumes).forEach(out::println));
            }
            manager.reload();
            if (manager.live()) {
                list.forEach(manager::resetFailed);
            }
            return ExitCode.OK.code();
        }
    }
}
