package dev.unitgen.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unitgen.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packages built by `mvn -Ppackages package`: lintian has nothing to say about the
 * .deb; it installs on this Debian 12 machine (the launcher runs, with the AppCDS archive
 * made at install time; man pages render), upgrades keeping a changed conffile, removes
 * leaving only the conffile, and purges leaving nothing. The .rpm's files, dependencies and
 * scripts are read with rpm -qp.
 */
@Tag("e2e")
class PackagingE2E {
    static Path deb;
    static Path rpm;

    @TempDir
    Path tmp;

    @BeforeAll
    static void packages() throws Exception {
        Path target = Cli.projectDir().resolve("target");
        String version = dev.unitgen.cli.VersionProvider.version();
        deb = target.resolve("unitgen_" + version + "_all.deb");
        rpm = target.resolve("unitgen-" + version + "-1.noarch.rpm");
        assertThat(deb).as("build with mvn -Ppackages package (scripts/test does)").exists();
        assertThat(rpm).exists();
        TestEnv.Exec installed = sh("dpkg-query -W -f '${Status}' unitgen 2>/dev/null || true");
        assertThat(installed.out()).as("unitgen must not be installed before this test (it installs and purges it)")
                .doesNotContain("installed");
    }

    @AfterAll
    static void purge() throws Exception {
        sh("dpkg -P unitgen >/dev/null 2>&1 || true");
    }

    static TestEnv.Exec sh(String script) throws Exception {
        return TestEnv.run(Map.of(), Duration.ofMinutes(5), List.of("/bin/sh", "-c", script));
    }

    static TestEnv.Exec ok(String script) throws Exception {
        TestEnv.Exec e = sh(script);
        assertThat(e.code()).as("%s\n%s", script, e.out()).isZero();
        return e;
    }

    @Test
    void lintianHasNothingToSay() throws Exception {
        TestEnv.Exec e = sh("lintian --pedantic -I " + deb + " 2>&1 | grep -v 'running with root privileges' ; true");
        assertThat(e.out().strip()).as("lintian").isEmpty();
    }

    @Test
    void installUpgradeRemovePurge() throws Exception {
        ok("dpkg -i " + deb);
        TestEnv.Exec version = ok("unitgen --version 2>&1");
        assertThat(version.out().strip()).isEqualTo("unitgen " + dev.unitgen.cli.VersionProvider.version());
        assertThat(Path.of("/var/lib/unitgen/unitgen.jsa")).as("AppCDS archive made at install").exists();
        assertThat(Files.readString(Path.of("/var/lib/unitgen/unitgen.jsa.stamp"))).contains("/bin/java ");
        assertThat(ok("MANWIDTH=80 man unitgen 2>&1").out()).contains("NAME", "unitgen - run Docker containers", "EXIT STATUS");
        assertThat(ok("MANWIDTH=80 man 5 unitgen.yaml 2>&1").out()).contains("CONTAINER KEYS", "healthcheck");
        assertThat(ok("bash -c 'source /usr/share/bash-completion/completions/unitgen && complete -p unitgen'").out())
                .contains("_complete_unitgen");
        assertThat(ok("unitgen validate /usr/share/unitgen/training").out()).contains("Success!");
        // the optional re-apply units are valid and not enabled
        assertThat(ok("systemd-analyze verify --man=no /lib/systemd/system/unitgen-apply.service /lib/systemd/system/unitgen-apply.path 2>&1")
                .out().strip()).isEmpty();
        assertThat(Path.of("/etc/systemd/system/paths.target.wants/unitgen-apply.path")).doesNotExist();
        // a stale archive (another JDK) is skipped silently
        ok("cp /var/lib/unitgen/unitgen.jsa.stamp " + tmp + "/stamp && echo stale > /var/lib/unitgen/unitgen.jsa.stamp");
        TestEnv.Exec stale = ok("unitgen --version 2>&1");
        assertThat(stale.out().strip()).isEqualTo(version.out().strip());
        ok("cp " + tmp + "/stamp /var/lib/unitgen/unitgen.jsa.stamp");

        // upgrade to a newer version, keeping the administrator's change to the conffile
        ok("echo '# changed by the admin' >> /etc/unitgen/example.yaml.sample");
        ok("cd " + tmp + " && dpkg-deb -R " + deb + " pkg && sed -i 's/^Version: .*/&+1/' pkg/DEBIAN/control"
                + " && dpkg-deb -b pkg next.deb >/dev/null");
        ok("dpkg -i --force-confold " + tmp + "/next.deb");
        assertThat(ok("dpkg-query -W -f '${Version}' unitgen").out()).endsWith("+1");
        assertThat(Files.readString(Path.of("/etc/unitgen/example.yaml.sample"))).contains("# changed by the admin");
        assertThat(Path.of("/var/lib/unitgen/unitgen.jsa")).exists();

        ok("dpkg -r unitgen");
        for (String gone : List.of("/usr/bin/unitgen", "/usr/share/unitgen", "/usr/share/man/man1/unitgen.1.gz",
                "/usr/share/bash-completion/completions/unitgen", "/var/lib/unitgen/unitgen.jsa", "/var/lib/unitgen")) {
            assertThat(Path.of(gone)).as("after dpkg -r").doesNotExist();
        }
        assertThat(Path.of("/etc/unitgen/example.yaml.sample")).as("the conffile stays until purge").exists();
        ok("dpkg -P unitgen");
        assertThat(Path.of("/etc/unitgen")).as("after dpkg -P").doesNotExist();
        assertThat(ok("dpkg-query -W -f '${Status}' unitgen 2>&1 || true").out()).doesNotContain("installed");
    }

    @Test
    void theRpmHasTheSameFilesDependenciesAndScripts() throws Exception {
        String files = ok("rpm -qpl " + rpm + " 2>/dev/null").out();
        assertThat(files).contains("/usr/bin/unitgen", "/usr/share/unitgen/unitgen.jar", "/usr/share/unitgen/lib/picocli-4.7.7.jar",
                "/usr/share/man/man1/unitgen.1.gz", "/usr/share/man/man5/unitgen.yaml.5.gz",
                "/usr/share/bash-completion/completions/unitgen", "/usr/share/zsh/site-functions/_unitgen",
                "/etc/unitgen/example.yaml.sample", "/var/lib/unitgen", "/usr/lib/systemd/system/unitgen-apply.path");
        assertThat(ok("rpm -qpc " + rpm + " 2>/dev/null").out().strip()).isEqualTo("/etc/unitgen/example.yaml.sample");
        assertThat(ok("rpm -qpR " + rpm + " 2>/dev/null").out()).contains("java-headless >= 1:17");
        assertThat(ok("rpm -qp --recommends " + rpm + " 2>/dev/null").out()).contains("docker", "systemd");
        String scripts = ok("rpm -qp --scripts --triggers " + rpm + " 2>/dev/null").out();
        assertThat(scripts).contains("postinstall scriptlet", "/usr/share/unitgen/make-cds-archive", "postuninstall scriptlet",
                "triggerin scriptlet");
        assertThat(ok("rpm -qp --qf '%{ARCH} %{VERSION}' " + rpm + " 2>/dev/null").out())
                .isEqualTo("noarch " + dev.unitgen.cli.VersionProvider.version());
    }
}
