package io.tessera.cli;

import io.tessera.cli.demo.DemoCommand;
import io.tessera.cli.slt.SltCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code tessera} command. */
@Command(name = "tessera", mixinStandardHelpOptions = true, version = "Tessera 0.1.0",
        description = "A distributed SQL database that speaks the PostgreSQL protocol.",
        subcommands = {StartCommand.class, DemoCommand.class, StatusCommand.class, NodeCommand.class, SltCommand.class, CommandLine.HelpCommand.class})
public final class Main {
    public static void main(String[] args) {
        System.exit(new CommandLine(new Main()).execute(args));
    }
}
