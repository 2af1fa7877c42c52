package dev.miniredis.command.set;

import dev.miniredis.command.Args;
import dev.miniredis.command.Category;
import dev.miniredis.command.Command;
import dev.miniredis.command.CommandSpec;
import dev.miniredis.command.Context;
import dev.miniredis.command.Flag;

/** {@code SUNIONSTORE destination key [key ...]}: SUNION stored under {@code destination}; replies the size. */
record SUnionStore(byte[][] argv) implements Command {
    static final CommandSpec SPEC = CommandSpec.of("sunionstore", -3, Flag.WRITE, Flag.DENYOOM).keys(1, -1, 1)
            .categories(Category.SET).group("set").since("1.0.0").summary("Add multiple sets and store the resulting set in a key")
            .parser(SUnionStore::parse);

    static Command parse(Args args) {
        return new SUnionStore(args.all());
    }

    @Override
    public void execute(Context ctx) {
        int stored = SetAlgebra.unionOrDiff(ctx.db(), ctx.reply(), argv, 2, argv.length, false, argv[1], ctx.now());
        SetAlgebra.notifyStored(ctx, stored, "sunionstore", argv[1]);
    }
}
