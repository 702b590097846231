package dev.unitgen.definition;

import dev.unitgen.diag.Location;
import dev.unitgen.diag.SourceFile;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One network or volume declared at the top level of a definition file ({@code networks:},
 * {@code volumes:}): its key (what containers refer to it by, and the name of its unit), its
 * engine name ({@link #engineName}: the {@code name:} key, else the key), and a typed value for
 * each key of its kind's table that was set.
 */
public final class ObjectDefinition extends Declared {

    /** What kind of engine object, and its table. */
    public enum Kind {
        NETWORK("network", "networks", NetworkKeys::all, NetworkKeys.TABLE::byName, NetworkKeys.EXTERNAL, NetworkKeys.NAME),
        VOLUME("volume", "volumes", VolumeKeys::all, VolumeKeys.TABLE::byName, VolumeKeys.EXTERNAL, VolumeKeys.NAME);

        private final String word;
        private final String topKey;
        private final Supplier<List<Key<?>>> keys;
        private final Function<String, Key<?>> byName;
        private final Key<Boolean> external;
        private final Key<String> name;

        Kind(String word, String topKey, Supplier<List<Key<?>>> keys, Function<String, Key<?>> byName, Key<Boolean> external,
             Key<String> name) {
            this.word = word;
            this.topKey = topKey;
            this.keys = keys;
            this.byName = byName;
            this.external = external;
            this.name = name;
        }

        /** "network" or "volume": the docker command and the word in messages. */
        public String word() {
            return word;
        }

        /** The top-level key that declares them. */
        public String topKey() {
            return topKey;
        }

        /** The keys of the kind's table, in table order. */
        public List<Key<?>> keys() {
            return keys.get();
        }

        Key<Boolean> externalKey() {
            return external;
        }

        Key<String> nameKey() {
            return name;
        }

        Key<?> byName(String name) {
            return byName.apply(name);
        }

        /** unitgen's ownership label: its value is the digest of the object's options. */
        public String ownerLabel() {
            return "dev.unitgen." + word;
        }
    }

    private final Kind kind;

    ObjectDefinition(Kind kind, String name, Location nameLocation, SourceFile file, String hostSourcePath,
                     Map<Key<?>, Object> values, Map<Key<?>, Location> locations, boolean valid) {
        super(name, nameLocation, file, hostSourcePath, values, locations, valid);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    /** The engine's name of it: its name: key, else its key ({@link #name()}). */
    public String engineName() {
        return get(kind.name, name());
    }

    /** The unit that creates it: KEY-network.service or KEY-volume.service. */
    public String unitName() {
        return name() + "-" + kind.word + ".service";
    }

    /** Made outside unitgen (external: true): never created, never removed. */
    public boolean external() {
        return get(kind.externalKey(), false);
    }

    /** Whether two declarations of the same name say the same (the same keys with equal values). */
    boolean sameOptions(ObjectDefinition other) {
        return kind == other.kind && values().equals(other.values());
    }

    /**
     * {@code DOCKER KIND create}, the options of the keys in table order, unitgen's label
     * ({@link Kind#ownerLabel} = {@link #digest}), the name.
     */
    public List<String> createArgv(String docker) {
        return args(docker, kind.ownerLabel() + "=" + digest()).toList();
    }

    /** sha256 (first 16 hex digits) over the options the keys write: equal digests, equal objects. */
    public String digest() {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (String w : args("docker", "").toList()) {
                md.update(w.getBytes(StandardCharsets.UTF_8));
                md.update((byte) 0);
            }
            return HexFormat.of().formatHex(md.digest()).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private DockerArgs args(String docker, String label) {
        DockerArgs args = DockerArgs.create(docker, kind.word, engineName(), label);
        for (Key<?> k : kind.keys()) {
            emit(k, args);
        }
        return args;
    }

    private <T> void emit(Key<T> key, DockerArgs args) {
        key.emitter().emit(get(key), null, args);
    }
}
