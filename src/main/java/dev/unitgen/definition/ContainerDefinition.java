package dev.unitgen.definition;

import dev.unitgen.diag.Location;
import dev.unitgen.diag.SourceFile;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One validated container definition: its name, where it was declared, and a typed value
 * for each key that was set (directly or through the file's defaults).
 */
public final class ContainerDefinition extends Declared {
    ContainerDefinition(String name, Location nameLocation, SourceFile file, String hostSourcePath,
                  Map<Key<?>, Object> values, Map<Key<?>, Location> locations, boolean valid) {
        super(name, nameLocation, file, hostSourcePath, values, locations, valid);
    }

    /** The unit name: NAME.service (the container name is also the docker container name). */
    public String unitName() {
        return name() + ".service";
    }

    /** The env_file paths as the host sees them: relative ones from the definition file's directory. */
    public List<String> envFiles() {
        Path dir = Path.of(hostSourcePath()).getParent();
        return list(ContainerKeys.ENV_FILE).stream().map(f -> {
            Path p = Path.of(f);
            return (p.isAbsolute() ? p : dir.resolve(p)).normalize().toString();
        }).toList();
    }
}
