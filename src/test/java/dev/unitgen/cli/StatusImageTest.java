package dev.unitgen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unitgen.FakeEngine;
import dev.unitgen.FakeServiceManager;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** status: the image ID each container runs, and whether its tag points elsewhere on the engine now. */
class StatusImageTest {
    static final String OLD = "sha256:" + "a".repeat(64);
    static final String NEW = "sha256:" + "b".repeat(64);
    static final String UNIT = "[Unit]\nDescription=x\n[Service]\nExecStart=/bin/true\n[X-Unitgen]\nContainer=web\nImage=nginx:1.27\n";

    static final class Engine extends FakeEngine {
        final Map<String, String> refs = new HashMap<>();

        @Override
        public Optional<String> imageId(String image) {
            return Optional.ofNullable(refs.get(image));
        }

        @Override
        public Optional<String> containerImageId(String name) {
            return Optional.of(OLD);
        }
    }

    Map<String, Object> row(Engine engine) {
        return StatusCommand.row("web.service", UNIT, new FakeServiceManager(), engine, (u, n) -> List.of());
    }

    @Test
    void theImageIdAndWhetherTheTagStillPointsToIt() {
        Engine engine = new Engine();
        engine.refs.put("nginx:1.27", OLD);
        Map<String, Object> current = row(engine);
        assertThat(current).containsEntry("image", "nginx:1.27").containsEntry("image_id", OLD)
                .containsEntry("image_tag_id", OLD).containsEntry("image_current", true);
        assertThat(StatusCommand.imageId(current)).isEqualTo("sha256:aaaaaaaaaaaa");

        engine.refs.put("nginx:1.27", NEW); // pulled, not applied
        Map<String, Object> moved = row(engine);
        assertThat(moved).containsEntry("image_tag_id", NEW).containsEntry("image_current", false);
        assertThat(StatusCommand.imageId(moved)).isEqualTo("sha256:aaaaaaaaaaaa (tag: sha256:bbbbbbbbbbbb)");

        engine.refs.clear();
        assertThat(StatusCommand.imageId(row(engine))).isEqualTo("sha256:aaaaaaaaaaaa (tag: not on the engine)");
        assertThat(StatusCommand.imageId(Map.of())).isEqualTo("-");
    }
}
