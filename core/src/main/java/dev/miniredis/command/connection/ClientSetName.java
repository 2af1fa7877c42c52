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

/** {@code CLIENT SETNAME name}: names the connection, as CLIENT LIST shows it; an empty name clears it. */
record ClientSetName(byte[] name) implements Command {
    static final CommandSpec SPEC = CommandSpec.of("client|setname", 3, Flag.NOSCRIPT, Flag.LOADING, Flag.STALE)
            .categories(Category.CONNECTION).group("connection").since("2.6.9").summary("Sets the connection name.")
            .parser(ClientSetName::parse);

    static Command parse(Args args) {
        return new ClientSetName(args.get(2));
    }

    /** Redis allows names made of printable ASCII other than space; an empty name clears it. HELLO SETNAME uses it too. */
    static void setName(Session s, byte[] name) {
        for (byte b : name) {
            if (b < '!' || b > '~') {
                throw new CommandError("ERR Client names cannot contain spaces, newlines or special characters.");
            }
        }
        s.name(name.length == 0 ? null : name);
    }

    @Override
    public void execute(Context ctx) {
        setName(ctx.session(), name);
        ctx.reply().raw(Resp.OK);
    }
}
