package dev.unitgen.definition;

import dev.unitgen.diag.Location;
import dev.unitgen.unit.SystemdKeys;
import dev.unitgen.unit.UnitFile;
import dev.unitgen.util.Text;
import dev.unitgen.yaml.YMap;
import dev.unitgen.yaml.YNode;
import dev.unitgen.yaml.YScalar;
import dev.unitgen.yaml.YSeq;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** One {@code unit:} override: a systemd setting in a section, checked against systemd's own list. */
public record UnitSetting(String section, String key, String value, Location location) {

    /**
     * Settings of [Install] that name units: like the dependency settings of [Unit], a
     * definition's values are added to unitgen's (an empty value first resets the list).
     */
    static final Set<String> ADDING_SETTINGS = Set.of("Install.WantedBy", "Install.RequiredBy", "Install.Also", "Install.Alias");

    /**
     * Applies the overrides to unitgen's unit. Dependency settings (Wants=, After=, WantedBy=,
     * ...) and X- keys add to unitgen's; any other setting replaces unitgen's value (all values
     * of the setting, in order).
     */
    public static void apply(List<UnitSetting> overrides, UnitFile unit) {
        Map<String, List<UnitSetting>> bySetting = new LinkedHashMap<>();
        for (UnitSetting o : overrides) {
            bySetting.computeIfAbsent(o.section() + "." + o.key(), k -> new ArrayList<>()).add(o);
        }
        for (List<UnitSetting> group : bySetting.values()) {
            UnitSetting first = group.get(0);
            UnitFile.Section sec = unit.section(first.section());
            String type = SystemdKeys.type(first.section(), first.key());
            boolean adds = first.key().startsWith("X-") || (type != null && type.startsWith("UNIT"))
                    || ADDING_SETTINGS.contains(first.section() + "." + first.key());
            for (int i = 0; i < group.size(); i++) {
                if (i == 0 && !adds) {
                    sec.set(first.key(), first.value());
                } else {
                    sec.add(group.get(i).key(), group.get(i).value());
                }
            }
        }
    }

    static final ValueType<List<UnitSetting>> LIST = new ValueType<>() {
        @Override
        public List<UnitSetting> read(YNode node, ReadContext ctx) {
            if (!(node instanceof YMap m)) {
                ctx.error(node, "expected a mapping of sections (Unit, Service, Install), got " + node.kind());
                return null;
            }
            List<UnitSetting> out = new ArrayList<>();
            for (YMap.Entry section : m.entries()) {
                if (!SystemdKeys.SECTIONS.contains(section.name())) {
                    ctx.error(section.key(), "unknown unit section " + Text.q(section.name()),
                            Text.closest(section.name(), SystemdKeys.SECTIONS).map(c -> "Did you mean " + c + "? ").orElse("")
                                    + "Valid sections: Unit, Service, Install.");
                    continue;
                }
                if (!(section.value() instanceof YMap keys)) {
                    ctx.error(section.value(), "expected a mapping of settings, got " + section.value().kind());
                    continue;
                }
                for (YMap.Entry setting : keys.entries()) {
                    List<YNode> valueNodes = setting.value() instanceof YSeq seq ? seq.items() : List.of(setting.value());
                    String problem = SystemdKeys.checkKey(section.name(), setting.name());
                    if (problem != null) {
                        ctx.error(setting.key(), problem, SystemdKeys.hint(section.name(), setting.name()));
                        continue;
                    }
                    for (YNode vn : valueNodes) {
                        if (!(vn instanceof YScalar sv)) {
                            ctx.error(vn, "expected a value or a list of values for " + setting.name() + ", got " + vn.kind());
                            continue;
                        }
                        String value = sv.isNull() ? "" : sv.value();
                        String bad = SystemdKeys.checkValue(section.name(), setting.name(), value);
                        if (bad != null) {
                            ctx.error(vn, bad, null);
                            continue;
                        }
                        out.add(new UnitSetting(section.name(), setting.name(), value, vn.location()));
                    }
                }
            }
            return out;
        }

        @Override
        public String describe() {
            return "a mapping section -> setting -> value or list of values";
        }
    };
}
