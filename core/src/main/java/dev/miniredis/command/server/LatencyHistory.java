package dev.miniredis.command.server;

import dev.miniredis.command.Args;
import dev.miniredis.command.Command;
import dev.miniredis.command.CommandSpec;
import dev.miniredis.command.Context;
import dev.miniredis.command.Flag;
import dev.miniredis.command.LatencyMonitor;
import dev.miniredis.protocol.RespWriter;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** {@code LATENCY HISTORY event}: the event's samples, oldest first, as {@code [time, latency ms]} pairs. */
record LatencyHistory(String event) implements Command {
    static final CommandSpec SPEC = CommandSpec.of("latency|history", 3, Flag.ADMIN, Flag.NOSCRIPT, Flag.LOADING,
                    Flag.STALE)
            .group("server").since("2.8.13").summary("Return timestamp-latency samples for the event.")
            .parser(LatencyHistory::parse);

    static Command parse(Args args) {
        return new LatencyHistory(new String(args.get(2), StandardCharsets.ISO_8859_1));
    }

    @Override
    public void execute(Context ctx) {
        LatencyMonitor.Series series = ctx.commands().latency().events().get(event);
        RespWriter out = ctx.reply();
        if (series == null) {
            out.array(0);
            return;
        }
        List<long[]> samples = series.samples();
        out.array(samples.size());
        for (long[] s : samples) out.array(2).integer(s[0]).integer(s[1]);
    }
}
