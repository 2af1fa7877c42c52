package dev.miniredis.command.list;

import dev.miniredis.command.Args;
import dev.miniredis.command.Blocking;
import dev.miniredis.command.Category;
import dev.miniredis.command.Command;
import dev.miniredis.command.CommandSpec;
import dev.miniredis.command.Context;
import dev.miniredis.command.Flag;
import dev.miniredis.db.Db;
import dev.miniredis.db.types.QuickList;
import dev.miniredis.protocol.RespWriter;

/**
 * {@code BLPOP key [key ...] timeout} and {@code BRPOP}: pop from the first of the keys that holds a list, answering
 * {@code [key, element]}; if none does, wait for one (a null array when the timeout passes). Waiting is not done here:
 * the command registers its client with {@link Blocking} and returns, the loop parks the connection, and when one of the
 * keys comes into being this same command runs again and finds it (see {@link Blocking}'s class comment).
 *
 * <p>The order is Redis's: the timeout is read first, then each key in turn (a key of another type is WRONGTYPE at once);
 * inside EXEC the command cannot block and answers as if it had timed out.
 */
record BPop(byte[][] keys, byte[] timeout, boolean head) implements Command {
    static final CommandSpec BLPOP = CommandSpec.of("blpop", -3, Flag.WRITE, Flag.NOSCRIPT, Flag.BLOCKING)
            .keys(1, -2, 1).categories(Category.LIST, Category.BLOCKING).group("list").since("2.0.0")
            .summary("Remove and get the first element in a list, or block until one is available")
            .parser(args -> parse(args, true));
    static final CommandSpec BRPOP = CommandSpec.of("brpop", -3, Flag.WRITE, Flag.NOSCRIPT, Flag.BLOCKING)
            .keys(1, -2, 1).categories(Category.LIST, Category.BLOCKING).group("list").since("2.0.0")
            .summary("Remove and get the last element in a list, or block until one is available")
            .parser(args -> parse(args, false));

    static Command parse(Args args, boolean head) {
        byte[][] keys = new byte[args.count() - 2][];
        System.arraycopy(args.all(), 1, keys, 0, keys.length);
        return new BPop(keys, args.get(args.count() - 1), head);
    }

    @Override
    public void execute(Context ctx) {
        RespWriter out = ctx.reply();
        Blocking blocking = ctx.blocking();
        if (blocking.takeTimedOut(ctx.session())) {
            out.nilArray();
            return;
        }
        long deadline = Blocking.deadline(timeout, ctx.now());
        Db db = ctx.db();
        for (byte[] key : blocking.keysToTry(ctx.session(), keys)) {
            long a = Lists.requireList(db, db.lookup(key, ctx.now()));
            if (a == Db.NIL) continue;
            QuickList list = Lists.open(db, a, 0, 0);
            list.seek(head ? 0 : list.size() - 1);
            out.array(2);
            out.bulk(key);
            Lists.reply(out, list);                   // copied into the reply before it is removed
            list.remove(true);
            Lists.store(db, key, a, list, ctx.now());
            Lists.notify(ctx, key, head ? "lpop" : "rpop", list);
            return;
        }
        if (!ctx.mayBlock()) {
            out.nilArray();
            return;
        }
        ctx.block(keys, Blocking.LIST, deadline);
    }
}
