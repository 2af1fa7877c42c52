package dev.miniredis.command.set;

import dev.miniredis.command.Args;
import dev.miniredis.command.Category;
import dev.miniredis.command.Command;
import dev.miniredis.command.CommandSpec;
import dev.miniredis.command.Context;
import dev.miniredis.command.Flag;

/**
 * {@code SUNION key [key ...]}: the members of any of the sets. The result is built first (as an intset while it can
 * be), so it answers in ascending order exactly when Redis does.
 */
record SUnion(byte[][] argv) implements Command {
    static final CommandSpec SPEC = CommandSpec.of("sunion", -2, Flag.READONLY).keys(1, -1, 1)
            .categories(Category.SET).group("set").since("1.0.0").summary("Add multiple sets")
            .parser(SUnion::parse);

    static Command parse(Args args) {
        return new SUnion(args.all());
    }

    @Override
    public void execute(Context ctx) {
        SetAlgebra.unionOrDiff(ctx.db(), ctx.reply(), argv, 1, argv.length, false, null, ctx.now());
    }
}
