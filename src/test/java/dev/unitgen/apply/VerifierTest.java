package dev.unitgen.apply;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unitgen.FakeEngine;
import dev.unitgen.FakeServiceManager;
import dev.unitgen.host.ContainerEngine;
import dev.unitgen.host.UnitState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The stability window's logic on a virtual clock: each container's life is a script of what
 * the unit and docker say at each moment, so the tests are exact and take no real time.
 */
class VerifierTest {
    static final Duration WINDOW = Duration.ofSeconds(10);
    static final Duration SETTLE = Duration.ofSeconds(120);

    /** Virtual time in nanoseconds; pause() moves it on. */
    static final class VirtualClock implements Verifier.Clock {
        long now;
        int pauses;

        @Override
        public long nanos() {
            return now;
        }

        @Override
        public void pause(Duration d) {
            now += d.toNanos();
            pauses++;
        }

        double seconds() {
            return now / 1e9;
        }
    }

    /** One container's life: a new id at each start time (seconds), dead after `diesAt`. */
    record Life(String name, double diesAt, double restartsAt, String healthFrom, double healthAt) {
        static Life up(String name) {
            return new Life(name, Double.MAX_VALUE, Double.MAX_VALUE, null, 0);
        }
    }

    final VirtualClock clock = new VirtualClock();
    final Map<String, Life> lives = new LinkedHashMap<>();
    final Map<String, String> unitActivatingUntil = new HashMap<>();
    int inspects;

    final FakeServiceManager manager = new FakeServiceManager() {
        @Override
        public UnitState state(String unit) {
            return stateAt(unit);
        }

        @Override
        public Map<String, UnitState> states(List<String> units) {
            Map<String, UnitState> out = new LinkedHashMap<>();
            units.forEach(u -> out.put(u, stateAt(u)));
            return out;
        }
    };

    UnitState stateAt(String unit) {
        Life l = lives.get(unit.replace(".service", ""));
        double t = clock.seconds();
        String until = unitActivatingUntil.get(unit);
        if (until != null && t < Double.parseDouble(until)) {
            return new UnitState("loaded", "activating", "start-post", "", 0, 0, 0);
        }
        if (t >= l.diesAt && t < l.restartsAt) {
            return new UnitState("loaded", "activating", "auto-restart", "exit-code", 3, 1, 0);
        }
        return new UnitState("loaded", "active", "running", "success", 0, t >= l.restartsAt ? 1 : 0, 1);
    }

    Optional<ContainerEngine.ContainerInfo> containerAt(String name) {
        Life l = lives.get(name);
        double t = clock.seconds();
        if (t >= l.diesAt && t < l.restartsAt) {
            return Optional.empty(); // --rm: gone
        }
        String id = t >= l.restartsAt ? "id2-" + name : "id1-" + name;
        String health = l.healthFrom == null ? null : t >= l.healthAt ? l.healthFrom : "healthy";
        return Optional.of(new ContainerEngine.ContainerInfo(id, name, "img", "running", true, null, health, 0, 0));
    }

    final FakeEngine engine = new FakeEngine() {
        @Override
        public Optional<ContainerInfo> inspect(String name) {
            inspects++;
            return containerAt(name);
        }

        @Override
        public Map<String, ContainerInfo> listByLabel(String label) {
            Map<String, ContainerInfo> out = new LinkedHashMap<>();
            lives.keySet().forEach(n -> containerAt(n).ifPresent(c -> out.put(n, c)));
            return out;
        }
    };

    List<Verification> verify(Duration window, Life... ls) {
        List<Verifier.Target> targets = new ArrayList<>();
        for (Life l : ls) {
            lives.put(l.name(), l);
            targets.add(new Verifier.Target(l.name() + ".service", l.name(), false, window, SETTLE));
        }
        return new Verifier(manager, engine, (u, n) -> List.of("journal of " + u), clock).verify(targets);
    }

