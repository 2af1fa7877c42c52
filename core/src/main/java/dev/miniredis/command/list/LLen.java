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

/** {@code LLEN key}: the number of elements, 0 for a missing key. A packed list's count is read from its first bytes. */
record LLen(byte[] key) implements Command {
    static final CommandSpec SPEC = CommandSpec.of("llen", 2, Flag.READONLY, Flag.FAST).keys(1, 1, 1)
            .categories(Category.LIST).group("list").since("1.0.0").summary("Returns the length of a list.")
            .parser(args -> new LLen(args.get(1)));

    @Override
    public void execute(Context ctx) {
        Db db = ctx.db();
        long a = Lists.requireList(db, db.get(key, ctx.now()));
        ctx.reply().integer(a == Db.NIL ? 0 : Lists.length(db, a));
    }
}
