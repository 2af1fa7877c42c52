package dev.miniredis.command.set;

import dev.miniredis.command.Args;
import dev.miniredis.command.Category;
import dev.miniredis.command.Command;
import dev.miniredis.command.CommandSpec;
import dev.miniredis.command.Context;
import dev.miniredis.command.Flag;
import dev.miniredis.command.CommandError;

/**
 * {@code SINTERCARD numkeys key [key ...] [LIMIT limit]}: the size of the intersection, counting stops at
 * {@code limit} (0: no limit). The keys are counted by {@code numkeys}, so COMMAND reports them as movable.
 */
record SInterCard(byte[][] argv, int numKeys, long limit) implements Command {
    static final CommandSpec SPEC = CommandSpec.of("sintercard", -3, Flag.READONLY, Flag.MOVABLEKEYS).keys(0, 0, 0)
            .categories(Category.SET).group("set").since("7.0.0")
            .summary("Intersect multiple sets and return the cardinality of the result").parser(SInterCard::parse);

    static Command parse(Args args) {
        long numKeys;
        try {
            numKeys = Args.parseLong(args.get(1));
        } catch (CommandError e) {
            numKeys = 0;                      // Redis gives the same message for "x" as for 0
        }
        if (numKeys < 1) throw new CommandError("ERR numkeys should be greater than 0");
        if (numKeys > args.count() - 2) throw new CommandError("ERR Number of keys can't be greater than number of args");
        long limit = 0;
        for (int i = 2 + (int) numKeys; i < args.count(); i += 2) {
            if (i + 1 < args.count() && args.is(i, "limit")) {
                try {
                    limit = Args.parseLong(args.get(i + 1));
                } catch (CommandError e) {
                    limit = -1;
                }
                if (limit < 0) throw new CommandError("ERR LIMIT can't be negative");
            } else {
                throw CommandError.SYNTAX;
            }
        }
        return new SInterCard(args.all(), (int) numKeys, limit);
    }

    @Override
    public void execute(Context ctx) {
        SetAlgebra.inter(ctx.db(), ctx.reply(), argv, 2, 2 + numKeys, SetAlgebra.Output.COUNT, limit, null, ctx.now());
    }
}
