package dev.miniredis.command.string;

import dev.miniredis.command.Args;
import dev.miniredis.command.Category;
import dev.miniredis.command.Command;
import dev.miniredis.command.CommandSpec;
import dev.miniredis.command.Context;
import dev.miniredis.command.Flag;
import dev.miniredis.db.Db;

/** {@code GET key}: the value, or null. */
record Get(byte[] key) implements Command {
    static final CommandSpec SPEC = CommandSpec.of("get", 2, Flag.READONLY, Flag.FAST).keys(1, 1, 1)
            .categories(Category.STRING).group("string").since("1.0.0").summary("Returns the string value of a key.")
            .parser(Get::parse);

    static Command parse(Args args) {
        return new Get(args.get(1));
    }

    @Override
    public void execute(Context ctx) {
        Db db = ctx.db();
        // The value goes from the store straight into the write buffer: no byte[] for it on the way.
        Strings.reply(ctx.reply(), db, Strings.requireString(db, db.get(key, ctx.now())));
    }
}
