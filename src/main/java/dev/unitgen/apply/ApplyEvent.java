package dev.unitgen.apply;

import dev.unitgen.host.ServiceManager;
import dev.unitgen.plan.Plan;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * What apply reports while it works, in order. Apply says nothing itself: the CLI turns these
 * events into text (cli/ApplyPrinter), or ignores them for --output json, whose report is
 * built from {@link Applier.Result}.
 */
public sealed interface ApplyEvent {
    /** The plan about to be carried out. */
    record Planned(Plan plan) implements ApplyEvent {
    }

    /** An image is pulled; {@code line}: a progress line of the pull (null when it starts). */
    record Pulling(String image, String line) implements ApplyEvent {
    }

    /**
     * apply --pull: a container's previous image {@code id}, kept under {@code ref} while its
     * update is verified; released when verified, or restored to its reference {@code image}
     * by a rollback.
     */
    record PreviousImage(String container, String image, String id, String ref, Step step) implements ApplyEvent {
        public enum Step { KEPT, RELEASED, RESTORED }
    }

    /** A declared image is built; {@code line}: a line of the build's output (null when it starts). */
    record Building(String tag, String image, String unit, String line) implements ApplyEvent {
    }

    record Built(String tag) implements ApplyEvent {
    }

    /** A removed unit's stop job ended. */
    record Stopped(String unit, String result) implements ApplyEvent {
    }

    /** A unit no longer declared was removed (with its env file). */
    record Removed(Path unitFile, boolean envFile) implements ApplyEvent {
    }

    record Wrote(Path unitFile) implements ApplyEvent {
    }

    /** What became of the engine object (network, volume) of a removed unit, as a sentence. */
    record ObjectPruned(String message) implements ApplyEvent {
    }

    /** A network of an earlier unitgen that this apply adopts (EngineObjects.Adoption), as a sentence. */
    record ObjectAdopted(String message) implements ApplyEvent {
    }

    record Disabled(List<String> units) implements ApplyEvent {
    }

    record Enabled(List<String> units) implements ApplyEvent {
    }

    record Reloaded(String address) implements ApplyEvent {
    }

    /** --offline: files written under {@code root}, nothing started. */
    record Offline(Path root) implements ApplyEvent {
    }

    /** A start or restart job ended. */
    record JobDone(String unit, ServiceManager.JobType type, String result) implements ApplyEvent {
    }

    /** Verification starts: {@code units} watched at once, the longest window {@code longest}. */
    record Verifying(int units, Duration longest) implements ApplyEvent {
    }

    /** Every unit's verification, in the order of the definitions. */
    record Verified(List<Verification> verifications) implements ApplyEvent {
    }

    /** Units that failed verification are put back as they were. */
    record RollingBack(int units) implements ApplyEvent {
    }

    /** During a rollback: a new unit removed, or a changed unit's previous files restored. */
    record RolledBack(String unit, boolean removed) implements ApplyEvent {
    }

    /** During a rollback: the restart job of a unit's previous version ended. */
    record RestartedPrevious(String unit, String result) implements ApplyEvent {
    }

    /** During a rollback: the verification of a unit's previous version. */
    record PreviousVerified(Verification verification) implements ApplyEvent {
    }
}
