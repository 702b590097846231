package dev.unitgen;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** unitgen image render|build, without an engine. */
class ImageCliTest {
    @TempDir
    Path dir;

    Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
        return p;
    }

    static final String DEFS = """
            images:
              web:
                from: debian:12
                packages: [nginx]
                files:
                  - {source: conf/site.conf, target: /etc/nginx/conf.d/site.conf}
                  - {source: bin/check, target: /usr/local/bin/check, mode: "0750"}
            containers:
              web:
                image: web
            """;

    @Test
    void renderPrintsTheDockerfileAndOutWritesTheWholeContext() throws IOException {
        Path defs = write("defs/web.yaml", DEFS);
        write("defs/conf/site.conf", "server {}\n");
        write("defs/bin/check", "#!/bin/sh\n");
        Cli.Result r = Cli.run("image", "render", "web", defs.toString());
        assertThat(r.code()).as("%s", r).isZero();
        assertThat(r.out()).startsWith("# Image web: systemd as PID 1").contains("FROM debian:12\n")
                .contains("COPY [\"files/02-check\", \"/usr/local/bin/check\"]\n")
                .contains("RUN chmod 0644 /etc/nginx/conf.d/site.conf && chmod 0750 /usr/local/bin/check\n")
                .endsWith("CMD [\"/lib/systemd/systemd\"]\n");

        Path out = dir.resolve("ctx");
        Cli.Result w = Cli.run("image", "render", "--out", out.toString(), "web", defs.toString());
        assertThat(w.code()).as("%s", w).isZero();
        assertThat(w.out()).matches("(?s)Wrote the build context of unitgen/web:[0-9a-f]{12} to .* \\(Dockerfile and 2 files\\)\\.\n");
        assertThat(Files.readString(out.resolve("Dockerfile"))).isEqualTo(r.out());
        assertThat(Files.readString(out.resolve("files/01-site.conf"))).isEqualTo("server {}\n");
        assertThat(Files.getPosixFilePermissions(out.resolve("files/02-check"))).isEqualTo(PosixFilePermissions.fromString("rwxr-x---"));

        Cli.Result json = Cli.run("image", "render", "-o", "json", "web", defs.toString());
        assertThat(json.out()).contains("\"family\": \"debian\"", "\"network\": \"default\"", "\"path\": \"files/02-check\"",
                "\"mode\": \"0750\"", "\"size\": 10");

        // a changed file changes the tag, and the unit that runs it
        Cli.Result before = Cli.run("render", "--host-cgroup", "v1", defs.toString());
        assertThat(before.code()).as("%s", before).isZero();
        String unitBefore = before.out();
        write("defs/bin/check", "#!/bin/sh\nexit 0\n");
        String unitAfter = Cli.run("render", "--host-cgroup", "v1", defs.toString()).out();
        assertThat(unitAfter).isNotEqualTo(unitBefore);
        String tagAndDigest = "unitgen/web:[0-9a-f]{12}|Digest=sha256:[0-9a-f]+";
        assertThat(unitBefore.replaceAll(tagAndDigest, "X")).isEqualTo(unitAfter.replaceAll(tagAndDigest, "X"));
    }

    /** A successful image render -o json carries the definitions' warnings in diagnostics. */
    @Test
    void jsonCarriesTheDefinitionsWarnings() throws IOException {
        write("defs/conf/site.conf", "server {}\n");
        write("defs/bin/check", "#!/bin/sh\n");
        Path defs = write("defs/web.yaml", DEFS + "  other:\n    image: nginx\n");
        Cli.Result json = Cli.run("image", "render", "-o", "json", "web", defs.toString());
        assertThat(json.code()).as("%s", json).isZero();
        assertThat(json.out()).contains("\"warning_count\": 1", "\"severity\": \"warning\"", "latest");
    }

    @Test
    void unknownNamesMissingCommandsAndInvalidDefinitionsAreUsageErrors() throws IOException {
        Path defs = write("defs/web.yaml", DEFS.replace("    files:\n", "    files: []\n    x:\n").replaceAll("      - \\{source.*\\n", ""));
        Cli.Result bad = Cli.run("image", "render", "web", defs.toString());
        assertThat(bad.code()).as("%s", bad).isEqualTo(2);
        assertThat(bad.err()).contains("Error: unknown key \"x\" in image \"web\"", "web.yaml line 6, column 5:",
                "Error: the definitions are not valid");

        Path ok = write("ok/web.yaml", "images:\n  web:\n    from: debian:12\n  worker:\n    from: debian:12\n");
        Cli.Result unknown = Cli.run("image", "render", "wbe", ok.toString());
        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.err()).contains("Error: no image \"wbe\" is declared", "Did you mean web? Declared images: web, worker.");

        Cli.Result missing = Cli.run("image");
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains("Missing command: render or build");

        Cli.Result noName = Cli.run("image", "build");
        assertThat(noName.code()).isEqualTo(2);
        assertThat(noName.err()).contains("Missing required parameter: 'NAME'");

        // an images-only file is a valid definition file
        Cli.Result validate = Cli.run("validate", ok.toString());
        assertThat(validate.code()).as("%s", validate).isZero();
    }

    @Test
    void buildNeedsAReachableEngine() throws IOException {
        Path ok = write("ok/web.yaml", "images:\n  web:\n    from: debian:12\n");
        Cli.Result r = Cli.run("image", "build", "--docker-host", "unix://" + dir.resolve("no.sock"), "web", ok.toString());
        assertThat(r.code()).as("%s", r).isEqualTo(1);
        assertThat(r.err()).contains("Error: cannot reach the Docker engine at unix://");
    }
}
