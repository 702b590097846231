package dev.unitgen.yaml;

import dev.unitgen.diag.Location;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

public record YSeq(List<YNode> items, Location location) implements YNode {
    public YSeq {
        items = Collections.unmodifiableList(new ArrayList<>(items));
    }

    @Override
    public String kind() {
        return "a list";
    }
}
