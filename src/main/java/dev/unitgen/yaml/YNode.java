package dev.unitgen.yaml;

import dev.unitgen.diag.Location;

/**
 * A YAML node with its place in the source: the only YAML representation the layers above
 * the parser see. Scalars keep their raw text (YAML 1.2 semantics: {@code yes}, {@code on}
 * and {@code 012} are text; the definition layer gives each key its own type).
 */
public sealed interface YNode permits YScalar, YMap, YSeq {
    Location location();

    /** "a string", "a mapping", "a list": for "expected X, got Y" messages. */
    String kind();
}
