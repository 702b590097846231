package dev.unitgen.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code unitgen import compose FILE}: definitions from other formats. */
@Command(name = "import", sortOptions = false, mixinStandardHelpOptions = true,
        description = "Convert definitions of another tool into a unitgen definition file.",
        subcommands = {ImportComposeCommand.class},
        footerHeading = "%nExamples:%n",
        footer = {"  unitgen import compose docker-compose.yml --output /etc/unitgen/app.yaml"})
final class ImportCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing command: compose");
    }
}
