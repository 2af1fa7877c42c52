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
 * {@code CLIENT NO-EVICT on|off} and {@code CLIENT NO-TOUCH on|off}: accepted and ignored, since nothing is evicted and
 * access times are not tracked here. One class for both, since they differ only in name.
 */
record ClientNoEvict() implements Command {
    private static final Command INSTANCE = new ClientNoEvict();

    static final CommandSpec NO_EVICT = CommandSpec.of("client|no-evict", 3, Flag.ADMIN, Flag.NOSCRIPT, Flag.LOADING,
                    Flag.STALE)
            .categories(Category.CONNECTION).group("connection").since("7.0.0")
            .summary("Sets the client eviction mode of the connection.").parser(ClientNoEvict::parse);
    static final CommandSpec NO_TOUCH = CommandSpec.of("client|no-touch", 3, Flag.NOSCRIPT, Flag.LOADING, Flag.STALE)
            .categories(Category.CONNECTION).group("connection").since("7.2.0")
            .summary("Controls whether commands sent by the client affect the LRU/LFU of accessed keys.")
            .parser(ClientNoEvict::parse);

    static Command parse(Args args) {
        if (!args.is(2, "on") && !args.is(2, "off")) throw CommandError.SYNTAX;
        return INSTANCE;
    }

    @Override
    public void execute(Context ctx) {
        ctx.reply().raw(Resp.OK);
    }
}
