package dev.miniredis.command.list;

import dev.miniredis.command.Blocking;
import dev.miniredis.command.Category;
import dev.miniredis.command.Command;
import dev.miniredis.command.CommandSpec;
import dev.miniredis.command.Context;
import dev.miniredis.command.Flag;
import dev.miniredis.db.Db;

/**
 * {@code BLMPOP timeout numkeys key [key ...] LEFT|RIGHT [COUNT count]}: LMPOP, or wait for one of the keys to come
 * into being (a null array when the timeout passes).
 */
record BLMPop(LMPop pop, byte[] timeout) implements Command {
    static final CommandSpec SPEC = CommandSpec.of("blmpop", -5, Flag.WRITE, Flag.BLOCKING, Flag.MOVABLEKEYS)
            .keys(0, 0, 0).categories(Category.LIST, Category.BLOCKING).group("list").since("7.0.0")
            .summary("Pop elements from a list, or block until one is available")
            .parser(args -> new BLMPop(LMPop.parse(args.all(), 2), args.get(1)));

    @Override
    public void execute(Context ctx) {
        if (ctx.blocking().takeTimedOut(ctx.session())) {
            ctx.reply().nilArray();
            return;
        }
        long deadline = Blocking.deadline(timeout, ctx.now());
        Db db = ctx.db();
        byte[][] keys = ctx.blocking().keysToTry(ctx.session(), pop.keys());
        for (byte[] key : keys) {
            if (Lists.requireList(db, db.lookup(key, ctx.now())) != Db.NIL) {
                (keys == pop.keys() ? pop : new LMPop(keys, pop.head(), pop.count())).execute(ctx);
                return;
            }
        }
        if (!ctx.mayBlock()) {
            ctx.reply().nilArray();
            return;
        }
        ctx.block(pop.keys(), Blocking.LIST, deadline);
    }
}
