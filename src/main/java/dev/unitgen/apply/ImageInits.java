package dev.unitgen.apply;

import dev.unitgen.definition.ContainerDefinition;
import dev.unitgen.definition.ContainerKeys;
import dev.unitgen.definition.Values;
import dev.unitgen.diag.Diagnostic;
import dev.unitgen.diag.Severity;
import dev.unitgen.host.ContainerEngine;
import dev.unitgen.plan.Change;
import dev.unitgen.translate.Translation;
import dev.unitgen.translate.SystemdProfiles;
import dev.unitgen.util.Text;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A container rendered as a plain one whose image runs systemd: without {@code command:} the
 * definition cannot tell (unitgen renders without the engine), so apply, once the images are
 * on the engine, reads each such image's entrypoint and command and warns when it is an init
 * (/sbin/init, /lib/systemd/systemd, ...). Such a container lacks what systemd as PID 1 needs
 * (a tty, /run on tmpfs, SIGRTMIN+3, its cgroup), so it would fail or stop badly.
 */
final class ImageInits {
    private ImageInits() {
    }

    static void check(List<Change> toRun, ContainerEngine engine, Consumer<Diagnostic> warnings) {
        Map<String, List<String>> commands = new HashMap<>();
        for (Change c : toRun) {
            if (c.desired() == null || !c.desired().isContainer()) {
                continue; // a network's or volume's unit runs no image
            }
            Translation t = c.desired().translation();
            ContainerDefinition spec = t.spec();
            if (t.systemd() || t.build() != null || spec.has(ContainerKeys.COMMAND) || spec.has(ContainerKeys.ENTRYPOINT)
                    || spec.effective(ContainerKeys.SYSTEMD, t) != Values.SystemdMode.AUTO) {
                continue; // systemd: never says the definition knows; a command of its own is judged when rendering
            }
            String image = spec.get(ContainerKeys.IMAGE);
            List<String> words = commands.computeIfAbsent(image, engine::imageCommand);
            if (SystemdProfiles.isInit(words)) {
                warnings.accept(new Diagnostic(Severity.WARNING, "image " + Text.q(image) + " of container "
                        + Text.q(spec.name()) + " runs " + words.get(0) + " (systemd), but the container is run as a plain one",
                        spec.locationOf(ContainerKeys.IMAGE), "Without command: unitgen cannot see what the image runs "
                        + "when it renders the unit, so the container lacks what systemd as PID 1 needs (a tty, /run on "
                        + "tmpfs, SIGRTMIN+3 to stop, its cgroup).",
                        "Set systemd: always in the definition (or command: " + words.get(0) + "); systemd: never "
                                + "silences this warning."));
            }
        }
    }
}