    @Test
    void aContainerThatStaysUpIsVerifiedOnceItsWindowIsOverAndNotBefore() {
        List<Verification> v = verify(WINDOW, Life.up("web"));
        assertThat(v).singleElement().satisfies(x -> assertThat(x.ok()).isTrue());
        assertThat(clock.seconds()).isBetween(10.0, 10.0 + Verifier.TICK.toMillis() / 1000.0);
    }

    @Test
    void containersThatDieZeroOneThreeOrSixSecondsAfterStartFailAndTheWatchEndsAtTheFirstSign() {
        for (double dies : new double[] {0.1, 1, 3, 6}) {
            clock.now = 0;
            lives.clear();
            List<Verification> v = verify(WINDOW, new Life("c", dies, dies + 2, null, 0));
            assertThat(v).singleElement().satisfies(x -> {
                assertThat(x.ok()).as("dies at %ss", dies).isFalse();
                assertThat(x.problems()).singleElement().asString().contains("activating/auto-restart");
                assertThat(x.details()).contains("  journal of c.service");
            });
            assertThat(clock.seconds()).as("ends at the first sign").isLessThan(dies + 0.5);
        }
    }

    @Test
    void aContainerReplacedBetweenTwoLooksFailsAsReplacedOrRestarted() {
        // restarted by systemd between two ticks: a new container id, NRestarts 1
        List<Verification> v = verify(WINDOW, new Life("c", 4.05, 4.1, null, 0));
        assertThat(v.get(0).ok()).isFalse();
        assertThat(v.get(0).problems().get(0)).containsAnyOf("was replaced", "restarted");
    }

    @Test
    void anUnhealthyContainerFailsAtOnce() {
        List<Verification> v = verify(WINDOW, new Life("c", Double.MAX_VALUE, Double.MAX_VALUE, "unhealthy", 2));
        assertThat(v.get(0).problems()).containsExactly("container c is unhealthy");
        assertThat(clock.seconds()).isLessThan(2.5);
    }

    @Test
    void theWindowsOfManyUnitsRunAtTheSameTime() {
        List<Life> many = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            many.add(Life.up("c" + i));
        }
        List<Verification> v = verify(WINDOW, many.toArray(new Life[0]));
        assertThat(v).hasSize(50).allMatch(Verification::ok);
        assertThat(clock.seconds()).as("one window, not fifty").isLessThan(10.5);
    }

    @Test
    void aUnitStillStartingIsWaitedForThenItsWindowCounts() {
        unitActivatingUntil.put("c.service", "5");
        List<Verification> v = verify(WINDOW, Life.up("c"));
        assertThat(v.get(0).ok()).isTrue();
    }

    @Test
    void aUnitThatNeverSettlesFailsAtItsBound() {
        unitActivatingUntil.put("c.service", "100000");
        List<Verification> v = verify(WINDOW, Life.up("c"));
        assertThat(v.get(0).problems()).singleElement().asString().contains("still activating/start-post after 130s");
        assertThat(clock.seconds()).isBetween(130.0, 131.0);
    }

    @Test
    void aZeroWindowLooksOnce() {
        List<Verification> v = verify(Duration.ZERO, Life.up("c"));
        assertThat(v.get(0).ok()).isTrue();
        assertThat(clock.pauses).isZero();
    }

    @Test
    void aContainerCreatedLongAgoIsVerifiedFromTheListingAlone() {
        lives.put("old", Life.up("old"));
        FakeEngine listingOnly = new FakeEngine() {
            @Override
            public Optional<ContainerInfo> inspect(String name) {
                inspects++;
                return Optional.empty();
            }

            @Override
            public Map<String, ContainerInfo> listByLabel(String label) {
                long created = java.time.Instant.now().getEpochSecond() - 3600;
                return Map.of("old", new ContainerInfo("id", "old", "img", "running", true, null, null, 0, created));
            }
        };
        List<Verification> v = new Verifier(manager, listingOnly, (u, n) -> List.of(), clock)
                .verify(List.of(new Verifier.Target("old.service", "old", false, WINDOW, SETTLE)));
        assertThat(v.get(0).ok()).isTrue();
        assertThat(inspects).isZero();
        assertThat(clock.pauses).isZero();
    }
}
