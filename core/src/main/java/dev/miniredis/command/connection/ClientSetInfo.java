package dev.miniredis.command.connection;

import dev.miniredis.command.Args;
import dev.miniredis.command.Category;
import dev.miniredis.command.Command;
import dev.miniredis.command.CommandError;
import dev.miniredis.command.CommandSpec;
import dev.miniredis.command.Context;
import dev.miniredis.command.Flag;
import dev.miniredis.protocol.Resp;

import java.nio.charset.StandardCharsets;

/**
 * {@code CLIENT SETINFO LIB-NAME name} / {@code CLIENT SETINFO LIB-VER version}: the client library introduces itself,
 * for CLIENT LIST. Added in Redis 7.2; Jedis 5 and other clients send it on connect, so we accept it though we present
 * ourselves as 7.0.
 */
record ClientSetInfo(boolean libName, byte[] value) implements Command {
    static final CommandSpec SPEC = CommandSpec.of("client|setinfo", 4, Flag.NOSCRIPT, Flag.LOADING, Flag.STALE)
            .categories(Category.CONNECTION).group("connection").since("7.2.0")
            .summary("Sets information specific to the client or connection.").parser(ClientSetInfo::parse);

    static Command parse(Args args) {
        boolean name = args.is(2, "lib-name");
        if (!name && !args.is(2, "lib-ver")) {
            throw new CommandError("ERR Unrecognized option '" + new String(args.get(2), StandardCharsets.ISO_8859_1) + "'");
        }
        for (byte b : args.get(3)) {
            if (b < '!' || b > '~') {
                throw new CommandError("ERR " + (name ? "lib-name" : "lib-ver")
                        + " cannot contain spaces, newlines or special characters.");
            }
        }
        return new ClientSetInfo(name, args.get(3));
    }

    @Override
    public void execute(Context ctx) {
        ctx.session().libraryInfo(libName ? value : null, libName ? null : value);
        ctx.reply().raw(Resp.OK);
    }
}
