package dev.miniredis.command;

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
