package dev.miniredis.command.hash;

import dev.miniredis.command.Args;
import dev.miniredis.command.Category;
import dev.miniredis.command.Command;
import dev.miniredis.command.CommandSpec;
import dev.miniredis.command.Context;
import dev.miniredis.command.Flag;
import dev.miniredis.db.Db;

/** {@code HSTRLEN key field}: the length of the field's value, 0 if the field or the key is missing. */
record HStrLen(byte[] key, byte[] field) implements Command {
    static final CommandSpec SPEC = CommandSpec.of("hstrlen", 3, Flag.READONLY, Flag.FAST).keys(1, 1, 1)
            .categories(Category.HASH).group("hash").since("3.2.0")
            .summary("Returns the length of the value of a field.").parser(HStrLen::parse);

    static Command parse(Args args) {
        return new HStrLen(args.get(1), args.get(2));
    }

    @Override
    public void execute(Context ctx) {
        Db db = ctx.db();
        long a = Hashes.requireHash(db, db.get(key, ctx.now()));
        ctx.reply().integer(a == Db.NIL ? 0 : Math.max(0, Hashes.valueLength(db, a, field)));
    }
}
