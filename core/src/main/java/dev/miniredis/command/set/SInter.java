package dev.miniredis.command.set;

import dev.miniredis.command.Args;
import dev.miniredis.command.Category;
import dev.miniredis.command.Command;
import dev.miniredis.command.CommandSpec;
import dev.miniredis.command.Context;
import dev.miniredis.command.Flag;

/**
 * {@code SINTER key [key ...]}: the members every set has, as a RESP3 set or a RESP2 array; a missing key makes the
 * result empty. See {@link SetAlgebra#inter} for the order of the reply.
 */
record SInter(byte[][] argv) implements Command {
    static final CommandSpec SPEC = CommandSpec.of("sinter", -2, Flag.READONLY).keys(1, -1, 1)
            .categories(Category.SET).group("set").since("1.0.0").summary("Intersect multiple sets")
            .parser(SInter::parse);

    static Command parse(Args args) {
        return new SInter(args.all());
    }

    @Override
    public void execute(Context ctx) {
        SetAlgebra.inter(ctx.db(), ctx.reply(), argv, 1, argv.length, SetAlgebra.Output.REPLY, 0, null, ctx.now());
    }
}
