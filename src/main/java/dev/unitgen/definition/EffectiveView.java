package dev.unitgen.definition;

import dev.unitgen.diag.Location;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The effective definitions as plain data, for {@code unitgen config}: every container,
 * image, network and volume with the keys it ends up with (its file's {@code defaults:}
 * merged in, and unitgen's own defaults: each key's table row, {@link Key#fallback}), each
 * value as unitgen read it, keys in table order. Plain data is String, Boolean, Long,
 * BigDecimal, List and Map (keys in table order), so that YAML and JSON writers need know
 * nothing of the model. Environment values are hidden unless {@code showSecrets}: unitgen
 * cannot tell a secret from another value, so it prints none (as render and plan do).
 */
public final class EffectiveView {
    /** What stands for an environment value that is not shown. */
    public static final String HIDDEN = "(hidden)";

    private EffectiveView() {
    }

    /**
     * The view: containers, images, networks, volumes (each a mapping of names to their keys), in declaration order.
     *
     * @param systemd whether a container runs systemd as PID 1 (some defaults depend on it)
     */
    public static Map<String, Object> of(Definitions defs, boolean showSecrets, Predicate<ContainerDefinition> systemd) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("containers", declared(defs, defs.containers(), showSecrets, systemd, false));
        doc.put("images", declared(defs, defs.images(), showSecrets, systemd, false));
        doc.put("networks", declared(defs, defs.objects(ObjectDefinition.Kind.NETWORK), showSecrets, systemd, false));
        doc.put("volumes", declared(defs, defs.objects(ObjectDefinition.Kind.VOLUME), showSecrets, systemd, false));
        return doc;
    }

    /** The keys of {@link #of} that are unitgen's defaults (not set by a definition nor its file's defaults:), in the same shape. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> defaultsApplied(Definitions defs, Predicate<ContainerDefinition> systemd) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("containers", declared(defs, defs.containers(), false, systemd, true));
        doc.put("images", declared(defs, defs.images(), false, systemd, true));
        doc.put("networks", declared(defs, defs.objects(ObjectDefinition.Kind.NETWORK), false, systemd, true));
        doc.put("volumes", declared(defs, defs.objects(ObjectDefinition.Kind.VOLUME), false, systemd, true));
        doc.replaceAll((section, byName) -> {
            Map<String, Object> names = new LinkedHashMap<>();
            ((Map<String, Object>) byName).forEach((name, keys) -> names.put(name, List.copyOf(((Map<String, Object>) keys).keySet())));
            return names;
        });
        return doc;
    }

    /** The table of a declared thing's keys. */
    private static List<Key<?>> table(Declared d) {
        if (d instanceof ContainerDefinition) {
            return ContainerKeys.all();
        }
        if (d instanceof ImageDefinition) {
            return ImageKeys.all();
        }
        return ((ObjectDefinition) d).kind() == ObjectDefinition.Kind.NETWORK ? NetworkKeys.all() : VolumeKeys.all();
    }

    /** What a declared thing's defaults depend on: a container's systemd decision; an image always runs systemd. */
    private static Default.Facts facts(Definitions defs, Declared d, Predicate<ContainerDefinition> systemd) {
        if (d instanceof ContainerDefinition c) {
            return new Default.Given(c.name(), systemd.test(c), defs.declaredImage(c) != null);
        }
        return new Default.Given(d.name(), d instanceof ImageDefinition, false);
    }

    /** The definition file of each name in {@link #of}'s sections, in the same shape. */
    public static Map<String, Object> sources(Definitions defs) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("containers", sourcesOf(defs.containers()));
        doc.put("images", sourcesOf(defs.images()));
        doc.put("networks", sourcesOf(defs.objects(ObjectDefinition.Kind.NETWORK)));
        doc.put("volumes", sourcesOf(defs.objects(ObjectDefinition.Kind.VOLUME)));
        return doc;
    }

    private static Map<String, Object> sourcesOf(List<? extends Declared> all) {
        Map<String, Object> out = new LinkedHashMap<>();
        all.forEach(d -> out.put(d.name(), d.hostSourcePath()));
        return out;
    }

    /** Each declared thing's keys: set and defaulted ones in table order, or with {@code onlyDefaults} the defaulted ones alone. */
    private static Map<String, Object> declared(Definitions defs, List<? extends Declared> all, boolean showSecrets,
                                                Predicate<ContainerDefinition> systemd, boolean onlyDefaults) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Declared d : all) {
            Map<String, Object> keys = new LinkedHashMap<>();
            Default.Facts facts = facts(defs, d, systemd);
            for (Key<?> k : table(d)) {
                boolean set = d.has(k);
                if (onlyDefaults && set) {
                    continue;
                }
                Object v = set ? d.get(k) : k.fallback() == null ? null : k.fallback().of(facts);
                Object value = k == ContainerKeys.ENVIRONMENT && !showSecrets && v != null ? hidden(v) : plain(v);
                if (value != null) {
                    keys.put(k.name(), value);
                }
            }
            out.put(d.name(), keys);
        }
        return out;
    }

    private static Object hidden(Object environment) {
        Map<String, Object> out = new LinkedHashMap<>();
        ((Map<?, ?>) environment).keySet().forEach(k -> out.put(String.valueOf(k), HIDDEN));
        return out;
    }

    /** A value of the model as plain data; null for what has nothing to show (a location, an absent part). */
    static Object plain(Object v) {
        if (v == null || v instanceof Location) {
            return null;
        }
        if (v instanceof String || v instanceof Boolean || v instanceof Long || v instanceof BigDecimal) {
            return v;
        }
        if (v instanceof Integer i) {
            return i.longValue();
        }
        if (v instanceof Duration d) {
            return duration(d);
        }
        if (v instanceof Size s) {
            return s.text();
        }
        if (v instanceof Signal s) {
            return s.name();
        }
        if (v instanceof Port p) {
            return p.publishArg();
        }
        if (v instanceof Restart r) {
            return word(r.policy()) + (r.maxAttempts() == null ? "" : ":" + r.maxAttempts());
        }
        if (v instanceof Enum<?> e) {
            return word(e);
        }
        if (v instanceof List<?> list && !list.isEmpty() && list.get(0) instanceof UnitSetting) {
            return unitSettings(list);
        }
        if (v instanceof List<?> list && !list.isEmpty() && list.get(0) instanceof Network) {
            // networks: as the key reads them, a mapping of names to {aliases, ipv4_address, ipv6_address}
            Map<String, Object> out = new LinkedHashMap<>();
            for (Object x : list) {
                Network n = (Network) x;
                Map<String, Object> cfg = new LinkedHashMap<>();
                if (!n.aliases().isEmpty()) {
                    cfg.put("aliases", new ArrayList<>(n.aliases()));
                }
                if (n.ipv4() != null) {
                    cfg.put("ipv4_address", n.ipv4());
                }
                if (n.ipv6() != null) {
                    cfg.put("ipv6_address", n.ipv6());
                }
                out.put(n.name(), cfg);
            }
            return out;
        }
        if (v instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            list.forEach(x -> {
                Object p = plain(x);
                if (p != null) {
                    out.add(p);
                }
            });
            return out;
        }
        if (v instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, x) -> {
                Object p = plain(x);
                if (p != null) {
                    out.put(String.valueOf(k), p);
                }
            });
            return out;
        }
        if (v instanceof Record r) {
            return record(r);
        }
        return v.toString();
    }

    /** unit: as it is written: section, then setting, then the value (a list when a setting is given several times). */
    private static Map<String, Object> unitSettings(List<?> settings) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Object o : settings) {
            UnitSetting s = (UnitSetting) o;
            @SuppressWarnings("unchecked")
            Map<String, Object> section = (Map<String, Object>) out.computeIfAbsent(s.section(), x -> new LinkedHashMap<String, Object>());
            Object before = section.get(s.key());
            if (before == null) {
                section.put(s.key(), s.value());
            } else {
                List<Object> values = new ArrayList<>(before instanceof List<?> l ? l : List.of(before));
                values.add(s.value());
                section.put(s.key(), values);
            }
        }
        return out;
    }

    /** A structured value in long form: its parts by name (snake_case), the absent and empty ones left out. */
    private static Map<String, Object> record(Record r) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (RecordComponent c : r.getClass().getRecordComponents()) {
            Object part;
            try {
                part = c.getAccessor().invoke(r);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot read " + c.getName() + " of " + r.getClass().getSimpleName(), e);
            }
            Object p = plain(part);
            if (p != null && !(p instanceof List<?> l && l.isEmpty()) && !(p instanceof Map<?, ?> m && m.isEmpty())) {
                out.put(c.getName().replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT), p);
            }
        }
        return out;
    }

    /** An enumeration's word in definitions: its yaml() when it has one, else its name in lower case with dashes. */
    private static String word(Enum<?> e) {
        if (e instanceof SystemdProfile p) {
            return p.yaml();
        }
        if (e instanceof DistroFamily f) {
            return f.yaml();
        }
        if (e instanceof Dependency.Condition) {
            return e.name().toLowerCase(Locale.ROOT); // compose's words: service_healthy
        }
        return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** 90s, 1m30s, 1h, 1s500ms: the units unitgen reads (unitgen.yaml(5), durations). */
    static String duration(Duration d) {
        if (d.isZero()) {
            return "0s";
        }
        StringBuilder sb = new StringBuilder();
        long h = d.toHours();
        long m = d.toMinutesPart();
        long s = d.toSecondsPart();
        long ms = d.toMillisPart();
        if (h > 0) {
            sb.append(h).append('h');
        }
        if (m > 0) {
            sb.append(m).append('m');
        }
        if (s > 0) {
            sb.append(s).append('s');
        }
        if (ms > 0) {
            sb.append(ms).append("ms");
        }
        long us = d.toNanosPart() / 1000 % 1000;
        if (us > 0) {
            sb.append(us).append("us");
        }
        return sb.toString();
    }
}
