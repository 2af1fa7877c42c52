package dev.miniredis.command;

import dev.miniredis.protocol.Resp;

/** {@code PING [message]}: {@code +PONG}, or the message back as a bulk string. */
public record Ping(byte[] message) implements Command {
    static Command parse(Args args) {
        if (args.count() > 2) throw CommandError.wrongArity("ping");
        return new Ping(args.count() == 2 ? args.get(1) : null);
    }

    @Override
    public void execute(Context ctx) {
        if (message == null) ctx.reply().raw(Resp.PONG);
        else ctx.reply().bulk(message);
    }
}
