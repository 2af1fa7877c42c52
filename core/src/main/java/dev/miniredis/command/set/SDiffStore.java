package dev.miniredis.command.set;

import dev.miniredis.command.Args;
import dev.miniredis.command.Category;
import dev.miniredis.command.Command;
import dev.miniredis.command.CommandSpec;
import dev.miniredis.command.Context;
import dev.miniredis.command.Flag;

/** {@code SDIFFSTORE destination key [key ...]}: SDIFF stored under {@code destination}; replies the size. */
record SDiffStore(byte[][] argv) implements Command {
    static final CommandSpec SPEC = CommandSpec.of("sdiffstore", -3, Flag.WRITE, Flag.DENYOOM).keys(1, -1, 1)
            .categories(Category.SET).group("set").since("1.0.0").summary("Subtract multiple sets and store the resulting set in a key")
            .parser(SDiffStore::parse);

    static Command parse(Args args) {
        return new SDiffStore(args.all());
    }

    @Override
    public void execute(Context ctx) {
        int stored = SetAlgebra.unionOrDiff(ctx.db(), ctx.reply(), argv, 2, argv.length, true, argv[1], ctx.now());
        SetAlgebra.notifyStored(ctx, stored, "sdiffstore", argv[1]);
    }
}
