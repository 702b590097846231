package dev.unitgen;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
    void containersOfOneFileThatChooseNoNetworkShareTheFilesDefaultNetwork() throws IOException {
        write("shop.yaml", """
                defaults:
                  restart: always
                containers:
                  db:
                    image: postgres:16
                  app:
                    image: nginx:1.27
                    depends_on: [db]
                  host:
                    image: nginx:1.27
                    network_mode: host
                """);
        Path out = dir.resolve("out");
        Cli.Result r = Cli.run("render", "--host-cgroup", "v1", dir.resolve("shop.yaml").toString(), "--out", out.toString());
        assertThat(r.code()).as("%s", r).isZero();
        assertThat(r.err()).doesNotContain("share no network");
        try (var files = Files.list(out)) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted().toList())
                    .containsExactly("app.service", "db.service", "host.service", "shop_default-network.service");
        }
        for (String c : List.of("app", "db")) {
            assertThat(Files.readString(out.resolve(c + ".service"))).contains(" --network shop_default ",
                    "Requires=shop_default-network.service\nAfter=shop_default-network.service\n");
        }
        assertThat(Files.readString(out.resolve("host.service"))).contains("--network host").doesNotContain("shop_default");
        assertThat(Files.readString(out.resolve("shop_default-network.service"))).contains("Type=oneshot",
                "exec /usr/bin/docker network create --label dev.unitgen.network=", " shop_default >/dev/null");
    }

    @Test
    void aContainerAloneInItsFileGetsNoDefaultNetworkNorDoTwoThatChooseTheirNetworks() throws IOException {
        write("web.yaml", "containers:\n  web:\n    image: nginx:1.27\n  side:\n    image: nginx:1.27\n    network_mode: none\n");
        write("pair.yaml", "networks:\n  back: {}\ncontainers:\n  pa:\n    image: nginx:1.27\n    networks: [back]\n"
                + "  pb:\n    image: nginx:1.27\n    networks: [back]\n");
        Cli.Result r = Cli.run("render", "--host-cgroup", "v1", dir.toString());
        assertThat(r.code()).as("%s", r).isZero();
        assertThat(r.out()).doesNotContain("_default").contains("back-network.service");
        assertThat(r.out().lines().filter(l -> l.startsWith("ExecStart=/usr/bin/docker run") && l.contains(" web "))
                .findFirst().orElseThrow()).doesNotContain("--network");
    }

    @Test
    void theDefaultNetworkTakesTheOptionsOfADeclarationOfItsNameInTheSameFile() throws IOException {
        write("My Stack.yml", """
                networks:
                  mystack_default:
                    ipam: {config: [{subnet: 172.29.5.0/24}]}
                containers:
                  ka:
                    image: nginx:1.27
                  kb:
                    image: nginx:1.27
                    networks: [mystack_default]
                  kc:
                    image: nginx:1.27
                """);
        Cli.Result r = Cli.run("render", "--host-cgroup", "v1", dir.toString());
        assertThat(r.code()).as("%s", r).isZero();
        assertThat(r.out()).contains("network create --subnet 172.29.5.0/24 --label dev.unitgen.network=");
        assertThat(r.out().split("network create ", -1)).as("one network unit").hasSize(2);
        assertThat(r.out().split("--network mystack_default ", -1)).as("a, b and c join it").hasSize(4);
    }

    @Test
    void aDependencyOnAContainerOfTheDefaultNetworkFromOneThatChoseAnotherIsAWarningThatNamesIt() throws IOException {
        write("app.yaml", """
                networks:
                  front: {}
                containers:
                  db:
                    image: postgres:16
                  cache:
                    image: redis:7
                  web:
                    image: nginx:1.27
                    networks: [front]
                    depends_on: [db]
                """);
        Cli.Result r = Cli.run("validate", dir.toString());
        assertThat(r.code()).as("%s", r).isZero();
        assertThat(r.err()).contains("Warning: container \"web\" depends on \"db\", but they share no network",
                "share the file's default network (app_default)");
    }

    @Test
    void nameGivesTheEngineNameWhileContainersAndTheUnitUseTheKey() throws IOException {
        write("a.yaml", """
                networks:
                  front: {}
                  back: {name: myproj_backend, internal: true}
                  edge: {name: proxy_edge, external: true}
                volumes:
                  dbdata: {name: myproj_dbdata}
                  media: {name: myproj_media, external: true}
                containers:
                  app:
                    image: nginx:1.27
                    networks:
                      front: {}
                      back: {aliases: [api]}
                      edge: {}
                    volumes: ["dbdata:/var/lib/data", "media:/media:ro"]
                """);
        Path out = dir.resolve("out");
        Cli.Result r = Cli.run("render", "--host-cgroup", "v1", dir.resolve("a.yaml").toString(), "--out", out.toString());
        assertThat(r.code()).as("%s", r).isZero();
        try (var files = Files.list(out)) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted().toList())
                    .containsExactly("app.service", "back-network.service", "dbdata-volume.service", "front-network.service");
        }
        String app = Files.readString(out.resolve("app.service"));
        assertThat(app).contains("--volume myproj_dbdata:/var/lib/data --volume myproj_media:/media:ro",
                "/usr/bin/docker network connect --alias api myproj_backend app",
                "/usr/bin/docker network connect proxy_edge app", "Requires=back-network.service")
                .doesNotContain(" dbdata:/", "connect back ", "connect edge ");
        String back = Files.readString(out.resolve("back-network.service"));
        assertThat(back).contains("exec /usr/bin/docker network create --internal --label dev.unitgen.network=",
                " myproj_backend >/dev/null", "Network=myproj_backend", "network myproj_backend exists and was not created by unitgen",
                "Description=Docker network myproj_backend");
        assertThat(Files.readString(out.resolve("dbdata-volume.service"))).contains(" myproj_dbdata >/dev/null", "Volume=myproj_dbdata");
    }

    @Test
    void twoKeysWithOneEngineNameAreAnErrorUnlessAllAreExternal() throws IOException {
        write("a.yaml", """
                volumes:
                  one: {name: shared}
                  shared: {}
                  ext1: {name: outside, external: true}
                  ext2: {name: outside, external: true}
                containers:
                  app:
                    image: nginx:1.27
                    volumes: ["one:/a", "shared:/b", "ext1:/c", "ext2:/d"]
                """);
        Cli.Result r = Cli.run("validate", dir.toString());
        assertThat(r.code()).as("%s", r).isEqualTo(2);
        assertThat(r.err()).contains("Error: volume \"one\" has the engine name \"shared\" of \"shared\"",
                "Error: volume \"shared\" has the engine name \"shared\" of \"one\"", "line 2, column 3:", "line 3, column 3:")
                .doesNotContain("\"ext1\" has", "\"ext2\" has");
        assertThat(r.err().split("Error: ", -1)).as("two errors").hasSize(3);
    }

    @Test
    void nameIsCheckedAndAnExternalDeclarationTakesNoOtherKeyButName() throws IOException {
        write("a.yaml", """
                networks:
                  n1: {name: "bad name"}
                  n2: {name: x_y, external: true, internal: true}
                containers:
                  app:
                    image: nginx:1.27
                    networks: [n1, n2]
                """);
        Cli.Result r = Cli.run("validate", dir.toString());
        assertThat(r.code()).as("%s", r).isEqualTo(2);
        assertThat(r.err()).contains("Error: invalid name \"bad name\"", "Error: network \"n2\" is external but has options",
                "remove its keys other than name:");
        Cli.Result keys = Cli.run("keys", "--table", "volume");
        assertThat(keys.out()).contains("name", "The engine's name of the volume (default: its key)");
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
