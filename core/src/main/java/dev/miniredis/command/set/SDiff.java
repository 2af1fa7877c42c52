package dev.miniredis.command.set;

import dev.miniredis.command.Args;
import dev.miniredis.command.Category;
import dev.miniredis.command.Command;
import dev.miniredis.command.CommandSpec;
import dev.miniredis.command.Context;
import dev.miniredis.command.Flag;

/** {@code SDIFF key [key ...]}: the members of the first set that no other set has. */
record SDiff(byte[][] argv) implements Command {
    static final CommandSpec SPEC = CommandSpec.of("sdiff", -2, Flag.READONLY).keys(1, -1, 1)
            .categories(Category.SET).group("set").since("1.0.0").summary("Subtract multiple sets")
            .parser(SDiff::parse);

    static Command parse(Args args) {
        return new SDiff(args.all());
    }

    @Override
    public void execute(Context ctx) {
        SetAlgebra.unionOrDiff(ctx.db(), ctx.reply(), argv, 1, argv.length, true, null, ctx.now());
    }
}
