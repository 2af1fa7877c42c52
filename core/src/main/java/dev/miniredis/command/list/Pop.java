package dev.miniredis.command.list;

import dev.miniredis.command.Args;
import dev.miniredis.command.Category;
import dev.miniredis.command.Command;
import dev.miniredis.command.CommandError;
import dev.miniredis.command.CommandSpec;
import dev.miniredis.command.Context;
import dev.miniredis.command.Flag;
import dev.miniredis.db.Db;
import dev.miniredis.db.types.Listpack;
import dev.miniredis.db.types.QuickList;
import dev.miniredis.protocol.RespWriter;

/**
 * {@code LPOP | RPOP key [count]}: removes and returns the first (last) element, or with a count an array of up to
 * that many, in the order they were popped. Redis checks in this order: the count (any non-positive-integer is "out of
 * range, must be positive"), then the key (a missing one is a null, an array null with a count), then the type; a count
 * of 0 then answers an empty array without touching the list.
 */
record Pop(byte[] key, boolean head, long count) implements Command {
    private static final long NO_COUNT = -1;

    static final CommandSpec LPOP = spec("lpop", "Returns the first elements in a list after removing it. Deletes the list "
            + "if the last element was popped.", true);
    static final CommandSpec RPOP = spec("rpop", "Returns and removes the last elements of a list. Deletes the list if the "
            + "last element was popped.", false);

    private static CommandSpec spec(String name, String summary, boolean head) {
        return CommandSpec.of(name, -2, Flag.WRITE, Flag.FAST).keys(1, 1, 1).categories(Category.LIST).group("list")
                .since("1.0.0").summary(summary).parser(args -> parse(args, head));
    }

    static Command parse(Args args, boolean head) {
        if (args.count() > 3) throw CommandError.wrongArity(head ? "lpop" : "rpop");
        long count = NO_COUNT;
        if (args.count() == 3) count = positive(args.get(2));
        return new Pop(args.get(1), head, count);
    }

    // Redis's getPositiveLongFromObjectOrReply: not an integer and negative get the same words.
    private static long positive(byte[] arg) {
        long n;
        try {
            n = Args.parseLong(arg);
        } catch (CommandError e) {
            n = -1;
        }
        if (n < 0) throw new CommandError("ERR value is out of range, must be positive");
        return n;
    }

    @Override
    public void execute(Context ctx) {
        Db db = ctx.db();
        RespWriter out = ctx.reply();
        long a = db.lookup(key, ctx.now());
        if (a == Db.NIL) {
            if (count == NO_COUNT) out.nil();
            else out.nilArray();
            return;
        }
        Lists.requireList(db, a);
        if (count == 0) {
            out.array(0);
            return;
        }
        QuickList list = Lists.open(db, a, 0, 0);
        if (count == NO_COUNT) {
            list.seek(head ? 0 : list.size() - 1);
            Lists.reply(out, list);                   // the reply copies the bytes before they are removed
            list.remove(true);
        } else {
            Lists.popRange(out, list, head, count);
        }
        Lists.store(db, key, a, list, ctx.now());
        Lists.notify(ctx, key, head ? "lpop" : "rpop", list);
    }
}
