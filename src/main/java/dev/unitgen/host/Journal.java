package dev.unitgen.host;

import java.util.List;

/** The host's journal: what a unit logged (its container's output comes through the client). */
public interface Journal {
    List<String> lastLines(String unit, int lines);
}
