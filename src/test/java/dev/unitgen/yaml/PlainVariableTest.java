package dev.unitgen.yaml;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unitgen.Cli;
import dev.unitgen.diag.Diagnostics;
import dev.unitgen.diag.SourceFile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A plain ${VAR} (which snakeyaml-engine tags !ENV_VARIABLE) is text like any other scalar:
 * unitgen interpolates nothing, so it reaches the container as written; an explicit custom
 * tag is still refused.
 */
class PlainVariableTest {
    @TempDir
    Path dir;

    @Test
    void aPlainVariableIsTextAndReachesTheEnvFileAsWritten() throws Exception {
        Diagnostics d = new Diagnostics();
        YamlParser.parse(new SourceFile(null, "t.yaml", "a: ${HOME}\nb: ${X:-default}\nc: !custom x\n"), d);
        assertThat(d.sorted()).singleElement().satisfies(e -> assertThat(e.summary()).isEqualTo("unsupported YAML tag \"!custom\""));

        Diagnostics ok = new Diagnostics();
        YMap map = (YMap) YamlParser.parse(new SourceFile(null, "t.yaml", "a: ${HOME}\nb: ${X:-default}\n"), ok).orElseThrow();
        assertThat(ok.sorted()).isEmpty();
        assertThat(((YScalar) map.get("a").orElseThrow()).value()).isEqualTo("${HOME}");
        assertThat(((YScalar) map.get("b").orElseThrow()).value()).isEqualTo("${X:-default}");

        Path f = dir.resolve("web.yaml");
        Files.writeString(f, "containers:\n  web:\n    image: nginx:1.27\n    environment:\n      A: ${HOME}\n");
        Path out = dir.resolve("out");
        Cli.Result r = Cli.run("render", "--host-cgroup", "v1", "--out", out.toString(), f.toString());
        assertThat(r.code()).as("%s", r).isZero();
        assertThat(Files.readString(out.resolve("env/web.env"))).contains("\nA=${HOME}\n");
    }
}
