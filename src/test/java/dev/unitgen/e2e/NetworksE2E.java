package dev.unitgen.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unitgen.Cli;
import dev.unitgen.host.ServiceManager;
import dev.unitgen.host.systemd.DbusServiceManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Declared networks and volumes against the real manager and engine (testenv/up.sh): their
 * units create them once before the containers start (all units started at once), also at
 * boot; ownership, pruning, foreign objects, volumes that keep their data. Each test starts
 * from {@code destroy --all} and without the test's networks and volumes.
 */
@Tag("e2e")
class NetworksE2E {
    static String root;
    static String bus;
    static String docker;
    static String image;
    static DbusServiceManager manager;

    static final List<String> NETWORKS = List.of("ug-net", "ug-back", "ug-foreign-net", "ug-prune", "ugdef_default", "data_default",
            "ug-old", "ug-dup");
    /** The name unitgen gives ug-anon's anonymous volume at /cache. */
    static final String ANON = "ug-anon-anon-cache-4f7cfe6f";
    static final List<String> VOLUMES = List.of("ug-data", ANON, "ug-legacy-data");
    static final List<String> FOREIGN_CONTAINERS = List.of("ug-stranger");

    @TempDir
    Path defs;

    @BeforeAll
    static void environment() {
        root = TestEnv.require("UNITGEN_TEST_ROOT");
        bus = TestEnv.require("UNITGEN_TEST_BUS_ADDRESS");
        docker = TestEnv.dockerV1();
        image = TestEnv.image();
        manager = DbusServiceManager.connect(bus);
    }

    @AfterAll
    static void cleanUp() throws Exception {
        if (manager != null) {
            Cli.run("destroy", "--all", "--volumes", "--root", root, "--bus-address", bus);
            manager.close();
        }
        removeTestObjects();
    }

    @BeforeEach
    void cleanState() throws Exception {
        Cli.Result r = Cli.run("destroy", "--all", "--volumes", "--root", root, "--bus-address", bus);
        assertThat(r.code()).as("%s", r).isZero();
        removeTestObjects();
    }

    static void removeTestObjects() throws Exception {
        if (docker == null) {
            return; // no test environment: nothing was made
        }
        TestEnv.removeObjects(docker, FOREIGN_CONTAINERS, NETWORKS, VOLUMES);
    }

    static TestEnv.Exec dockerCli(String... args) throws Exception {
        return TestEnv.docker(docker, Duration.ofSeconds(60), args);
    }

    Cli.Result unitgen(String command, String... more) {
        return Cli.run(TestEnv.unitgenArgs(command, root, bus, defs, more).toArray(new String[0]));
    }

    void define(String file, String yaml) throws IOException {
        Files.writeString(defs.resolve(file), yaml.replace("IMAGE", image));
    }

    static String sleeper(String name, String more) {
        return "  " + name + ":\n    image: IMAGE\n    command: [sleep, infinity]\n" + more;
    }

    static String networksNamed(String name) throws Exception {
        return dockerCli("network", "ls", "-q", "--filter", "name=^" + name + "$").out().strip();
    }

    static boolean resolves(String from, String name) throws Exception {
        TestEnv.Exec e = dockerCli("exec", from, "getent", "hosts", name);
        return e.code() == 0 && e.out().contains(name);
    }

    static boolean eventually(Duration within, VerificationE2E.Check check) throws Exception {
        return VerificationE2E.eventually(within, check);
    }

    static boolean up(String container) throws Exception {
        return manager.state(container + ".service").isActiveRunning()
                && dockerCli("inspect", "-f", "{{.State.Running}}", container).out().strip().equals("true");
    }

