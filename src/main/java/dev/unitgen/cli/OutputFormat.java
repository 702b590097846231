package dev.unitgen.cli;

/** --output: text for people, json for tools. */
public enum OutputFormat {
    text, json
}
