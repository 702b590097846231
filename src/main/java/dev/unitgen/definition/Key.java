package dev.unitgen.definition;

/**
 * One definition key of the mapping table: its YAML name, how its value is read, what it
 * becomes (a docker run flag, a unit setting) and its documentation.
 *
 * @param style how the translator turns the value into docker arguments
 * @param flag  the docker run flag for {@link Style#VALUE}, {@link Style#EACH},
 *              {@link Style#PAIRS} and {@link Style#SWITCH}
 * @param maps  what the key becomes, for documentation ("--cap-add", "Restart=")
 */
public record Key<T>(String name, ValueType<T> type, Style style, String flag, String maps, String doc,
                     boolean compose) {

    /** How the translator emits a key. */
    public enum Style {
        /** {@code flag value} */
        VALUE,
        /** {@code flag item} for each item of a list */
        EACH,
        /** {@code flag key=value} for each entry of a map, sorted by key */
        PAIRS,
        /** {@code flag} when true */
        SWITCH,
        /** the translator has a handler of its own for this key */
        CUSTOM
    }

    @Override
    public String toString() {
        return name;
    }
}