    /** ug-na, ug-nb, ug-nc on ug-net; ug-nd on ug-net and ug-back (alias, fixed address); ug-ne on ug-back only. */
    static final String STACK = "networks:\n  ug-net:\n    ipam:\n      config:\n        - subnet: 172.31.78.0/24\n"
            + "  ug-back:\n    ipam:\n      config:\n        - subnet: 172.31.81.0/24\n"
            + "containers:\n" + sleeper("ug-na", "    networks: [ug-net]\n") + sleeper("ug-nb", "    networks: [ug-net]\n")
            + sleeper("ug-nc", "    networks: [ug-net]\n")
            + sleeper("ug-nd", "    networks:\n      ug-net: {}\n      ug-back: {aliases: [ug-api], ipv4_address: 172.31.81.50}\n")
            + sleeper("ug-ne", "    networks: [ug-back]\n");

    /** ug-nd reaches its peers on both networks, and ug-ne (on ug-back only) reaches ug-nd by name, alias and address. */
    static void twoNetworksReach() throws Exception {
        assertThat(resolves("ug-nd", "ug-na")).as("ug-nd resolves ug-na on ug-net").isTrue();
        assertThat(resolves("ug-nd", "ug-ne")).as("ug-nd resolves ug-ne on ug-back").isTrue();
        assertThat(resolves("ug-na", "ug-nd")).as("ug-na resolves ug-nd").isTrue();
        assertThat(dockerCli("exec", "ug-ne", "getent", "hosts", "ug-api").out()).as("ug-ne resolves ug-nd's alias")
                .contains("172.31.81.50");
        assertThat(dockerCli("exec", "ug-ne", "getent", "hosts", "ug-nd").out()).contains("172.31.81.50");
        assertThat(resolves("ug-ne", "ug-na")).as("ug-ne shares no network with ug-na").isFalse();
    }

    @Test
    void containersOnDeclaredNetworksAppliedFromNothingGetOneNetworkEachAndReachTheirPeersOnEveryNetworkAlsoAfterARestartAndABoot()
            throws Exception {
        define("stack.yaml", STACK);
        Cli.Result plan = unitgen("plan");
        assertThat(plan.out()).as("%s", plan).contains("+ ug-net-network.service (new)", "+ ug-na.service (new)");
        Cli.Result apply = unitgen("apply");
        assertThat(apply.code()).as("%s", apply).isZero();
        assertThat(networksNamed("ug-net").lines().count()).as("networks named ug-net").isEqualTo(1);
        assertThat(dockerCli("network", "inspect", "-f", "{{range .IPAM.Config}}{{.Subnet}}{{end}}", "ug-net").out().strip())
                .isEqualTo("172.31.78.0/24");
        assertThat(networksNamed("ug-back").lines().count()).as("networks named ug-back").isEqualTo(1);
        List<String> three = List.of("ug-na", "ug-nb", "ug-nc");
        List<String> all = List.of("ug-na", "ug-nb", "ug-nc", "ug-nd", "ug-ne");
        for (String a : three) {
            for (String b : three) {
                if (!a.equals(b)) {
                    assertThat(resolves(a, b)).as("%s resolves %s", a, b).isTrue();
                }
            }
        }

        twoNetworksReach();

        // a restart of units over D-Bus: they join their networks again (ug-nd both); the networks' units do nothing
        String networkId = networksNamed("ug-net");
        Map<String, String> r = manager.runJobs(Map.of("ug-na.service", ServiceManager.JobType.RESTART,
                "ug-nd.service", ServiceManager.JobType.RESTART), Duration.ofMinutes(1));
        assertThat(r).containsEntry("ug-na.service", "done").containsEntry("ug-nd.service", "done");
        assertThat(eventually(Duration.ofSeconds(30), () -> up("ug-na") && up("ug-nd"))).isTrue();
        assertThat(resolves("ug-na", "ug-nb")).isTrue();
        assertThat(resolves("ug-nb", "ug-na")).isTrue();
        twoNetworksReach();
        assertThat(networksNamed("ug-net")).isEqualTo(networkId);

        // a boot with unitgen not running: every unit starts at once again, one network
        VerificationE2E.testenv("manager");
        manager.close();
        manager = connectAgain();
        for (String c : all) {
            assertThat(eventually(Duration.ofSeconds(60), () -> up(c))).as("%s is back after the boot", c).isTrue();
        }
        assertThat(networksNamed("ug-net")).isEqualTo(networkId);
        assertThat(resolves("ug-nc", "ug-na")).isTrue();
        twoNetworksReach();
    }

