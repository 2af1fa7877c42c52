package dev.miniredis.command.connection;

import dev.miniredis.command.Args;
import dev.miniredis.command.Category;
import dev.miniredis.command.Command;
import dev.miniredis.command.CommandSpec;
import dev.miniredis.command.Context;
import dev.miniredis.command.Flag;
import dev.miniredis.command.Session;
import dev.miniredis.protocol.Resp;

/**
 * {@code RESET}: puts the connection back as it was on connect: no subscriptions, RESP2, no name, and (when a password is
 * required) not authenticated. Connection pools use it before handing a connection to the next borrower.
 */
record Reset() implements Command {
    static final CommandSpec SPEC = CommandSpec.of("reset", 1, Flag.NOSCRIPT, Flag.LOADING, Flag.STALE, Flag.FAST,
                    Flag.NO_AUTH, Flag.ALLOW_BUSY)
            .categories(Category.CONNECTION).group("connection").since("6.2.0").summary("Resets the connection.")
            .allowWhileSubscribed().parser(Reset::parse);

    private static final byte[] REPLY = Resp.ascii("+RESET\r\n");

    static Command parse(Args args) {
        return new Reset();
    }

    @Override
    public void execute(Context ctx) {
        Session s = ctx.session();
        ctx.pubsub().removeAll(s);
        s.protocol(2);
        s.db(0);
        if (s.transactionOrNull() != null) {          // leaves MULTI and unwatches everything
            s.transactionOrNull().discardQueue();
            ctx.watches().unwatchAll(s.transactionOrNull());
        }
        s.name(null);
        s.authenticated(ctx.server().requirePass() == null);
        ctx.reply().raw(REPLY);
    }
}
