package dev.miniredis.command.server;

import dev.miniredis.command.Command;
import dev.miniredis.command.CommandSpec;
import dev.miniredis.command.Context;
import dev.miniredis.command.Flag;
import dev.miniredis.protocol.Resp;

/**
 * {@code MONITOR}: from now on this connection receives every command the server runs, as one line each (see
 * {@link dev.miniredis.command.Monitors} for the format and what is left out). As in Redis a monitor counts as a replica:
 * commands that read or write keys are refused on it ({@code ERR Replica can't interact with the keyspace}), while PING,
 * QUIT and RESET (which ends monitoring) still work.
 */
record Monitor() implements Command {
    private static final Command INSTANCE = new Monitor();

    static final CommandSpec SPEC = CommandSpec.of("monitor", 1, Flag.ADMIN, Flag.NOSCRIPT, Flag.LOADING, Flag.STALE)
            .group("server").since("1.0.0")
            .summary("Listens for all requests received by the server in real-time.").parser(args -> INSTANCE);

    @Override
    public void execute(Context ctx) {
        if (ctx.session().monitoring()) return; // a second MONITOR is ignored without a reply, as in Redis
        ctx.session().monitoring(true);
        ctx.commands().monitors().add(ctx.session());
        ctx.reply().raw(Resp.OK);
    }
}
