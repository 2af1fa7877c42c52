package dev.miniredis.command.set;

import dev.miniredis.command.Args;
import dev.miniredis.command.Category;
import dev.miniredis.command.Command;
import dev.miniredis.command.CommandSpec;
import dev.miniredis.command.Context;
import dev.miniredis.command.Flag;
import dev.miniredis.db.Db;

/**
 * {@code SMEMBERS key}: every member, as a RESP3 set ({@code ~}) or a RESP2 array. An intset answers in ascending
 * order, as Redis's does; a hash table in its table order, which is not Redis's (no client may rely on it: Redis
 * documents the order as unspecified). A missing key is an empty set.
 */
record SMembers(byte[] key) implements Command {
    static final CommandSpec SPEC = CommandSpec.of("smembers", 2, Flag.READONLY).keys(1, 1, 1)
            .categories(Category.SET).group("set").since("1.0.0").summary("Get all the members in a set")
            .parser(SMembers::parse);

    static Command parse(Args args) {
        return new SMembers(args.get(1));
    }

    @Override
    public void execute(Context ctx) {
        Db db = ctx.db();
        long a = Sets.requireSet(db, db.get(key, ctx.now()));
        if (a == Db.NIL) ctx.reply().set(0);
        else Sets.replyAll(ctx.reply(), db, a);
    }
}
