package dev.miniredis.command.set;

import dev.miniredis.command.Args;
import dev.miniredis.command.Category;
import dev.miniredis.command.Command;
import dev.miniredis.command.CommandSpec;
import dev.miniredis.command.Context;
import dev.miniredis.command.Flag;
import dev.miniredis.db.Db;

/** {@code SCARD key}: the number of members, 0 for a missing key. */
record SCard(byte[] key) implements Command {
    static final CommandSpec SPEC = CommandSpec.of("scard", 2, Flag.READONLY, Flag.FAST).keys(1, 1, 1)
            .categories(Category.SET).group("set").since("1.0.0").summary("Get the number of members in a set")
            .parser(SCard::parse);

    static Command parse(Args args) {
        return new SCard(args.get(1));
    }

    @Override
    public void execute(Context ctx) {
        Db db = ctx.db();
        long a = Sets.requireSet(db, db.get(key, ctx.now()));
        ctx.reply().integer(a == Db.NIL ? 0 : Sets.size(db, a));
    }
}
