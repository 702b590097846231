package dev.unitgen.definition;

import java.util.function.Function;

/**
 * A key's default, part of its table row: the value a definition gets where neither it nor
 * its file's {@code defaults:} set the key, and its words for the documentation. The
 * translation, apply, {@code unitgen config}, {@code unitgen keys} and unitgen.yaml(5) all take
 * it from the row, so they cannot disagree.
 *
 * @param text  the default as unitgen.yaml(5) and {@code unitgen keys} say it ("on-failure",
 *              "true (false for systemd containers)")
 * @param value the default for one definition
 */
public record Default<T>(String text, Function<Facts, T> value) {

    /**
     * What a default may depend on: the definition's name, whether the container runs systemd,
     * whether its image is declared under images:. A default of null: none applies (the key
     * has no effect on that definition).
     */
    public interface Facts {
        String name();

        boolean systemd();

        boolean declaredImage();
    }

    /** The same value for every definition. */
    public static <T> Default<T> of(T value, String text) {
        return new Default<>(text, f -> value);
    }

    /** One value for a plain container, another for a container that runs systemd. */
    public static <T> Default<T> unlessSystemd(T plain, T systemd, String text) {
        return new Default<>(text, f -> f.systemd() ? systemd : plain);
    }

    public T of(Facts facts) {
        return value.apply(facts);
    }

    /** Facts given as values (for what is not a translation: config, images, networks). */
    public record Given(String name, boolean systemd, boolean declaredImage) implements Facts {
    }
}
