package dev.unitgen.definition;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * What one key of the table writes on the docker run command line. The translator calls
 * the emitter of every row, in table order, with the key's value as written (null when the key
 * is not set: most emitters then write nothing; one whose key has a default that writes
 * something takes it from the row, {@link Key#orDefault}).
 */
@FunctionalInterface
public interface Emitter<T> {
    void emit(T value, Context ctx, DockerArgs args);

    /** What an emitter may know of the translation besides the key's value. */
    interface Context extends Default.Facts {
        @Override
        default boolean declaredImage() {
            return builtImage() != null;
        }

        /** The systemd profile of a systemd container on this host (never AUTO); null otherwise. */
        SystemdProfile profile();

        /** The tag of the image built from a definition under images:, or null for an image of a registry. */
        String builtImage();

        /** The command a systemd container runs when it names none: the image's init. */
        String init();

        /** The env file unitgen writes for the container's environment. */
        String envFile();

        /** The definition file's path as the host sees it (relative paths are relative to its directory). */
        String sourcePath();

        /**
         * The engine's name of the declared network or volume {@code key} refers to (its
         * {@code name:}, else the key itself).
         */
        String engineName(ObjectDefinition.Kind kind, String key);
    }

    /** No docker run argument: the key becomes unit settings, or tells apply what to do. */
    static <T> Emitter<T> none() {
        return (v, c, a) -> {
        };
    }

    /** {@code flag format(value)}. */
    static <T> Emitter<T> value(String flag, Function<T, String> format) {
        return (v, c, a) -> {
            if (v != null) {
                a.option(flag, format.apply(v));
            }
        };
    }

    /** {@code flag format(item)} for each item of a list. */
    static <I> Emitter<List<I>> each(String flag, Function<I, String> format) {
        return (v, c, a) -> {
            if (v != null) {
                v.forEach(i -> a.option(flag, format.apply(i)));
            }
        };
    }

    /** {@code flag format(key, value)} for each entry of a map, sorted by key. */
    static <V> Emitter<Map<String, V>> pairs(String flag, BiFunction<String, V, String> format) {
        return (v, c, a) -> {
            if (v != null) {
                new TreeMap<>(v).forEach((k, x) -> a.option(flag, format.apply(k, x)));
            }
        };
    }

    /** {@code flag} when true. */
    static Emitter<Boolean> when(String flag) {
        return (v, c, a) -> {
            if (Boolean.TRUE.equals(v)) {
                a.option(flag);
            }
        };
    }

    /** This emitter, called only when the key is set. */
    static <T> Emitter<T> whenSet(Emitter<T> e) {
        return (v, c, a) -> {
            if (v != null) {
                e.emit(v, c, a);
            }
        };
    }
}
