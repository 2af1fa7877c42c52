package dev.miniredis.command.connection;

import dev.miniredis.command.Args;
import dev.miniredis.command.Category;
import dev.miniredis.command.Command;
import dev.miniredis.command.CommandError;
import dev.miniredis.command.CommandSpec;
import dev.miniredis.command.Context;
import dev.miniredis.command.Flag;
import dev.miniredis.command.Session;
import dev.miniredis.protocol.Resp;

import java.nio.charset.StandardCharsets;

/**
 * {@code CLIENT KILL ip:port} (the old form: OK, or an error if no client has that address) and
 * {@code CLIENT KILL [ID id] [ADDR ip:port] [SKIPME yes|no] ...} (the new form: how many were closed; the caller is
 * spared unless SKIPME no). The caller itself is closed after its reply; any other connection at once.
 */
record ClientKill(String oldFormAddress, long id, String address, boolean skipMe) implements Command {
    static final CommandSpec SPEC = CommandSpec.of("client|kill", -3, Flag.ADMIN, Flag.NOSCRIPT, Flag.LOADING,
                    Flag.STALE)
            .categories(Category.CONNECTION).group("connection").since("2.4.0")
            .summary("Terminates open connections.").parser(ClientKill::parse);

    static Command parse(Args args) {
        if (args.count() == 3) return new ClientKill(new String(args.get(2), StandardCharsets.ISO_8859_1), 0, null, true);
        long id = 0;
        String addr = null;
        boolean skipMe = true;
        for (int i = 2; i < args.count(); i += 2) {
            if (i + 1 >= args.count()) throw CommandError.SYNTAX;
            if (args.is(i, "id")) {
                long v;
                try {
                    v = args.longAt(i + 1);
                } catch (CommandError e) {
                    v = 0;
                }
                if (v <= 0) throw new CommandError("ERR client-id should be greater than 0");
                id = v;
            } else if (args.is(i, "addr")) {
                addr = new String(args.get(i + 1), StandardCharsets.ISO_8859_1);
            } else if (args.is(i, "skipme")) {
                if (args.is(i + 1, "yes")) skipMe = true;
                else if (args.is(i + 1, "no")) skipMe = false;
                else throw CommandError.SYNTAX;
            } else {
                throw CommandError.SYNTAX;
            }
        }
        return new ClientKill(null, id, addr, skipMe);
    }

    @Override
    public void execute(Context ctx) {
        if (oldFormAddress != null) {
            for (Session c : ctx.server().clients()) {
                if (c.address().equals(oldFormAddress)) {
                    killOne(ctx, c);
                    ctx.reply().raw(Resp.OK);
                    return;
                }
            }
            throw new CommandError("ERR No such client");
        }
        int killed = 0;
        for (Session c : ctx.server().clients()) {
            if (id != 0 && c.id() != id) continue;
            if (address != null && !c.address().equals(address)) continue;
            if (skipMe && c == ctx.session()) continue;
            killOne(ctx, c);
            killed++;
        }
        ctx.reply().integer(killed);
    }

    private static void killOne(Context ctx, Session c) {
        if (c == ctx.session()) c.closeAfterReply();
        else ctx.server().kill(c);
    }
}
