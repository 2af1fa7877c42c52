package dev.miniredis.command.string;

import dev.miniredis.command.Args;
import dev.miniredis.command.Category;
import dev.miniredis.command.Command;
import dev.miniredis.command.CommandSpec;
import dev.miniredis.command.Context;
import dev.miniredis.command.Flag;
import dev.miniredis.db.Db;

/** {@code STRLEN key}: the value's length in bytes, 0 for a missing key. */
record Strlen(byte[] key) implements Command {
    static final CommandSpec SPEC = CommandSpec.of("strlen", 2, Flag.READONLY, Flag.FAST).keys(1, 1, 1)
            .categories(Category.STRING).group("string").since("2.2.0").summary("Returns the length of a string value.")
            .parser(Strlen::parse);

    static Command parse(Args args) {
        return new Strlen(args.get(1));
    }

    @Override
    public void execute(Context ctx) {
        Db db = ctx.db();
        long a = Strings.requireString(db, db.get(key, ctx.now()));
        ctx.reply().integer(a == Db.NIL ? 0 : db.valueLength(a));
    }
}
