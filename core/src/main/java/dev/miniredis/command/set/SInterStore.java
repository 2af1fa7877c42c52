package dev.miniredis.command.set;

import dev.miniredis.command.Args;
import dev.miniredis.command.Category;
import dev.miniredis.command.Command;
import dev.miniredis.command.CommandSpec;
import dev.miniredis.command.Context;
import dev.miniredis.command.Flag;

/**
 * {@code SINTERSTORE destination key [key ...]}: SINTER stored under {@code destination}, replacing whatever it held
 * (its deadline too); an empty result deletes it. Replies the size. The result is built as Redis builds it, starting as
 * an intset, so the intersection of two hash table sets of integers is stored as an intset, as in Redis.
 */
record SInterStore(byte[][] argv) implements Command {
    static final CommandSpec SPEC = CommandSpec.of("sinterstore", -3, Flag.WRITE, Flag.DENYOOM).keys(1, -1, 1)
            .categories(Category.SET).group("set").since("1.0.0").summary("Intersect multiple sets and store the resulting set in a key")
            .parser(SInterStore::parse);

    static Command parse(Args args) {
        return new SInterStore(args.all());
    }

    @Override
    public void execute(Context ctx) {
        int stored = SetAlgebra.inter(ctx.db(), ctx.reply(), argv, 2, argv.length, SetAlgebra.Output.STORE, 0, argv[1],
                ctx.now());
        SetAlgebra.notifyStored(ctx, stored, "sinterstore", argv[1]);
    }
}
