package dev.miniredis.command.connection;

import dev.miniredis.command.Args;
import dev.miniredis.command.Category;
import dev.miniredis.command.Command;
import dev.miniredis.command.CommandError;
import dev.miniredis.command.CommandSpec;
import dev.miniredis.command.Context;
import dev.miniredis.command.Flag;
import dev.miniredis.protocol.Resp;

/**
 * {@code PING [message]}: {@code +PONG}, or the message back as a bulk string. A RESP2 connection in subscribed mode
 * cannot receive plain replies between messages, so there PING answers {@code ["pong", message or ""]} instead.
 */
record Ping(byte[] message) implements Command {
    static final CommandSpec SPEC = CommandSpec.of("ping", -1, Flag.FAST).categories(Category.CONNECTION)
            .group("connection").since("1.0.0").summary("Returns the server's liveliness response.")
            .allowWhileSubscribed().parser(Ping::parse);

    private static final byte[] PONG = Resp.ascii("pong");
    private static final byte[] EMPTY = new byte[0];

    static Command parse(Args args) {
        if (args.count() > 2) throw CommandError.wrongArity("ping");
        return new Ping(args.count() == 2 ? args.get(1) : null);
    }

    @Override
    public void execute(Context ctx) {
        if (ctx.session().inSubscribedMode()) {
            ctx.reply().array(2).bulk(PONG).bulk(message == null ? EMPTY : message);
            return;
        }
        if (message == null) ctx.reply().raw(Resp.PONG);
        else ctx.reply().bulk(message);
    }
}