    @Test
    void changedNetworkOptionsRecreateTheNetworkAndRestartItsContainers() throws Exception {
        define("stack.yaml", STACK);
        assertThat(unitgen("apply").code()).isZero();
        String before = networksNamed("ug-net");
        define("stack.yaml", STACK.replace("172.31.78.0/24", "172.31.79.0/24"));
        Cli.Result plan = unitgen("plan");
        assertThat(plan.out()).as("%s", plan).contains("~ ug-net-network.service (changed: restart; ExecStart; recreates the network "
                + "and restarts the containers that use it");
        Cli.Result apply = unitgen("apply");
        assertThat(apply.code()).as("%s", apply).isZero();
        assertThat(networksNamed("ug-net")).isNotEqualTo(before).isNotEmpty();
        assertThat(dockerCli("network", "inspect", "-f", "{{range .IPAM.Config}}{{.Subnet}}{{end}}", "ug-net").out().strip())
                .isEqualTo("172.31.79.0/24");
        for (String c : List.of("ug-na", "ug-nb", "ug-nc")) {
            assertThat(eventually(Duration.ofSeconds(60), () -> up(c))).as("%s runs on the new network", c).isTrue();
            assertThat(dockerCli("inspect", "-f", "{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}", c).out())
                    .startsWith("172.31.79.");
        }
    }

    @Test
    void aVolumesDataSurvivesRestartsAndChangesItsDeclarationsRemovalKeepsItAndDestroyVolumesRemovesIt() throws Exception {
        String volume = "volumes:\n  ug-data: {labels: {purpose: e2e}}\n";
        define("data.yaml", volume + "containers:\n" + sleeper("ug-vol", "    volumes: [\"ug-data:/data\"]\n")
                + sleeper("ug-anon", "    volumes: [/cache]\n"));
        assertThat(unitgen("apply").code()).isZero();
        assertThat(dockerCli("exec", "ug-vol", "sh", "-c", "echo kept > /data/file").code()).isZero();
        assertThat(dockerCli("exec", "ug-anon", "sh", "-c", "echo anonymous > /cache/file").code()).isZero();

        manager.runJobs(Map.of("ug-vol.service", ServiceManager.JobType.RESTART, "ug-anon.service", ServiceManager.JobType.RESTART),
                Duration.ofMinutes(1));
        assertThat(eventually(Duration.ofSeconds(30), () -> up("ug-vol") && up("ug-anon"))).isTrue();
        assertThat(dockerCli("exec", "ug-vol", "cat", "/data/file").out().strip()).isEqualTo("kept");
        assertThat(dockerCli("exec", "ug-anon", "cat", "/cache/file").out().strip()).as("an anonymous volume survives a restart")
                .isEqualTo("anonymous");
        assertThat(dockerCli("volume", "inspect", "-f", "{{json .Labels}}", ANON).out()).contains("dev.unitgen.volume");

        define("data.yaml", volume + "containers:\n" + sleeper("ug-vol", "    volumes: [\"ug-data:/data\"]\n    environment: {V: two}\n"));
        Cli.Result changed = unitgen("apply");
        assertThat(changed.code()).as("%s", changed).isZero();
        assertThat(changed.out()).contains("~ ug-vol.service").doesNotContain("ug-data-volume.service (changed");
        assertThat(dockerCli("exec", "ug-vol", "cat", "/data/file").out().strip()).isEqualTo("kept");

        define("data.yaml", "containers:\n" + sleeper("ug-vol", ""));
        Cli.Result removed = unitgen("apply");
        assertThat(removed.code()).as("%s", removed).isZero();
        assertThat(removed.out()).contains("- ug-data-volume.service", "Kept volume ug-data (data); unitgen destroy --volumes removes it");
        assertThat(dockerCli("volume", "inspect", "ug-data").code()).isZero();

        define("data.yaml", volume + "containers:\n" + sleeper("ug-vol", "    volumes: [\"ug-data:/data\"]\n"));
        assertThat(unitgen("apply").code()).isZero();
        assertThat(dockerCli("exec", "ug-vol", "cat", "/data/file").out().strip()).as("the kept volume is used again").isEqualTo("kept");
        Cli.Result destroy = Cli.run("destroy", "--all", "--volumes", "--root", root, "--bus-address", bus);
        assertThat(destroy.code()).as("%s", destroy).isZero();
        assertThat(destroy.out()).contains("Removed volume ug-data");
        assertThat(dockerCli("volume", "inspect", "ug-data").code()).isNotZero();
    }

