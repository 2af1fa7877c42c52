package dev.miniredis.command.connection;

import dev.miniredis.command.Args;
import dev.miniredis.command.Category;
import dev.miniredis.command.Command;
import dev.miniredis.command.CommandError;
import dev.miniredis.command.CommandSpec;
import dev.miniredis.command.CommandTable;
import dev.miniredis.command.Context;
import dev.miniredis.command.Flag;
import dev.miniredis.command.Session;
import dev.miniredis.protocol.RespWriter;

/**
 * {@code HELLO [protover [AUTH user password] [SETNAME name]]}: the handshake modern clients open with. It can
 * authenticate, name the connection, and switch it to RESP3, after which every reply uses RESP3's types (maps, nulls,
 * push frames for pub/sub) and subscribed connections may run any command. It answers with a map describing the server.
 *
 * <p>Lettuce sends {@code HELLO 3} and falls back to RESP2 only on a {@code NOPROTO} error; node-redis requires RESP3.
 */
record Hello(int version, byte[] user, byte[] password, byte[] name) implements Command {
    static final CommandSpec SPEC = CommandSpec.of("hello", -1, Flag.NOSCRIPT, Flag.LOADING, Flag.STALE, Flag.FAST,
                    Flag.NO_AUTH, Flag.ALLOW_BUSY)
            .categories(Category.CONNECTION).group("connection").since("6.0.0")
            .summary("Handshakes with the Redis server.").parser(Hello::parse);

    static Command parse(Args args) {
        int version = 0;
        int next = 1;
        if (args.count() >= 2) {
            long v;
            try {
                v = Args.parseLong(args.get(next++));
            } catch (CommandError e) {
                throw new CommandError("ERR Protocol version is not an integer or out of range");
            }
            if (v < 2 || v > 3) throw new CommandError("NOPROTO unsupported protocol version");
            version = (int) v;
        }
        byte[] user = null;
        byte[] password = null;
        byte[] name = null;
        for (int j = next; j < args.count(); j++) {
            int more = args.count() - 1 - j;
            if (args.is(j, "auth") && more >= 2) {
                user = args.get(++j);
                password = args.get(++j);
            } else if (args.is(j, "setname") && more >= 1) {
                name = args.get(++j);
            } else {
                throw new CommandError("ERR Syntax error in HELLO option '"
                        + new String(args.get(j), java.nio.charset.StandardCharsets.ISO_8859_1) + "'");
            }
        }
        return new Hello(version, user, password, name);
    }

    @Override
    public void execute(Context ctx) {
        Session s = ctx.session();
        if (user != null) {
            Auth.checkCredentials(user, password, ctx.server().requirePass());
            s.authenticated(true);
        }
        if (!s.authenticated()) {
            throw new CommandError("NOAUTH HELLO must be called with the client already authenticated, otherwise the"
                    + " HELLO AUTH <user> <pass> option can be used to authenticate the client and select the RESP"
                    + " protocol version at the same time");
        }
        if (name != null) ClientSetName.setName(s, name);
        if (version != 0) s.protocol(version);
        RespWriter out = ctx.reply();
        out.map(7);
        out.bulk("server").bulk("redis");
        out.bulk("version").bulk(CommandTable.REDIS_VERSION);
        out.bulk("proto").integer(out.protocol());
        out.bulk("id").integer(s.id());
        out.bulk("mode").bulk("standalone");
        out.bulk("role").bulk("master");
        out.bulk("modules").array(0);
    }
}
