package dev.miniredis.command.string;

import dev.miniredis.pubsub.Notifications;
import dev.miniredis.command.Args;
import dev.miniredis.command.Category;
import dev.miniredis.command.Command;
import dev.miniredis.command.CommandError;
import dev.miniredis.command.CommandSpec;
import dev.miniredis.command.Context;
import dev.miniredis.command.Flag;
import dev.miniredis.db.Db;
import dev.miniredis.protocol.Numbers;

/**
 * {@code INCR key}, {@code DECR key}, {@code INCRBY key n}, {@code DECRBY key n}: one class, since they differ only in the
 * amount. A missing key counts as 0. The stored value must be an integer by string2ll's rules ({@code "01"} is not);
 * the result is stored back as decimal bytes, keeping the key's deadline, as Redis does.
 */
record IncrBy(byte[] key, long delta) implements Command {
    static final CommandSpec INCR = CommandSpec.of("incr", 2, Flag.WRITE, Flag.DENYOOM, Flag.FAST).keys(1, 1, 1)
            .categories(Category.STRING).group("string").since("1.0.0")
            .summary("Increments the integer value of a key by one. Uses 0 as initial value if the key doesn't exist.")
            .parser(args -> parse(args, 1));
    static final CommandSpec DECR = CommandSpec.of("decr", 2, Flag.WRITE, Flag.DENYOOM, Flag.FAST).keys(1, 1, 1)
            .categories(Category.STRING).group("string").since("1.0.0")
            .summary("Decrements the integer value of a key by one. Uses 0 as initial value if the key doesn't exist.")
            .parser(args -> parse(args, -1));
    static final CommandSpec INCRBY = CommandSpec.of("incrby", 3, Flag.WRITE, Flag.DENYOOM, Flag.FAST).keys(1, 1, 1)
            .categories(Category.STRING).group("string").since("1.0.0")
            .summary("Increments the integer value of a key by a number. Uses 0 as initial value if the key doesn't "
                    + "exist.")
            .parser(args -> parse(args, 1));
    static final CommandSpec DECRBY = CommandSpec.of("decrby", 3, Flag.WRITE, Flag.DENYOOM, Flag.FAST).keys(1, 1, 1)
            .categories(Category.STRING).group("string").since("1.0.0")
            .summary("Decrements a number from the integer value of a key. Uses 0 as initial value if the key doesn't "
                    + "exist.")
            .parser(args -> parse(args, -1));

    /** @param sign 1 for INCR/INCRBY, -1 for DECR/DECRBY */
    static Command parse(Args args, int sign) {
        if (args.count() == 2) return new IncrBy(args.get(1), sign);
        long amount = args.longAt(2);
        if (sign < 0) {
            if (amount == Long.MIN_VALUE) throw new CommandError("ERR decrement would overflow");
            amount = -amount;
        }
        return new IncrBy(args.get(1), amount);
    }

    @Override
    public void execute(Context ctx) {
        Db db = ctx.db();
        long a = Strings.requireString(db, db.lookup(key, ctx.now()));
        long current = 0;
        if (a != Db.NIL) current = Args.parseLong(db.value(a));
        if ((delta < 0 && current < 0 && delta < Long.MIN_VALUE - current)
                || (delta > 0 && current > 0 && delta > Long.MAX_VALUE - current)) {
            throw new CommandError("ERR increment or decrement would overflow");
        }
        long result = current + delta;
        db.put(key, Numbers.toBytes(result), ctx.now());
        ctx.notify(Notifications.STRING, "incrby", key);
        ctx.reply().integer(result);
    }
}