    @Test
    void aForeignNetworkOfADeclaredNameStopsApplyBeforeItWritesAnythingAndIsLeftAlone() throws Exception {
        assertThat(dockerCli("network", "create", "ug-foreign-net").code()).isZero();
        String id = networksNamed("ug-foreign-net");
        define("foreign.yaml", "networks:\n  ug-foreign-net: {}\ncontainers:\n" + sleeper("ug-fa", "    networks: [ug-foreign-net]\n"));
        Cli.Result apply = unitgen("apply");
        assertThat(apply.code()).as("%s", apply).isNotZero();
        assertThat(apply.err()).contains("network ug-foreign-net", "was not created by unitgen");
        assertThat(Files.exists(Path.of(root, "etc/systemd/system/ug-fa.service"))).isFalse();
        assertThat(Files.exists(Path.of(root, "etc/systemd/system/ug-foreign-net-network.service"))).isFalse();
        assertThat(networksNamed("ug-foreign-net")).isEqualTo(id);
        assertThat(dockerCli("network", "inspect", "-f", "{{json .Labels}}", "ug-foreign-net").out()).doesNotContain("dev.unitgen");
    }

    @Test
    void anUndeclaredNetworkIsRemovedWhenUnusedAndKeptWithAWarningWhileAForeignContainerUsesIt() throws Exception {
        String declared = "networks:\n  ug-prune: {}\ncontainers:\n" + sleeper("ug-pa", "    networks: [ug-prune]\n");
        define("prune.yaml", declared);
        assertThat(unitgen("apply").code()).isZero();
        assertThat(networksNamed("ug-prune")).isNotEmpty();
        define("prune.yaml", "containers:\n" + sleeper("ug-pa", ""));
        Cli.Result pruned = unitgen("apply");
        assertThat(pruned.code()).as("%s", pruned).isZero();
        assertThat(pruned.out()).contains("- ug-prune-network.service", "Removed network ug-prune");
        assertThat(networksNamed("ug-prune")).isEmpty();

        define("prune.yaml", declared);
        assertThat(unitgen("apply").code()).isZero();
        assertThat(dockerCli("run", "-d", "--name", "ug-stranger", "--network", "ug-prune", image, "sleep", "infinity").code()).isZero();
        define("prune.yaml", "containers:\n" + sleeper("ug-pa", ""));
        Cli.Result kept = unitgen("apply");
        assertThat(kept.code()).as("%s", kept).isZero();
        assertThat(kept.out()).contains("Warning: kept network ug-prune: still used by ug-stranger");
        assertThat(networksNamed("ug-prune")).isNotEmpty();
        assertThat(dockerCli("inspect", "-f", "{{.State.Running}}", "ug-stranger").out().strip()).isEqualTo("true");
    }

