package dev.miniredis.command.tx;

import dev.miniredis.command.Category;
import dev.miniredis.command.Command;
import dev.miniredis.command.CommandError;
import dev.miniredis.command.CommandSpec;
import dev.miniredis.command.Context;
import dev.miniredis.command.Flag;
import dev.miniredis.protocol.Resp;

/**
 * {@code WATCH key [key ...]}: the next EXEC of this connection fails (a null array) if any of these keys changes
 * before it, by any client, by expiry or eviction, by FLUSHDB or SWAPDB: optimistic locking. {@code UNWATCH} forgets
 * them all; EXEC and DISCARD do too.
 */
record Watch(byte[][] argv, boolean unwatch) implements Command {
    static final CommandSpec WATCH = CommandSpec.of("watch", -2, Flag.NOSCRIPT, Flag.LOADING, Flag.STALE, Flag.FAST,
                    Flag.ALLOW_BUSY).keys(1, -1, 1).categories(Category.TRANSACTION).group("transactions").since("2.2.0")
            .summary("Watch the given keys to determine execution of the MULTI/EXEC block")
            .parser(args -> new Watch(args.all().clone(), false));
    static final CommandSpec UNWATCH = CommandSpec.of("unwatch", 1, Flag.NOSCRIPT, Flag.LOADING, Flag.STALE, Flag.FAST,
                    Flag.ALLOW_BUSY).categories(Category.TRANSACTION).group("transactions").since("2.2.0")
            .summary("Forget about all watched keys").parser(args -> new Watch(null, true));

    @Override
    public void execute(Context ctx) {
        if (unwatch) {
            Transaction t = ctx.session().transactionOrNull();
            if (t != null) {
                ctx.watches().unwatchAll(t);
                t.watchedKeyChanged = false;
            }
            ctx.reply().raw(Resp.OK);
            return;
        }
        Transaction t = ctx.session().transaction();
        if (t.queuing) throw new CommandError("ERR WATCH inside MULTI is not allowed");
        for (int i = 1; i < argv.length; i++) ctx.watches().watch(t, ctx.db(), argv[i], ctx.now());
        ctx.reply().raw(Resp.OK);
    }
}
