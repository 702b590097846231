package dev.unitgen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.unitgen.cli.ExitCode;
import dev.unitgen.cli.UnitgenCommand;
import dev.unitgen.definition.ContainerKeys;
import dev.unitgen.definition.Key;
import dev.unitgen.definition.SystemdProfile;
import dev.unitgen.unit.SystemdKeys;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Keeps the man pages true: unitgen.yaml(5) documents every key of the mapping table (in
 * table order), every systemd profile and every refused key; unitgen(1) documents every
 * command, every option and every exit code; and groff formats both without a warning.
 */
class ManPageTest {
    static Path manDir() {
        return Cli.projectDir().resolve("man");
    }

    static String read(String page) throws IOException {
        return Files.readString(manDir().resolve(page), StandardCharsets.UTF_8);
    }

    /** The man source as text to search: \- as -, font changes and zero-width escapes removed. */
    static String normalize(String source) {
        return source.replace("\\-", "-")
                .replaceAll("\\\\f(\\[[^\\]]*\\]|\\(..|.)", "")
                .replace("\\&", "")
                .replace("\\%", "");
    }

    /** The lines of section {@code .SH name} (up to the next .SH). */
    static List<String> section(String source, String name) {
        List<String> lines = Arrays.asList(source.split("\n", -1));
        int start = -1;
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i).strip();
            if (l.equals(".SH " + name) || l.equals(".SH \"" + name + "\"")) {
                start = i + 1;
                break;
            }
        }
        assertThat(start).as("section .SH %s", name).isPositive();
        int end = start;
        while (end < lines.size() && !lines.get(end).startsWith(".SH")) {
            end++;
        }
        return lines.subList(start, end);
    }

    /** The tags of the .TP entries of a section that are written as ".B tag", outside .RS/.RE. */
    static List<String> tpTags(List<String> section) {
        List<String> tags = new ArrayList<>();
        int depth = 0;
        for (int i = 0; i < section.size(); i++) {
            String l = section.get(i).strip();
            if (l.startsWith(".RS")) {
                depth++;
            } else if (l.startsWith(".RE")) {
                depth--;
            } else if (depth == 0 && l.equals(".TP") && i + 1 < section.size() && section.get(i + 1).startsWith(".B ")) {
                tags.add(section.get(i + 1).substring(3).strip().replace("\\-", "-"));
            }
        }
        return tags;
    }

    // ------------------------------------------------------------------ unitgen.yaml(5)

    @Test
    void everyKeyOfTheMappingTableHasABLineInUnitgenYaml5() throws IOException {
        String page = read("unitgen.yaml.5");
        for (Key<?> k : ContainerKeys.all()) {
            assertThat(Pattern.compile("^\\.B " + Pattern.quote(k.name()) + "\\s*$", Pattern.MULTILINE).matcher(page).find())
                    .as("unitgen.yaml(5) has a line \".B %s\"", k.name()).isTrue();
        }
    }

    @Test
    void containerKeysListsExactlyTheKeysOfTheTableInTableOrder() throws IOException {
        List<String> documented = tpTags(section(read("unitgen.yaml.5"), "CONTAINER KEYS"));
        List<String> table = ContainerKeys.all().stream().map(Key::name).toList();
        assertThat(documented).as("the .TP entries of CONTAINER KEYS in unitgen.yaml(5)").containsExactlyElementsOf(table);
    }

    /** The text of a roff source as words: macros dropped, alternating-font arguments joined, escapes removed, one space between words. */
    static String roffText(List<String> lines) {
        StringBuilder sb = new StringBuilder();
        for (String l : lines) {
            java.util.regex.Matcher m = Pattern.compile("^\\.(B|I|BR|RB|IR|RI|BI|IB)\\s+(.*)$").matcher(l);
            if (m.matches()) {
                List<String> args = new ArrayList<>();
                java.util.regex.Matcher a = Pattern.compile("\"([^\"]*)\"|(\\S+)").matcher(m.group(2));
                while (a.find()) {
                    args.add(a.group(1) != null ? a.group(1) : a.group(2));
                }
                sb.append(String.join(m.group(1).length() == 1 ? " " : "", args));
            } else if (!l.startsWith(".")) {
                sb.append(l);
            }
            sb.append(' ');
        }
        return normalize(sb.toString()).replace("\\(aq", "'").replaceAll("\\s+", " ");
    }

    /** The default of each key with one is in its unitgen.yaml(5) entry, as its table row says it. */
    @Test
    void everyKeysDefaultIsInItsEntryAsTheTableSaysIt() throws IOException {
        String page = read("unitgen.yaml.5");
        List<String> missing = new ArrayList<>();
        for (var entry : java.util.Map.of("CONTAINER KEYS", ContainerKeys.all(), "IMAGE KEYS", dev.unitgen.definition.ImageKeys.all()).entrySet()) {
            List<String> section = section(page, entry.getKey());
            for (Key<?> k : entry.getValue()) {
                if (k.fallback() == null) {
                    continue;
                }
                int start = section.indexOf(".B " + k.name());
                int end = start + 1;
                while (end < section.size() && !(section.get(end).equals(".TP") && end + 1 < section.size()
                        && tpTags(section.subList(end, end + 2)).size() == 1 && !section.get(end + 1).equals(".B " + k.name())
                        && depthAt(section, end) == 0)) {
                    end++;
                }
                String text = roffText(section.subList(start, end)).toLowerCase(java.util.Locale.ROOT);
                String want = "default " + k.fallback().text().toLowerCase(java.util.Locale.ROOT);
                if (!text.contains(want) && !text.contains(want.replace("default ", "default: "))) {
                    missing.add(k.name() + ": \"" + want + "\"");
                }
            }
        }
        assertThat(missing).as("keys whose unitgen.yaml(5) entry does not say their default as the table does").isEmpty();
    }

    private static int depthAt(List<String> section, int index) {
        int depth = 0;
        for (int i = 0; i < index; i++) {
            depth += section.get(i).startsWith(".RS") ? 1 : section.get(i).startsWith(".RE") ? -1 : 0;
        }
        return depth;
    }

    @Test
    void imageKeysListsExactlyTheKeysOfTheImageTableInTableOrder() throws IOException {
        List<String> documented = tpTags(section(read("unitgen.yaml.5"), "IMAGE KEYS"));
        List<String> table = dev.unitgen.definition.ImageKeys.all().stream().map(Key::name).toList();
        assertThat(documented).as("the .TP entries of IMAGE KEYS in unitgen.yaml(5)").containsExactlyElementsOf(table);
        String images = normalize(String.join("\n", section(read("unitgen.yaml.5"), "IMAGES")));
        for (String unit : dev.unitgen.image.ImageBuilder.DEFAULT_MASKS) {
            assertThat(images).as("IMAGES names the unit %s masked in every image", unit).contains(unit);
        }
        for (dev.unitgen.definition.DistroFamily f : dev.unitgen.definition.DistroFamily.values()) {
            assertThat(normalize(String.join("\n", section(read("unitgen.yaml.5"), "IMAGE KEYS"))))
                    .as("IMAGE KEYS names the family %s", f.yaml()).contains(f.yaml());
        }
    }

    @Test
    void networkAndVolumeKeysListExactlyTheKeysOfTheirTablesInTableOrder() throws IOException {
        String page = read("unitgen.yaml.5");
        assertThat(tpTags(section(page, "NETWORK KEYS"))).as("the .TP entries of NETWORK KEYS in unitgen.yaml(5)")
                .containsExactlyElementsOf(dev.unitgen.definition.NetworkKeys.all().stream().map(Key::name).toList());
        assertThat(tpTags(section(page, "VOLUME KEYS"))).as("the .TP entries of VOLUME KEYS in unitgen.yaml(5)")
                .containsExactlyElementsOf(dev.unitgen.definition.VolumeKeys.all().stream().map(Key::name).toList());
    }

    @Test
    void everySystemdProfileIsDocumented() throws IOException {
        String page = read("unitgen.yaml.5");
        List<String> profiles = Arrays.stream(SystemdProfile.values()).map(SystemdProfile::yaml).toList();
        for (String p : profiles) {
            assertThat(normalize(page)).as("unitgen.yaml(5) names systemd_profile %s", p).contains(p);
        }
        assertThat(tpTags(section(page, "SYSTEMD IN CONTAINERS")))
                .as("the .TP entries of SYSTEMD IN CONTAINERS in unitgen.yaml(5)").containsExactlyElementsOf(profiles);
    }

    @Test
    void everyRefusedKeyAndAliasIsDocumented() throws IOException {
        List<String> documented = tpTags(section(read("unitgen.yaml.5"), "KEYS THAT ARE NOT SUPPORTED"));
        Set<String> expected = new LinkedHashSet<>(ContainerKeys.NOT_KEYS.keySet());
        expected.addAll(ContainerKeys.ALIASES.keySet());
        assertThat(documented).as("the .TP entries of KEYS THAT ARE NOT SUPPORTED in unitgen.yaml(5)")
                .doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void unitgensOwnKeysAreNamedAsSuch() throws IOException {
        String own = String.join("\n", section(read("unitgen.yaml.5"), "UNITGEN KEYS AND COMPOSE KEYS"));
        for (Key<?> k : ContainerKeys.all()) {
            if (!k.compose()) {
                assertThat(own).as("UNITGEN KEYS AND COMPOSE KEYS names %s", k.name()).contains("\\fB" + k.name() + "\\fR");
            }
        }
    }

    @Test
    void everyUnitSettingUnitgenOwnsIsDocumented() throws IOException {
        String unit = normalize(String.join("\n", section(read("unitgen.yaml.5"), "THE GENERATED UNIT")));
        for (String owned : SystemdKeys.OWNED.keySet()) {
            String key = owned.substring(owned.indexOf('.') + 1);
            assertThat(Pattern.compile("(?<![\\w-])" + Pattern.quote(key) + "=").matcher(unit).find())
                    .as("THE GENERATED UNIT names %s=, which unit: cannot override", key).isTrue();
        }
    }

    // ------------------------------------------------------------------ unitgen(1)

    static List<CommandLine> commands(CommandLine c) {
        List<CommandLine> out = new ArrayList<>();
        out.add(c);
        for (CommandLine sub : c.getSubcommands().values()) {
            for (CommandLine d : commands(sub)) {
                if (!out.contains(d)) {
                    out.add(d);
                }
            }
        }
        return out;
    }

    static CommandLine model() {
        return UnitgenCommand.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()), dev.unitgen.cli.Terminal.NONE);
    }

    @Test
    void everySubcommandHasASectionInUnitgen1() throws IOException {
        String page = read("unitgen.1");
        CommandLine root = model();
        Set<String> headings = Arrays.stream(page.split("\n")).filter(l -> l.startsWith(".SS "))
                .map(l -> normalize(l.substring(4)).replace("\"", "").strip()).collect(Collectors.toSet());
        List<CommandLine> all = commands(root);
        assertThat(all).hasSizeGreaterThan(1);
        for (CommandLine c : all.subList(1, all.size())) {
            String name = c.getCommandSpec().qualifiedName(" ").substring(root.getCommandName().length()).strip();
            assertThat(headings).as("unitgen(1) has a section .SS %s", name).contains(name);
        }
    }

    @Test
    void everyOptionOfEveryCommandIsInUnitgen1() throws IOException {
        String page = normalize(read("unitgen.1"));
        List<String> missing = new ArrayList<>();
        for (CommandLine c : commands(model())) {
            CommandSpec spec = c.getCommandSpec();
            for (OptionSpec o : spec.options()) {
                for (String name : o.names()) {
                    if (!Pattern.compile("(?<![\\w-])" + Pattern.quote(name) + "(?![\\w-])").matcher(page).find()) {
                        missing.add(spec.qualifiedName() + " " + name);
                    }
                }
            }
        }
        assertThat(missing).as("options missing from unitgen(1)").isEmpty();
    }

    @Test
    void exitStatusIsTheTableOfExitCodeWithItsReasons() throws IOException {
        List<String> section = section(read("unitgen.1"), "EXIT STATUS");
        List<String> tags = new ArrayList<>();
        for (int i = 0; i + 1 < section.size(); i++) {
            if (section.get(i).equals(".TP")) {
                tags.add(normalize(section.get(i + 1)).replaceFirst("^\\.BR? ", "").replace("\"", "").replaceAll("\\s+", " "));
            }
        }
        List<String> codes = Arrays.stream(ExitCode.values())
                .map(e -> e.code() + (e == ExitCode.CHANGES_PENDING ? " (plan --detailed-exitcode)" : "")).toList();
        assertThat(tags).as("the .TP entries of EXIT STATUS in unitgen(1), one per row of ExitCode").containsExactlyElementsOf(codes);
        String text = normalize(String.join(" ", section)).replace("\\(aq", "'").replaceAll("\\s+", " ").toLowerCase(java.util.Locale.ROOT);
        for (ExitCode e : ExitCode.values()) {
            assertThat(text).as("EXIT STATUS says what %s means", e).contains(e.meaning().toLowerCase(java.util.Locale.ROOT));
            assertThat(text).as("EXIT STATUS says why %s is %d", e, e.code()).contains("why: " + e.reason().toLowerCase(java.util.Locale.ROOT));
        }
        String help = Cli.run("--help").out().replaceAll("\\s+", " ");
        for (ExitCode e : ExitCode.values()) {
            assertThat(help).as("unitgen --help prints the table").contains(e.code() + " " + e.meaning());
        }
    }

    // ------------------------------------------------------------------ both

    /**
     * The pages as a reader sees them (groff -man -Tutf8, no formatting), one string per
     * paragraph with its lines joined: roff defects show up only there.
     */
    static List<String> renderedParagraphs(String page) throws Exception {
        Process p = new ProcessBuilder("groff", "-man", "-Tutf8", "-P-cbou", manDir().resolve(page).toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String text;
        try (InputStream in = p.getInputStream()) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("groff -man -Tutf8 %s", page).isZero();
        List<String> out = new ArrayList<>();
        for (String para : text.split("\\n\\s*\\n")) {
            out.add(Arrays.stream(para.split("\\n")).map(String::strip).collect(Collectors.joining(" ")));
        }
        return out;
    }

    /**
     * Run-together words and stray quotes, the defects of macros such as .RI that drop the
     * spaces between their arguments: "NAME.envwith--outOUT" (a word glued to an option, a
     * lower-case word glued to a placeholder), "...",".
     */
    static final Pattern ROFF_DEFECT = Pattern.compile("[A-Za-z]--[a-z]|\\b[a-z]{2,}[A-Z]{2,}\\b|\"[,.;]\"");

    @Test
    void renderedPagesHaveNoRunTogetherWordsNorStrayQuotes() throws Exception {
        List<String> defects = new ArrayList<>();
        for (String page : List.of("unitgen.1", "unitgen.yaml.5")) {
            for (String para : renderedParagraphs(page)) {
                var m = ROFF_DEFECT.matcher(para);
                while (m.find()) {
                    defects.add(page + ": ..." + para.substring(Math.max(0, m.start() - 30), Math.min(para.length(), m.end() + 30)) + "...");
                }
            }
        }
        assertThat(defects).as("roff defects in the rendered man pages").isEmpty();
        assertThat(ROFF_DEFECT.matcher("written by render --out (OUT/env/NAME.envwith--outOUT) and apply").find()).isTrue();
        assertThat(ROFF_DEFECT.matcher("gets \"Building TAG on ENGINE (network MODE )...\",\" each line").find()).isTrue();
    }

    @Test
    void groffFormatsBothPagesWithoutAWarning() throws Exception {
        for (String page : List.of("unitgen.1", "unitgen.yaml.5")) {
            Path file = manDir().resolve(page);
            assertThat(file).exists();
            ProcessBuilder pb = new ProcessBuilder("groff", "-man", "-ww", "-z", file.toString())
                    .directory(Cli.projectDir().toFile()).redirectErrorStream(true);
            Process p;
            try {
                p = pb.start();
            } catch (IOException e) {
                fail("groff is needed to check the man pages and could not be run (" + e.getMessage()
                        + "); install it, e.g. apt-get install groff-base");
                return;
            }
            String output;
            try (InputStream in = p.getInputStream()) {
                output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("groff finished on %s", page).isTrue();
            assertThat(output).as("groff -man -ww -z %s prints nothing", page).isEmpty();
            assertThat(p.exitValue()).as("exit status of groff -man -ww -z %s", page).isZero();
        }
    }
}
