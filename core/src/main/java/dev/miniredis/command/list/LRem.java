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
 * {@code LREM key count element}: removes elements equal to the element: the first {@code count} from the head if
 * positive, the last {@code -count} from the tail if negative, all of them if 0. Replies with how many were removed.
 */
record LRem(byte[] key, long count, byte[] element) implements Command {
    static final CommandSpec SPEC = CommandSpec.of("lrem", 4, Flag.WRITE).keys(1, 1, 1).categories(Category.LIST)
            .group("list").since("1.0.0").summary("Removes elements from a list. Deletes the list if the last element "
                    + "was removed.")
            .parser(args -> new LRem(args.get(1), args.longAt(2), args.get(3)));

    @Override
    public void execute(Context ctx) {
        Db db = ctx.db();
        long a = Lists.requireList(db, db.lookup(key, ctx.now()));
        if (a == Db.NIL) {
            ctx.reply().integer(0);
            return;
        }
        QuickList list = Lists.open(db, a, 0, 0);
        boolean forward = count >= 0;
        long limit = count == Long.MIN_VALUE ? Long.MAX_VALUE : Math.abs(count); // 0: no limit
        long removed = 0;
        boolean on = list.seek(forward ? 0 : list.size() - 1);
        while (on) {
            if (list.matches(element)) {
                list.remove(forward);                 // the cursor moves on to the next element in our direction
                on = list.valid();
                if (++removed == limit) break;
            } else {
                on = forward ? list.next() : list.prev();
            }
        }
        if (removed > 0) {
            Lists.store(db, key, a, list, ctx.now());
            Lists.notify(ctx, key, "lrem", list);
        }
        ctx.reply().integer(removed);
    }
}
