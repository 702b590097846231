package dev.unitgen;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Top-level networks: and volumes: declarations: across files, their options on the command lines, unitgen keys. */
class NetworksAndVolumesTest {
    @TempDir
    Path dir;

    private Path write(String name, String yaml) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, yaml);
        return p;
    }

    @Test
    void aNetworkDeclaredInTwoFilesWithDifferentOptionsIsAnErrorAtEachDeclaration() throws IOException {
        write("a.yaml", "networks:\n  backend:\n    internal: true\ncontainers:\n  app:\n    image: nginx:1.27\n    networks: [backend]\n");
        write("b.yaml", "networks:\n  backend: {}\ncontainers:\n  db:\n    image: postgres:16\n    networks: [backend]\n");
        Cli.Result r = Cli.run("validate", dir.toString());
        assertThat(r.code()).as("%s", r).isEqualTo(2);
        assertThat(r.err()).contains("on " + dir.resolve("a.yaml") + " line 2, column 3:", "on " + dir.resolve("b.yaml") + " line 2, column 3:",
                "Error: network \"backend\" is declared more than once, with different options");
    }

    @Test
    void theSameDeclarationInTwoFilesIsOneNetwork() throws IOException {
        write("a.yaml", "networks:\n  backend: {internal: true}\ncontainers:\n  app:\n    image: nginx:1.27\n    networks: [backend]\n");
        write("b.yaml", "networks:\n  backend:\n    internal: true\ncontainers:\n  db:\n    image: postgres:16\n    networks: [backend]\n");
        Cli.Result r = Cli.run("validate", dir.toString());
        assertThat(r.code()).as("%s", r).isZero();
    }

    @Test
    void aDeclaredNetworkAndVolumeGetUnitsOfTheirOwnThatTheContainersRequireAndAnExternalOneDoesNot() throws IOException {
        write("a.yaml", """
                networks:
                  v6: {enable_ipv6: true, attachable: true, internal: true, ipam: {config: [{subnet: "fd00:1::/64"}]}}
                  outside: {external: true}
                volumes:
                  data: {driver: local, driver_opts: {type: tmpfs, device: tmpfs, o: "size=100m,uid=1000"}}
                  shared: {external: true}
                containers:
                  app:
                    image: nginx:1.27
                    networks: [v6]
                    volumes: ["data:/srv", "shared:/shared"]
                  web:
                    image: nginx:1.27
                    networks: [outside]
                """);
        Path out = dir.resolve("out");
        Cli.Result r = Cli.run("render", "--host-cgroup", "v1", dir.resolve("a.yaml").toString(), "--out", out.toString());
        assertThat(r.code()).as("%s", r).isZero();
        try (var files = Files.list(out)) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted().toList())
                    .containsExactly("app.service", "data-volume.service", "v6-network.service", "web.service");
        }
        String app = Files.readString(out.resolve("app.service"));
        assertThat(app).contains("Requires=v6-network.service\nAfter=v6-network.service\nRequires=data-volume.service\n"
                + "After=data-volume.service\n").doesNotContain("shared-volume", "network create", "volume create");
        assertThat(Files.readString(out.resolve("web.service"))).doesNotContain("outside-network", "network create");
        assertThat(Files.readString(out.resolve("v6-network.service"))).contains("Type=oneshot", "RemainAfterExit=yes",
                "exec /usr/bin/docker network create --subnet fd00:1::/64 --internal --ipv6 --attachable --label dev.unitgen.network=");
        assertThat(Files.readString(out.resolve("data-volume.service"))).contains(
                "exec /usr/bin/docker volume create --driver local --opt device=tmpfs --opt o=size=100m,uid=1000 --opt type=tmpfs "
                        + "--label dev.unitgen.volume=");
    }

    @Test
    void theOwnershipLabelIsADigestOfTheOptions() throws IOException {
        String containers = "containers:\n  app:\n    image: nginx:1.27\n    networks: [net]\n";
        write("a.yaml", "networks:\n  net: {internal: true}\n" + containers);
        String internal = Cli.run("render", "--host-cgroup", "v1", dir.toString()).out();
        write("a.yaml", "networks:\n  net: {}\n" + containers);
        String plain = Cli.run("render", "--host-cgroup", "v1", dir.toString()).out();
        String label = "dev.unitgen.network=";
        String a = internal.substring(internal.indexOf(label), internal.indexOf(label) + label.length() + 16);
        String b = plain.substring(plain.indexOf(label), plain.indexOf(label) + label.length() + 16);
        assertThat(a).matches("dev\\.unitgen\\.network=[0-9a-f]{16}");
        assertThat(b).matches("dev\\.unitgen\\.network=[0-9a-f]{16}").isNotEqualTo(a);
    }

    @Test
    void keysListsTheNetworkAndVolumeTables() {
        Cli.Result net = Cli.run("keys", "--table", "network");
        assertThat(net.code()).isZero();
        assertThat(net.out()).contains("ipam  (", "--subnet", "enable_ipv6  (network key, boolean)  ->  --ipv6");
        Cli.Result vol = Cli.run("keys", "-t", "volume", "--output", "json");
        assertThat(vol.out()).contains("\"name\": \"driver_opts\"", "\"maps_to\": \"--opt\"").doesNotContain("ipam");
        Cli.Result bad = Cli.run("keys", "subnet");
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("unknown key \"subnet\"");
        Cli.Result named = Cli.run("keys", "enable_ipv6", "external");
        assertThat(named.out()).contains("enable_ipv6  (network key, boolean)", "external  (network key", "external  (volume key");
    }

    @Test
    void aDependencyOnAContainerThatSharesNoNetworkIsAWarning() throws IOException {
        write("a.yaml", """
                networks:
                  back: {}
                containers:
                  db:
                    image: postgres:16
                  app:
                    image: nginx:1.27
                    networks: [back]
                    depends_on: [db]
                  ok:
                    image: nginx:1.27
                    networks: [back]
                    depends_on: [app]
                  side:
                    image: nginx:1.27
                    network_mode: service:app
                    depends_on: [app]
                """);
        Cli.Result r = Cli.run("validate", dir.toString());
        assertThat(r.code()).as("%s", r).isZero();
        assertThat(r.err()).contains("Warning: container \"app\" depends on \"db\", but they share no network: db does not resolve by name in app",
                "line 9, column 18:");
        assertThat(r.out()).contains("1 warning");
    }

    @Test
    void anAnonymousVolumeGetsADeterministicNameOfItsOwnAndAUnitThatCreatesIt() throws IOException {
        write("a.yaml", "defaults:\n  volumes: [/cache]\ncontainers:\n  web:\n    image: nginx:1.27\n  api:\n    image: nginx:1.27\n"
                + "    volumes: [/app/node_modules, \"/srv:/srv:ro\"]\n");
        Path out = dir.resolve("out");
        Cli.Result r = Cli.run("render", "--host-cgroup", "v1", dir.resolve("a.yaml").toString(), "--out", out.toString());
        assertThat(r.code()).as("%s", r).isZero();
        try (var files = Files.list(out)) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.contains("-anon-")).sorted().toList())
                    .containsExactly("api-anon-app_node_modules-ad806e3f-volume.service", "web-anon-cache-4f7cfe6f-volume.service");
        }
        assertThat(Files.readString(out.resolve("api.service"))).contains("Requires=api-anon-app_node_modules-ad806e3f-volume.service",
                "--volume api-anon-app_node_modules-ad806e3f:/app/node_modules --volume /srv:/srv:ro");
        Cli.Result again = Cli.run("render", "--host-cgroup", "v1", dir.resolve("a.yaml").toString());
        assertThat(again.out()).contains("--volume web-anon-cache-4f7cfe6f:/cache");
    }
}
