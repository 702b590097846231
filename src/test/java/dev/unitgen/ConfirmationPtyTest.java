package dev.unitgen;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The question of apply and destroy on a real pseudo-terminal: the launcher
 * (packaging/launcher/unitgen) runs unitgen with its standard input, output and error on a pty
 * (src/test/resources/pty-drive.py, python3's pty module), which answers the question. Offline,
 * into a scratch root. The launcher finds a unitgen.jar that names the build's classes and
 * dependencies (a manifest-only jar), so the test needs no package phase.
 */
class ConfirmationPtyTest {
    @TempDir
    Path dir;
    Path root;
    Path home;

    @BeforeEach
    void setUp() throws IOException {
        root = Files.createDirectories(dir.resolve("root"));
        Files.createDirectories(root.resolve("etc/unitgen"));
        Files.writeString(root.resolve("etc/unitgen/a.yaml"), "containers:\n  web:\n    image: nginx:1.27\n");
        home = Files.createDirectories(dir.resolve("home"));
        Manifest m = new Manifest();
        m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        m.getMainAttributes().put(Attributes.Name.MAIN_CLASS, "dev.unitgen.Main");
        List<String> urls = new ArrayList<>();
        for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
            urls.add(Path.of(e).toUri().toString());
        }
        m.getMainAttributes().put(Attributes.Name.CLASS_PATH, String.join(" ", urls));
        try (OutputStream o = Files.newOutputStream(home.resolve("unitgen.jar")); JarOutputStream jar = new JarOutputStream(o, m)) {
            jar.flush();
        }
    }

    record Run(int code, String screen) {
    }

    Run onPty(String answer, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("python3", Cli.projectDir().resolve("src/test/resources/pty-drive.py").toString(),
                Cli.projectDir().resolve("packaging/launcher/unitgen").toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("UNITGEN_HOME", home.toString());
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        pb.environment().put("ANSWER", answer);
        Process p = pb.start();
        p.getOutputStream().close();
        String screen = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Run(p.waitFor(), screen);
    }

    @Test
    void applyAndDestroyAskOnATerminalAndYesSkipsTheQuestion() throws Exception {
        String[] apply = {"apply", "--offline", "--root", root.toString(), "--host-cgroup", "v2"};
        Run no = onPty("no", apply);
        assertThat(no.code()).as(no.screen()).isEqualTo(1);
        assertThat(no.screen()).contains("+ web.service (new)", "Do you want to perform these actions?", "Enter a value: no",
                "Apply cancelled: nothing was changed.");
        assertThat(root.resolve("etc/systemd/system/web.service")).doesNotExist();

        Run yes = onPty("yes", apply);
        assertThat(yes.code()).as(yes.screen()).isZero();
        assertThat(yes.screen()).contains("Enter a value: yes", "Offline: files written under");
        assertThat(root.resolve("etc/systemd/system/web.service")).exists();

        Run destroy = onPty("no", "destroy", "--yes", "--offline", "--root", root.toString(), "--all");
        assertThat(destroy.code()).as(destroy.screen()).isZero();
        assertThat(destroy.screen()).doesNotContain("Enter a value").contains("Destroyed web.service");
        assertThat(root.resolve("etc/systemd/system/web.service")).doesNotExist();
    }
}
