package dev.miniredis.command.server;

import dev.miniredis.command.Category;
import dev.miniredis.command.Command;
import dev.miniredis.command.CommandSpec;
import dev.miniredis.command.CommandTable;
import dev.miniredis.command.Context;
import dev.miniredis.command.Flag;
import dev.miniredis.protocol.RespWriter;

/**
 * {@code COMMAND [subcommand]}: the server describing its own commands, every word of it generated from the
 * {@link CommandSpec}s in the table. redis-cli asks for COMMAND DOCS when it starts in interactive mode, to offer hints as
 * you type; cluster-aware clients read COMMAND to find the keys in a command.
 *
 * <p>COMMAND is a container like CLIENT, with one difference: its arity is -1, so it also runs bare, and bare it is
 * COMMAND INFO for every command. The subcommands are {@link CommandCount COUNT}, {@link CommandList LIST},
 * {@link CommandInfo INFO}, {@link CommandDocs DOCS} and {@code HELP}, declared here.
 */
record CommandCommand(CommandTable table) implements Command {
    private static final String[] HELP_LINES = {
            "COMMAND <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
            "(no subcommand)", "    Return details about all commands.",
            "COUNT", "    Return the total number of commands in this server.",
            "LIST [FILTERBY (MODULE <module-name>|ACLCAT <category>|PATTERN <pattern>)]",
            "    Return a list of all commands in this server, optionally filtered.",
            "INFO [<command-name> ...]", "    Return details about multiple commands.",
            "DOCS [<command-name> ...]", "    Return documentation details about multiple commands.",
            "HELP", "    Print this help."};
    private static final Command HELP_REPLY = ctx -> ctx.reply().simpleLines(HELP_LINES);

    static final CommandSpec HELP = CommandSpec.of("command|help", 2, Flag.LOADING, Flag.STALE)
            .categories(Category.CONNECTION).group("server").since("5.0.0")
            .summary("Returns helpful text about the different subcommands.").parser(args -> HELP_REPLY);

    static final CommandSpec SPEC = CommandSpec.of("command", -1, Flag.LOADING, Flag.STALE, Flag.SENTINEL)
            .categories(Category.CONNECTION).group("server").since("2.8.13")
            .summary("Returns detailed information about all commands.").parser(args -> new CommandCommand(args.table()))
            .subcommands(CommandCount.SPEC, CommandDocs.SPEC, CommandInfo.SPEC, CommandList.SPEC, HELP);

    @Override
    public void execute(Context ctx) {
        RespWriter out = ctx.reply();
        out.array(table.specs().size());
        for (CommandSpec spec : table.specs()) CommandInfo.describe(out, spec);
    }
}
