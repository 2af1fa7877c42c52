package dev.miniredis.command.server;

import dev.miniredis.command.Args;
import dev.miniredis.command.Command;
import dev.miniredis.command.CommandError;
import dev.miniredis.command.CommandSpec;
import dev.miniredis.command.Context;
import dev.miniredis.command.Flag;
import dev.miniredis.command.SlowLog;
import dev.miniredis.protocol.Numbers;
import dev.miniredis.protocol.RespWriter;

/**
 * {@code SLOWLOG GET [count]}: the newest {@code count} entries (10 by default, -1 for all), newest first, each as
 * {@code [id, unix time, microseconds, [args...], "ip:port", "name"]}.
 */
record SlowLogGet(long count) implements Command {
    static final CommandSpec SPEC = CommandSpec.of("slowlog|get", -2, Flag.ADMIN, Flag.LOADING, Flag.STALE)
            .group("server").since("2.2.12").summary("Get the slow log's entries").parser(SlowLogGet::parse);

    static Command parse(Args args) {
        if (args.count() > 3) {
            throw new CommandError("ERR unknown subcommand or wrong number of arguments for '"
                    + new String(args.get(1), java.nio.charset.StandardCharsets.ISO_8859_1) + "'. Try SLOWLOG HELP.");
        }
        if (args.count() == 2) return new SlowLogGet(10);
        long count;
        try {
            count = Numbers.parseLong(args.get(2));
        } catch (RuntimeException e) {
            count = Long.MIN_VALUE;
        }
        if (count < -1) throw new CommandError("ERR count should be greater than or equal to -1");
        return new SlowLogGet(count);
    }

    @Override
    public void execute(Context ctx) {
        SlowLog log = ctx.commands().slowLog();
        int n = count == -1 ? log.size() : (int) Math.min(count, log.size());
        RespWriter out = ctx.reply();
        out.array(n);
        for (int i = 0; i < n; i++) {
            SlowLog.Entry e = log.newest(i);
            out.array(6).integer(e.id()).integer(e.timeSeconds()).integer(e.durationMicros());
            out.array(e.args().length);
            for (byte[] arg : e.args()) out.bulk(arg);
            out.bulk(e.address()).bulk(e.name());
        }
    }
}
