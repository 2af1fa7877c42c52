package dev.miniredis.command.keys;

import dev.miniredis.command.Args;
import dev.miniredis.command.Category;
import dev.miniredis.command.Command;
import dev.miniredis.command.CommandSpec;
import dev.miniredis.command.Context;
import dev.miniredis.command.Flag;
import dev.miniredis.db.Db;
import dev.miniredis.db.Encoding;

/** {@code TYPE key}: {@code +string}, or {@code +none} for a missing key. */
record Type(byte[] key) implements Command {
    static final CommandSpec SPEC = CommandSpec.of("type", 2, Flag.READONLY, Flag.FAST).keys(1, 1, 1)
            .categories(Category.KEYSPACE).group("generic").since("1.0.0")
            .summary("Determines the type of value stored at a key.").parser(Type::parse);

    static Command parse(Args args) {
        return new Type(args.get(1));
    }

    /** Redis's name for the type of a stored value. */
    static String typeName(Db db, long a) {
        return a == Db.NIL ? "none" : Encoding.typeName(db.type(a));
    }

    @Override
    public void execute(Context ctx) {
        ctx.reply().simple(typeName(ctx.db(), ctx.db().getNoTouch(key, ctx.now())));
    }
}
