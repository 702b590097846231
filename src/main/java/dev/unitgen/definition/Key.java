package dev.unitgen.definition;

/**
 * One definition key of a mapping table: its YAML name, how its value is read, what it
 * writes on the docker run command line, what it becomes (for documentation) and its
 * documentation.
 *
 * @param emitter the key's docker run arguments ({@link Emitter#none} for keys that become unit
 *                settings, tell apply what to do, or belong to the image table)
 * @param maps    what the key becomes, for documentation ("--cap-add", "Restart=")
 * @param compose whether docker compose has a key of this name and meaning
 * @param fallback the key's default, or null for a key that adds nothing when it is not set
 */
public record Key<T>(String name, ValueType<T> type, Emitter<T> emitter, String maps, String doc, boolean compose,
                     Default<T> fallback) {

    /** A key without a default. */
    public Key(String name, ValueType<T> type, Emitter<T> emitter, String maps, String doc, boolean compose) {
        this(name, type, emitter, maps, doc, compose, null);
    }

    /** {@code value}, or the key's default when it is null (null when the key has none). */
    public T orDefault(T value, Default.Facts facts) {
        return value != null || fallback == null ? value : fallback.of(facts);
    }

    @Override
    public String toString() {
        return name;
    }
}
