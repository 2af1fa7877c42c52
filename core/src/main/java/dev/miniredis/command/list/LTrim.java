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
import dev.miniredis.protocol.Resp;
import dev.miniredis.protocol.RespWriter;

/**
 * {@code LTRIM key start stop}: keeps only the elements from start to stop, with LRANGE's index rules; an empty range
 * empties the list, which deletes the key. Always {@code OK}, also for a missing key.
 */
record LTrim(byte[] key, long start, long stop) implements Command {
    static final CommandSpec SPEC = CommandSpec.of("ltrim", 4, Flag.WRITE).keys(1, 1, 1).categories(Category.LIST)
            .group("list").since("1.0.0").summary("Removes elements from both ends a list. Deletes the list if all "
                    + "elements were trimmed.")
            .parser(args -> new LTrim(args.get(1), args.longAt(2), args.longAt(3)));

    @Override
    public void execute(Context ctx) {
        Db db = ctx.db();
        long a = Lists.requireList(db, db.lookup(key, ctx.now()));
        if (a != Db.NIL) {
            QuickList list = Lists.open(db, a, 0, 0);
            long size = list.size();
            long from = start < 0 ? size + start : start;
            long to = stop < 0 ? size + stop : stop;
            if (from < 0) from = 0;
            long left;
            long right;
            if (from > to || from >= size) {
                left = size;                          // nothing kept
                right = 0;
            } else {
                if (to >= size) to = size - 1;
                left = from;
                right = size - to - 1;
            }
            if (left > 0 || right > 0) {
                list.removeFirst(left);
                list.removeLast(right);
                Lists.store(db, key, a, list, ctx.now());
            }
            Lists.notify(ctx, key, "ltrim", list);    // Redis notifies even when nothing was trimmed
        }
        ctx.reply().raw(Resp.OK);
    }
}
