package dev.miniredis.command.server;

import dev.miniredis.command.Command;
import dev.miniredis.command.CommandSpec;
import dev.miniredis.command.Context;
import dev.miniredis.command.Flag;
import dev.miniredis.protocol.Resp;

/** {@code SLOWLOG RESET}: forgets every entry; the ids of new entries go on from where they were. */
record SlowLogReset() implements Command {
    private static final Command INSTANCE = new SlowLogReset();

    static final CommandSpec SPEC = CommandSpec.of("slowlog|reset", 2, Flag.ADMIN, Flag.LOADING, Flag.STALE)
            .group("server").since("2.2.12").summary("Clear all entries from the slow log").parser(args -> INSTANCE);

    @Override
    public void execute(Context ctx) {
        ctx.commands().slowLog().reset();
        ctx.reply().raw(Resp.OK);
    }
}
