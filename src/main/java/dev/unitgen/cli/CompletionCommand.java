package dev.unitgen.cli;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "completion", sortOptions = false, mixinStandardHelpOptions = true,
        description = {"Print a shell completion script for bash or zsh.",
                "It completes the commands, the options, the values of options that take one of a few values, "
                        + "definition files and directories for PATH arguments, and the keys of unitgen keys "
                        + "(from the same table that validates definitions). The packages install it for bash and zsh."},
        footerHeading = "%nExamples:%n",
        footer = {"  source <(unitgen completion bash)",
                "  unitgen completion zsh > \"$${fpath[1]}/_unitgen\""})
final class CompletionCommand implements Callable<Integer> {
    enum Shell { bash, zsh }

    @Parameters(paramLabel = "SHELL", description = "bash or zsh.")
    Shell shell;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        CommandLine root = spec.root().commandLine();
        String script = AutoComplete.bash("unitgen", root);
        if (shell == Shell.zsh) {
            script = "#compdef unitgen\n# zsh completion for unitgen (the bash completion through bashcompinit)\n"
                    + "autoload -U +X bashcompinit && bashcompinit\n" + script;
        }
        spec.commandLine().getOut().print(script);
        spec.commandLine().getOut().flush();
        return ExitCode.OK.code();
    }
}
