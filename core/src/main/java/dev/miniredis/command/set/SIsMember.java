package dev.miniredis.command.set;

import dev.miniredis.command.Args;
import dev.miniredis.command.Category;
import dev.miniredis.command.Command;
import dev.miniredis.command.CommandSpec;
import dev.miniredis.command.Context;
import dev.miniredis.command.Flag;
import dev.miniredis.db.Db;

/** {@code SISMEMBER key member}: 1 if the member is in the set, 0 if not or if the key is missing. */
record SIsMember(byte[] key, byte[] member) implements Command {
    static final CommandSpec SPEC = CommandSpec.of("sismember", 3, Flag.READONLY, Flag.FAST).keys(1, 1, 1)
            .categories(Category.SET).group("set").since("1.0.0")
            .summary("Determine if a given value is a member of a set").parser(SIsMember::parse);

    static Command parse(Args args) {
        return new SIsMember(args.get(1), args.get(2));
    }

    @Override
    public void execute(Context ctx) {
        Db db = ctx.db();
        long a = Sets.requireSet(db, db.get(key, ctx.now()));
        ctx.reply().integer(a != Db.NIL && Sets.contains(db, a, member, 0) ? 1 : 0);
    }
}