    @Test
    void containersOfOneFileThatChooseNoNetworkResolveEachOtherByNameOnTheFilesDefaultNetwork() throws Exception {
        define("ugdef.yaml", "containers:\n" + sleeper("ug-da", "") + sleeper("ug-db", ""));
        define("alone.yaml", "containers:\n" + sleeper("ug-dc", ""));
        Cli.Result plan = unitgen("plan");
        assertThat(plan.out()).as("%s", plan).contains("+ ugdef_default-network.service (new)").doesNotContain("alone_default");
        Cli.Result apply = unitgen("apply");
        assertThat(apply.code()).as("%s", apply).isZero();
        assertThat(resolves("ug-da", "ug-db")).as("ug-da resolves ug-db").isTrue();
        assertThat(resolves("ug-db", "ug-da")).as("ug-db resolves ug-da").isTrue();
        assertThat(networksNamed("ugdef_default").lines().count()).isEqualTo(1);
        assertThat(dockerCli("network", "inspect", "-f", "{{json .Labels}}", "ugdef_default").out()).contains("dev.unitgen.network");
        String networksOf = "{{range $k, $v := .NetworkSettings.Networks}}{{$k}} {{end}}";
        assertThat(dockerCli("inspect", "-f", networksOf, "ug-da").out().strip()).isEqualTo("ugdef_default");
        assertThat(dockerCli("inspect", "-f", networksOf, "ug-dc").out().strip()).as("a container alone in its file stays on the bridge")
                .isEqualTo("bridge");
        assertThat(resolves("ug-dc", "ug-da")).as("another file's container shares no network").isFalse();
    }

    /** The unit an earlier unitgen wrote for a container on network ug-old: it created the network itself, without a label. */
    String earlierUnitgensUnit(String container) {
        return "# " + container + ".service: generated by an earlier unitgen.\n[Unit]\nWants=docker.service\nAfter=docker.service\n"
                + "[Service]\nExecStartPre=-/usr/bin/docker rm -f " + container + "\n"
                + "ExecStartPre=/bin/sh -c '/usr/bin/docker network inspect ug-old >/dev/null 2>&1 || /usr/bin/docker network create ug-old'\n"
                + "ExecStart=/usr/bin/docker run --rm --name " + container + " --label dev.unitgen.unit=" + container + ".service "
                + "--network ug-old " + image + " sleep infinity\n"
                + "ExecStop=-/usr/bin/docker stop -t 10 " + container + "\nExecStopPost=-/usr/bin/docker rm -f " + container + "\n"
                + "[Install]\nWantedBy=multi-user.target\n[X-Unitgen]\nSource=" + defs.resolve("old.yaml") + "\nContainer=" + container
                + "\nEnabled=true\n";
    }

