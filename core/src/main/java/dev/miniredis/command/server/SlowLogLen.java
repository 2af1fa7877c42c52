package dev.miniredis.command.server;

import dev.miniredis.command.Command;
import dev.miniredis.command.CommandSpec;
import dev.miniredis.command.Context;
import dev.miniredis.command.Flag;

/** {@code SLOWLOG LEN}: how many entries the slow log holds. */
record SlowLogLen() implements Command {
    private static final Command INSTANCE = new SlowLogLen();

    static final CommandSpec SPEC = CommandSpec.of("slowlog|len", 2, Flag.ADMIN, Flag.LOADING, Flag.STALE)
            .group("server").since("2.2.12").summary("Get the slow log's length").parser(args -> INSTANCE);

    @Override
    public void execute(Context ctx) {
        ctx.reply().integer(ctx.commands().slowLog().size());
    }
}
