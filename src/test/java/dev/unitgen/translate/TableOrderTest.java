package dev.unitgen.translate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unitgen.Cli;
import dev.unitgen.definition.ContainerKeys;
import dev.unitgen.definition.Key;
import dev.unitgen.unit.ParsedUnit;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The key table's order is the order of docker run's options: one road from a key to a flag. */
class TableOrderTest {
    @TempDir
    Path dir;

    /** One container that sets every key that writes a docker run option (network_mode excluded: it conflicts with networks). */
    static final String EVERY_OPTION = """
            containers:
              app:
                command: [run, --fast]
                entrypoint: [/entry.sh, -x]
                docker_args: [--memory-swap, 2g]
                healthcheck: {test: "true", interval: 5s}
                logging: {driver: json-file, options: {max-size: 1m}}
                stop_signal: SIGQUIT
                runtime: runc
                mac_address: "02:42:ac:11:00:02"
                platform: linux/amd64
                cgroup_parent: app.slice
                oom_score_adj: -500
                pids_limit: 100
                cpuset: 0-1
                cpu_shares: 512
                cpus: 0.5
                mem_reservation: 512m
                mem_limit: 1g
                shm_size: 64m
                pid: host
                ipc: host
                tty: true
                privileged: true
                read_only: true
                labels: {team: web}
                ulimits: {nofile: 1024}
                sysctls: {net.core.somaxconn: 1024}
                security_opt: [no-new-privileges]
                devices: [/dev/fuse]
                cap_drop: [MKNOD]
                cap_add: [NET_ADMIN]
                working_dir: /app
                group_add: [audio]
                user: "1000"
                dns_opt: ["ndots:2"]
                dns_search: example.com
                dns: 1.1.1.1
                extra_hosts: {metrics: 10.0.0.5}
                domainname: example.com
                hostname: app
                networks: {appnet: {aliases: [api]}}
                tmpfs: /tmp
                volumes: [/srv:/data]
                expose: [80]
                ports: ["8080:80"]
                env_file: /etc/app.env
                environment: {A: b}
                pull_policy: always
                init: true
                image: busybox:1.36
            networks:
              appnet: {}
            """;

    static final Pattern FIRST_FLAG = Pattern.compile("^(--[a-z-]+)");

    List<String> argv(String yaml) throws IOException {
        Path file = dir.resolve("app.yaml");
        Files.writeString(file, yaml);
        Path root = dir.resolve("root"); // the host the unit is for: its env file exists there
        Files.createDirectories(root.resolve("etc"));
        Files.writeString(root.resolve("etc/app.env"), "A=b\n");
        Cli.Result r = Cli.run("render", "--root", root.toString(), "--host-cgroup", "v1", file.toString());
        assertThat(r.code()).as("%s", r).isZero();
        String unit = r.out().substring(r.out().indexOf('\n') + 1);
        return ParsedUnit.parse(unit.substring(0, unit.indexOf("\n# /etc/unitgen/env/"))).exec("Service", "ExecStart").get(0).argv();
    }

    @Test
    void theOptionsOfTheKeysComeInTableOrderWhateverTheOrderInTheFile() throws IOException {
        List<String> argv = argv(EVERY_OPTION);
        int cursor = 0;
        int checked = 0;
        for (Key<?> key : ContainerKeys.all()) {
            Matcher m = FIRST_FLAG.matcher(key.maps());
            if (!m.find() || key == ContainerKeys.NETWORK_MODE || key == ContainerKeys.ENTRYPOINT) {
                continue;
            }
            int at = argv.subList(cursor, argv.size()).indexOf(m.group(1));
            assertThat(at).as("%s (%s) comes after the options of the rows before it in %s", key, m.group(1), argv).isNotNegative();
            cursor += at + 1;
            checked++;
        }
        assertThat(checked).as("keys checked").isGreaterThan(40);
        assertThat(argv).containsSubsequence("--stop-signal", "SIGQUIT", "--log-driver", "json-file", "--health-cmd", "true");
        assertThat(argv.subList(argv.indexOf("dev.unitgen.unit=app.service") - 1, argv.size())).as("after the keys' options")
                .containsExactly("--label", "dev.unitgen.unit=app.service", "--memory-swap", "2g", "--entrypoint", "/entry.sh",
                        "busybox:1.36", "-x", "run", "--fast");
    }
}
