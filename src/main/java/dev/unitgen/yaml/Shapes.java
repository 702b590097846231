package dev.unitgen.yaml;

/**
 * Plain words for a value of the wrong YAML shape ("expected a list, got a scalar"): what to
 * write instead, for people who know the shapes from compose files rather than from the YAML
 * specification.
 */
public final class Shapes {
    private Shapes() {
    }

    /**
     * The hint for a node of the wrong shape; {@code expected} is the description of what the
     * key takes ("a list of ports", "a mapping of limits", "duration (e.g. 90s)"). Null when
     * there is nothing to add.
     */
    public static String hint(String expected, YNode got) {
        boolean list = expected.contains("list");
        boolean mapping = expected.contains("mapping");
        if (got instanceof YScalar s && !s.isNull()) {
            String folded = s.plain() && s.value().contains(" - ")
                    ? " The indented \"- ...\" lines below were read as more words of this value: the first item needs its"
                    + " \"- \" on a line of its own too." : "";
            if (list && mapping) {
                return "Write a list (one \"- ITEM\" per line, indented under the key, or [a, b]) or KEY: VALUE lines "
                        + "indented under the key." + folded;
            }
            if (list) {
                return "Write one \"- ITEM\" per line, indented under the key, or the items in brackets: [a, b]." + folded;
            }
            if (mapping) {
                return "Write KEY: VALUE lines, indented under the key.";
            }
            return null;
        }
        if (got instanceof YSeq && mapping && !list) {
            return "A mapping holds KEY: VALUE lines: remove the \"- \" in front of the entries.";
        }
        if (got instanceof YMap && list && !mapping) {
            return "A list holds \"- ITEM\" lines: put \"- \" in front of each item (or write [a, b]).";
        }
        if (got instanceof YMap m && expected.contains("KEY") && m.entries().size() == 1) {
            YMap.Entry e = m.entries().get(0);
            return "Write the entry as one string, " + e.name() + "=" + (e.value() instanceof YScalar v ? v.value() : "VALUE")
                    + ", or remove the \"- \" in front of every entry to write a mapping.";
        }
        if ((got instanceof YSeq || got instanceof YMap) && !list && !mapping) {
            return "Write a single value on the key's line; quote it (\"...\") if it contains \": \" or starts with [ or {.";
        }
        return null;
    }
}
