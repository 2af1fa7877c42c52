package dev.miniredis.command.connection;

import dev.miniredis.command.Args;
import dev.miniredis.command.Category;
import dev.miniredis.command.Command;
import dev.miniredis.command.CommandError;
import dev.miniredis.command.CommandSpec;
import dev.miniredis.command.Context;
import dev.miniredis.command.Flag;
import dev.miniredis.command.ServerControl;
import dev.miniredis.protocol.Numbers;
import dev.miniredis.protocol.Resp;

/**
 * {@code CLIENT PAUSE timeout [WRITE|ALL]}: for {@code timeout} milliseconds, hold back every command (ALL, the default)
 * or only those that may change data (WRITE: the commands flagged write or may_replicate, such as SET, DEL, PUBLISH,
 * EVAL, PFCOUNT). Held-back commands are not refused: their connections are parked and run them when the pause ends,
 * by its deadline or by {@link ClientUnpause CLIENT UNPAUSE}. As in Redis 7.0 the client that pauses is paused like the
 * others, and under ALL even CLIENT UNPAUSE waits; a second pause can only make the pause stricter and longer.
 */
record ClientPause(long timeoutMillis, int kind) implements Command {
    static final CommandSpec SPEC = CommandSpec.of("client|pause", -3, Flag.ADMIN, Flag.NOSCRIPT, Flag.LOADING,
                    Flag.STALE)
            .categories(Category.CONNECTION).group("connection").since("2.9.50")
            .summary("Suspends commands processing.").parser(ClientPause::parse);

    static Command parse(Args args) {
        if (args.count() > 4) {
            throw new CommandError("ERR unknown subcommand or wrong number of arguments for '"
                    + new String(args.get(1), java.nio.charset.StandardCharsets.ISO_8859_1) + "'. Try CLIENT HELP.");
        }
        int kind = ServerControl.PAUSE_ALL;
        if (args.count() == 4) {   // the mode is checked before the timeout, as in Redis
            if (args.is(3, "write")) kind = ServerControl.PAUSE_WRITE;
            else if (!args.is(3, "all")) throw new CommandError("ERR CLIENT PAUSE mode must be WRITE or ALL");
        }
        long timeout;
        try {
            timeout = Numbers.parseLong(args.get(2));
        } catch (RuntimeException e) {
            throw new CommandError("ERR timeout is not an integer or out of range");
        }
        if (timeout < 0) throw new CommandError("ERR timeout is negative");
        return new ClientPause(timeout, kind);
    }

    @Override
    public void execute(Context ctx) {
        // Redis 7.0 adds the timeout to the time without an overflow check: a huge timeout wraps to a deadline in the
        // past, and so pauses nothing. We do the same, on purpose.
        long deadline = ctx.now() + timeoutMillis;
        ctx.server().pauseClients(deadline, kind);
        ctx.reply().raw(Resp.OK);
    }
}
