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
 * {@code LINDEX key index}: the element at the index (negative counts from the tail), or null. Redis looks the key up
 * before it parses the index, so a missing key answers null even for {@code LINDEX k abc}.
 */
record LIndex(byte[] key, byte[] index) implements Command {
    static final CommandSpec SPEC = CommandSpec.of("lindex", 3, Flag.READONLY).keys(1, 1, 1).categories(Category.LIST)
            .group("list").since("1.0.0").summary("Returns an element from a list by its index.")
            .parser(args -> new LIndex(args.get(1), args.get(2)));

    @Override
    public void execute(Context ctx) {
        Db db = ctx.db();
        long a = Lists.requireList(db, db.get(key, ctx.now()));
        if (a == Db.NIL) {
            ctx.reply().nil();
            return;
        }
        long i = Args.parseLong(index);
        QuickList list = Lists.open(db, a, 0, 0);
        if (i < 0) i += list.size();
        if (list.seek(i)) Lists.reply(ctx.reply(), list);
        else ctx.reply().nil();
    }
}
