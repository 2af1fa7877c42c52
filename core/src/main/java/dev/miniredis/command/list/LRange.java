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
 * {@code LRANGE key start stop}: the elements from index start to stop, both included. Negative indexes count from the
 * tail (-1 is the last); a start before the head is clamped to 0, a stop past the tail to the last element, and an
 * empty range is an empty array. The indexes are parsed before the key is looked at, as in Redis.
 */
record LRange(byte[] key, long start, long stop) implements Command {
    static final CommandSpec SPEC = CommandSpec.of("lrange", 4, Flag.READONLY).keys(1, 1, 1).categories(Category.LIST)
            .group("list").since("1.0.0").summary("Returns a range of elements from a list.").parser(LRange::parse);

    static Command parse(Args args) {
        return new LRange(args.get(1), args.longAt(2), args.longAt(3));
    }

    @Override
    public void execute(Context ctx) {
        Db db = ctx.db();
        RespWriter out = ctx.reply();
        long a = Lists.requireList(db, db.get(key, ctx.now()));
        if (a == Db.NIL) {
            out.array(0);
            return;
        }
        QuickList list = Lists.open(db, a, 0, 0);
        long size = list.size();
        long from = start < 0 ? size + start : start;
        long to = stop < 0 ? size + stop : stop;
        if (from < 0) from = 0;
        if (from > to || from >= size) {
            out.array(0);
            return;
        }
        if (to >= size) to = size - 1;
        out.array((int) (to - from + 1));
        list.seek(from);
        for (long i = from; i <= to; i++) {
            Lists.reply(out, list);                   // straight from the node into the write buffer
            list.next();
        }
    }
}
