package dev.miniredis.command.server;

import dev.miniredis.command.Command;
import dev.miniredis.command.CommandSpec;
import dev.miniredis.command.Context;
import dev.miniredis.command.Flag;
import dev.miniredis.protocol.Resp;

/**
 * {@code CONFIG RESETSTAT}: sets back to zero what Redis's {@code resetServerStats}, {@code resetCommandTableStats} and
 * {@code resetErrorTableStats} do: commands processed, connections received, expired and evicted keys, keyspace hits
 * and misses, every command's calls, time, rejected and failed calls, every error count and total_error_replies. The
 * slow log and the latency monitor have their own RESET and are left alone, as in Redis.
 */
record ConfigResetStat() implements Command {
    private static final Command INSTANCE = new ConfigResetStat();

    static final CommandSpec SPEC = CommandSpec.of("config|resetstat", 2, Flag.ADMIN, Flag.NOSCRIPT, Flag.LOADING,
                    Flag.STALE)
            .group("server").since("2.0.0").summary("Resets the server's statistics.").parser(args -> INSTANCE);

    @Override
    public void execute(Context ctx) {
        ctx.commands().resetStats();
        ctx.server().stats().resetStats();
        ctx.keyspace().resetStats();
        ctx.reply().raw(Resp.OK);
    }
}
