package dev.unitgen.cli;

import dev.unitgen.apply.ApplyEvent;
import dev.unitgen.apply.Applier;
import dev.unitgen.apply.Verification;
import dev.unitgen.host.ServiceManager;
import dev.unitgen.plan.Change;
import java.io.PrintWriter;
import java.util.function.Consumer;

/** The text of apply's progress (unitgen(1), apply): one line per event, flushed at once. */
final class ApplyPrinter implements Consumer<ApplyEvent> {
    private final PrintWriter out;

    ApplyPrinter(PrintWriter out) {
        this.out = out;
    }

    private void say(String line) {
        out.println(line);
        out.flush();
    }

    @Override
    public void accept(ApplyEvent event) {
        if (event instanceof ApplyEvent.Planned p) {
            say(p.plan().summary());
            p.plan().changes().forEach(c -> say("  " + c.describe()));
        } else if (event instanceof ApplyEvent.Pulling p) {
            say(p.line() == null ? "Pulling " + p.image() + " ..." : "  " + p.image() + ": " + p.line());
        } else if (event instanceof ApplyEvent.PreviousImage i) {
            String id = dev.unitgen.plan.ImageDrift.shortId(i.id());
            say(switch (i.step()) {
                case KEPT -> "Kept " + i.container() + "'s previous image " + id + " as " + i.ref() + " until the update is verified.";
                case RELEASED -> "Released " + i.ref() + ": the update of " + i.container() + " is verified.";
                case RESTORED -> "  pointed " + i.image() + " back at " + i.container() + "'s previous image " + id;
            });
        } else if (event instanceof ApplyEvent.Building b) {
            say(b.line() == null
                    ? "Building image " + b.tag() + " (image " + b.image() + " of " + b.unit() + ") ..."
                    : "  " + b.image() + ": " + b.line());
        } else if (event instanceof ApplyEvent.Built b) {
            say("Built " + b.tag() + ".");
        } else if (event instanceof ApplyEvent.Stopped s) {
            say("Stopped " + s.unit() + ": " + s.result());
        } else if (event instanceof ApplyEvent.Removed r) {
            say("Removed " + r.unitFile() + (r.envFile() ? " and its env file" : ""));
        } else if (event instanceof ApplyEvent.Wrote w) {
            say("Wrote " + w.unitFile());
        } else if (event instanceof ApplyEvent.ObjectPruned o) {
            say(o.message());
        } else if (event instanceof ApplyEvent.ObjectAdopted o) {
            say(o.message());
        } else if (event instanceof ApplyEvent.Disabled d) {
            say("Disabled " + String.join(", ", d.units()));
        } else if (event instanceof ApplyEvent.Enabled e) {
            say("Enabled " + String.join(", ", e.units()));
        } else if (event instanceof ApplyEvent.Reloaded r) {
            say("Reloaded the systemd manager at " + r.address() + ".");
        } else if (event instanceof ApplyEvent.Offline o) {
            say("Offline: files written under " + o.root() + "; nothing was started.");
        } else if (event instanceof ApplyEvent.JobDone j) {
            say((j.type() == ServiceManager.JobType.START ? "Started " : "Restarted ") + j.unit() + ": " + j.result());
        } else if (event instanceof ApplyEvent.Verifying v) {
            say("Verifying " + v.units() + " unit(s): each container must stay up for its stability window"
                    + " (min_healthy, longest " + dev.unitgen.apply.Verifier.seconds(v.longest()) + "; all at once) ...");
        } else if (event instanceof ApplyEvent.Verified v) {
            v.verifications().forEach(this::verification);
        } else if (event instanceof ApplyEvent.RollingBack r) {
            say("Rolling back " + r.units() + " unit(s) that failed verification ...");
        } else if (event instanceof ApplyEvent.RolledBack r) {
            say(r.removed() ? "  removed the new " + r.unit() : "  restored the previous " + r.unit());
        } else if (event instanceof ApplyEvent.RestartedPrevious r) {
            say("  restarted the previous " + r.unit() + ": " + r.result());
        } else if (event instanceof ApplyEvent.PreviousVerified p) {
            Verification v = p.verification();
            say("  " + (v.ok() ? "ok      " : "FAILED  ") + v.unit() + " (previous version)"
                    + (v.ok() ? "" : "  " + String.join("; ", v.problems())));
        }
    }

    private void verification(Verification v) {
        if (v.ok()) {
            say("  ok      " + v.unit() + "  " + v.state().describe() + ", container " + v.container().status()
                    + (v.container().health() != null ? " (" + v.container().health() + ")" : "")
                    + (v.innerSystemd() != null ? ", inner systemd " + v.innerSystemd() : ""));
        } else {
            say("  FAILED  " + v.unit() + "  " + String.join("; ", v.problems()));
            v.details().forEach(l -> say("    " + l));
        }
    }

    /** The last line of an apply that ran to its end (nothing for an offline apply). */
    void summary(Applier.Result r) {
        if (r.offline()) {
            return; // the Offline line said it
        }
        long failed = r.verifications().stream().filter(v -> !v.ok()).count();
        say(failed == 0 ? "Apply complete: " + r.plan().count(Change.Action.CREATE) + " created, " + r.plan().count(Change.Action.UPDATE)
                + " changed, " + r.plan().count(Change.Action.REMOVE) + " removed; " + r.verifications().size() + " units verified."
                : "Apply finished, but " + failed + " of " + r.verifications().size() + " units failed verification"
                + (r.rolledBack().isEmpty() ? "." : "; rolled back: " + String.join(", ", r.rolledBack()) + "."));
    }
}
