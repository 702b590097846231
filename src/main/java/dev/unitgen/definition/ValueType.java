package dev.unitgen.definition;

import dev.unitgen.yaml.YNode;

/**
 * How a definition key's value is read from YAML and checked. A reader reports every
 * problem to the context and returns null when the value is unusable.
 */
public interface ValueType<T> {
    T read(YNode node, ReadContext ctx);

    /** A short description for documentation and "expected ..." messages, e.g. "duration". */
    String describe();
}
