package dev.miniredis.command.server;

import dev.miniredis.command.Command;
import dev.miniredis.command.CommandSpec;
import dev.miniredis.command.Context;
import dev.miniredis.command.Flag;
import dev.miniredis.command.LatencyMonitor;
import dev.miniredis.protocol.RespWriter;

import java.util.Map;

/**
 * {@code LATENCY LATEST}: one row per event with samples: {@code [event, time of the newest sample, its latency in ms,
 * the largest latency ever in ms]}.
 */
record LatencyLatest() implements Command {
    private static final Command INSTANCE = new LatencyLatest();

    static final CommandSpec SPEC = CommandSpec.of("latency|latest", 2, Flag.ADMIN, Flag.NOSCRIPT, Flag.LOADING,
                    Flag.STALE)
            .group("server").since("2.8.13").summary("Return the latest latency samples for all events.")
            .parser(args -> INSTANCE);

    @Override
    public void execute(Context ctx) {
        Map<String, LatencyMonitor.Series> events = ctx.commands().latency().events();
        RespWriter out = ctx.reply();
        out.array(events.size());
        for (Map.Entry<String, LatencyMonitor.Series> e : events.entrySet()) {
            long[] latest = e.getValue().latest();
            out.array(4).bulk(e.getKey()).integer(latest[0]).integer(latest[1]).integer(e.getValue().max());
        }
    }
}