    @Test
    void aNetworkOfAnEarlierUnitgenIsAdoptedAndAnAmbiguousNameIsRefusedWithTheIdsOfItsNetworks() throws Exception {
        for (String c : List.of("ug-oa", "ug-ob")) {
            Files.writeString(Path.of(root, "etc/systemd/system", c + ".service"), earlierUnitgensUnit(c));
        }
        manager.reload();
        assertThat(manager.runJobs(Map.of("ug-oa.service", ServiceManager.JobType.START), Duration.ofMinutes(1)))
                .containsEntry("ug-oa.service", "done");
        assertThat(manager.runJobs(Map.of("ug-ob.service", ServiceManager.JobType.START), Duration.ofMinutes(1)))
                .containsEntry("ug-ob.service", "done");
        assertThat(eventually(Duration.ofSeconds(30), () -> up("ug-oa") && up("ug-ob"))).isTrue();
        String old = networksNamed("ug-old");
        assertThat(dockerCli("network", "inspect", "-f", "{{json .Labels}}", "ug-old").out().strip()).isIn("{}", "null");

        define("old.yaml", "networks:\n  ug-old: {}\ncontainers:\n" + sleeper("ug-oa", "    networks: [ug-old]\n")
                + sleeper("ug-ob", "    networks: [ug-old]\n"));
        Cli.Result apply = unitgen("apply");
        assertThat(apply.code()).as("%s", apply).isZero();
        assertThat(apply.out()).contains("Adopting network ug-old (id " + old.substring(0, 12) + "): it has no labels and only "
                + "unitgen's containers use it", "stopping ug-oa.service, ug-ob.service");
        assertThat(networksNamed("ug-old")).isNotEqualTo(old).isNotEmpty();
        assertThat(networksNamed("ug-old").lines().count()).isEqualTo(1);
        assertThat(dockerCli("network", "inspect", "-f", "{{json .Labels}}", "ug-old").out()).contains("dev.unitgen.network");
        assertThat(eventually(Duration.ofSeconds(30), () -> up("ug-oa") && up("ug-ob"))).isTrue();
        assertThat(resolves("ug-oa", "ug-ob")).isTrue();
        assertThat(unitgen("plan", "--detailed-exitcode").code()).as("converged").isZero();

        // two networks of one name (Docker 20.10 without its duplicate check, as two units racing made them)
        String[] ids = {createUnchecked("ug-dup"), createUnchecked("ug-dup")};
        assertThat(networksNamed("ug-dup").lines().count()).isEqualTo(2);
        define("dup.yaml", "networks:\n  ug-dup: {}\ncontainers:\n" + sleeper("ug-du", "    networks: [ug-dup]\n"));
        Cli.Result refused = unitgen("apply");
        assertThat(refused.code()).as("%s", refused).isNotZero();
        assertThat(refused.err()).contains("network ug-dup is ambiguous: the engine has 2 networks of this name", ids[0].substring(0, 12),
                ids[1].substring(0, 12), "Remove all but one", "Nothing was changed.");
        assertThat(Files.exists(Path.of(root, "etc/systemd/system/ug-du.service"))).isFalse();
        assertThat(networksNamed("ug-dup").lines().count()).as("both left alone").isEqualTo(2);
    }

    /** docker network create through the API without the engine's duplicate check (the CLI always asks for it). */
    static String createUnchecked(String name) {
        var config = com.github.dockerjava.core.DefaultDockerClientConfig.createDefaultConfigBuilder().withDockerHost(docker)
                .withDockerTlsVerify(false).build();
        var http = new com.github.dockerjava.httpclient5.ApacheDockerHttpClient.Builder().dockerHost(config.getDockerHost()).build();
        try (var client = com.github.dockerjava.core.DockerClientImpl.getInstance(config, http)) {
            return client.createNetworkCmd().withName(name).withCheckDuplicate(false).exec().getId();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void aVolumeOfAnEarlierDeploymentIsUsedUnderItsNameWhenExternalAndRefusedOtherwise() throws Exception {
        assertThat(dockerCli("volume", "create", "ug-legacy-data").code()).isZero();
        assertThat(dockerCli("run", "--rm", "-v", "ug-legacy-data:/d", image, "sh", "-c", "echo old > /d/file").code()).isZero();
        String uses = "containers:\n" + sleeper("ug-lg", "    volumes: [\"legacy:/data\"]\n");
        define("legacy.yaml", "volumes:\n  legacy: {name: ug-legacy-data}\n" + uses);
        Cli.Result refused = unitgen("apply");
        assertThat(refused.code()).as("%s", refused).isNotZero();
        assertThat(refused.err()).contains("volume ug-legacy-data exists and was not created by unitgen", "external: true");
        define("legacy.yaml", "volumes:\n  legacy: {name: ug-legacy-data, external: true}\n" + uses);
        Cli.Result apply = unitgen("apply");
        assertThat(apply.code()).as("%s", apply).isZero();
        assertThat(dockerCli("exec", "ug-lg", "cat", "/data/file").out().strip()).isEqualTo("old");
        Cli.Result destroy = Cli.run("destroy", "--all", "--volumes", "--root", root, "--bus-address", bus);
        assertThat(destroy.code()).as("%s", destroy).isZero();
        assertThat(dockerCli("volume", "inspect", "ug-legacy-data").code()).as("an external volume is never removed").isZero();
    }

    static DbusServiceManager connectAgain() throws Exception {
        return TestEnv.connectAgain(bus);
    }
}
