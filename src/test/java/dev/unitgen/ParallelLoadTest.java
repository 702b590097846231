package dev.unitgen;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Many files are read, and many units rendered, on all cores: the result is that of one after
 * the other, in file order, every time.
 */
class ParallelLoadTest {
    @TempDir
    Path dir;

    private void files(int count, boolean mistakes) throws IOException {
        for (int f = 0; f < count; f++) {
            StringBuilder sb = new StringBuilder("containers:\n");
            for (int c = 0; c < 5; c++) {
                sb.append(String.format("  c%02d-%d:\n    image: nginx:1.27\n    command: [run, \"%d %d\"]\n", f, c, f, c));
                if (mistakes && c == f % 5) {
                    sb.append("    portz: [\"80:80\"]\n"); // unknown key: one error per file
                }
            }
            Files.writeString(dir.resolve(String.format("f%02d.yaml", f)), sb);
        }
    }

    @Test
    void unitsComeInFileOrderAsOneAfterTheOther() throws IOException {
        files(40, false);
        Cli.Result first = Cli.run("render", "--host-cgroup", "v2", dir.toString());
        assertThat(first.code()).as(first.toString()).isZero();
        List<String> names = new ArrayList<>();
        Matcher m = Pattern.compile("(?m)^# /etc/systemd/system/(c\\d\\d-\\d)\\.service$").matcher(first.out());
        while (m.find()) {
            names.add(m.group(1));
        }
        assertThat(names).hasSize(200).isSorted();
        for (int i = 0; i < 5; i++) {
            assertThat(Cli.run("render", "--host-cgroup", "v2", dir.toString()).out()).isEqualTo(first.out());
        }
        // one file alone renders its units (its containers and its default network) as in the whole
        String alone = Cli.run("render", "--host-cgroup", "v2", dir.resolve("f17.yaml").toString()).out();
        List<String> units = List.of(alone.strip().split("(?m)^(?=# /etc/systemd/system/)"));
        assertThat(units).hasSize(6);
        for (String unit : units) {
            assertThat(first.out()).contains(unit.strip());
        }
    }

    @Test
    void everyFilesDiagnosticsAreReportedEveryTime() throws IOException {
        files(40, true);
        Cli.Result first = Cli.run("validate", "--host-cgroup", "v2", dir.toString());
        assertThat(first.code()).isEqualTo(2);
        for (int f = 0; f < 40; f++) {
            assertThat(first.err()).contains(String.format("on %s line ", dir.resolve(String.format("f%02d.yaml", f))));
        }
        assertThat(first.err().split("\nError: ", -1)).hasSize(40);
        for (int i = 0; i < 5; i++) {
            assertThat(Cli.run("validate", "--host-cgroup", "v2", dir.toString()).err()).isEqualTo(first.err());
        }
    }
}
