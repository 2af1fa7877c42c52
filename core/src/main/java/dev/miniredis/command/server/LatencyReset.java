package dev.miniredis.command.server;

import dev.miniredis.command.Args;
import dev.miniredis.command.Command;
import dev.miniredis.command.CommandSpec;
import dev.miniredis.command.Context;
import dev.miniredis.command.Flag;
import dev.miniredis.command.LatencyMonitor;

import java.nio.charset.StandardCharsets;

/** {@code LATENCY RESET [event ...]}: forgets the named events (all of them with no name); answers how many had samples. */
record LatencyReset(String[] events) implements Command {
    static final CommandSpec SPEC = CommandSpec.of("latency|reset", -2, Flag.ADMIN, Flag.NOSCRIPT, Flag.LOADING,
                    Flag.STALE)
            .group("server").since("2.8.13").summary("Reset latency data for one or more events.")
            .parser(LatencyReset::parse);

    static Command parse(Args args) {
        String[] events = new String[args.count() - 2];
        for (int i = 2; i < args.count(); i++) events[i - 2] = new String(args.get(i), StandardCharsets.ISO_8859_1);
        return new LatencyReset(events);
    }

    @Override
    public void execute(Context ctx) {
        LatencyMonitor monitor = ctx.commands().latency();
        if (events.length == 0) {
            ctx.reply().integer(monitor.resetAll());
            return;
        }
        int reset = 0;
        for (String e : events) if (monitor.reset(e)) reset++;
        ctx.reply().integer(reset);
    }
}
