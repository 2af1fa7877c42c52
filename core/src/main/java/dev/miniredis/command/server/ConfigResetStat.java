package dev.miniredis.command.server;

import dev.miniredis.command.Command;
import dev.miniredis.command.CommandSpec;
import dev.miniredis.command.Context;
import dev.miniredis.command.Flag;
import dev.miniredis.protocol.Resp;

/** {@code CONFIG RESETSTAT}: accepted; the counters INFO reports run from the start and are not reset. */
record ConfigResetStat() implements Command {
    private static final Command INSTANCE = new ConfigResetStat();

    static final CommandSpec SPEC = CommandSpec.of("config|resetstat", 2, Flag.ADMIN, Flag.NOSCRIPT, Flag.LOADING,
                    Flag.STALE)
            .group("server").since("2.0.0").summary("Resets the server's statistics.").parser(args -> INSTANCE);

    @Override
    public void execute(Context ctx) {
        ctx.reply().raw(Resp.OK);
    }
}
