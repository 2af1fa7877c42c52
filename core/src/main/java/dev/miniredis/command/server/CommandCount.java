package dev.miniredis.command.server;

import dev.miniredis.command.Category;
import dev.miniredis.command.Command;
import dev.miniredis.command.CommandSpec;
import dev.miniredis.command.CommandTable;
import dev.miniredis.command.Context;
import dev.miniredis.command.Flag;

/** {@code COMMAND COUNT}: how many commands the server has, not counting subcommands. */
record CommandCount(CommandTable table) implements Command {
    static final CommandSpec SPEC = CommandSpec.of("command|count", 2, Flag.LOADING, Flag.STALE)
            .categories(Category.CONNECTION).group("server").since("2.8.13")
            .summary("Returns a count of commands.").parser(args -> new CommandCount(args.table()));

    @Override
    public void execute(Context ctx) {
        ctx.reply().integer(table.specs().size());
    }
}
