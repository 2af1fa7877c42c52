package dev.miniredis.command.string;

import dev.miniredis.command.Args;
import dev.miniredis.command.Category;
import dev.miniredis.command.Command;
import dev.miniredis.command.CommandSpec;
import dev.miniredis.command.Context;
import dev.miniredis.command.Flag;

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
        byte[] value = Strings.asString(ctx.db().get(key, ctx.now()));
        if (value == null) ctx.reply().nil();
        else ctx.reply().bulk(value);
    }
}
