package dev.miniredis.command.string;

import dev.miniredis.command.Args;
import dev.miniredis.command.Category;
import dev.miniredis.command.Command;
import dev.miniredis.command.CommandError;
import dev.miniredis.command.CommandSpec;
import dev.miniredis.command.Context;
import dev.miniredis.command.Flag;
import dev.miniredis.command.LongDoubles;
import dev.miniredis.db.Db;
import dev.miniredis.pubsub.Notifications;

import java.math.BigDecimal;

/**
 * {@code INCRBYFLOAT key increment}: adds to the string's number as a C {@code long double} and stores the result as
 * text, which is also the reply; a missing key counts as 0 and the deadline is kept. {@link LongDoubles} does the
 * arithmetic and the printing ({@code %.17Lf}, trailing zeros cut) the way Redis's x87 {@code long double} does, so
 * {@code 10.5 + 0.1} is {@code 10.6} here as there.
 *
 * <p>Errors in Redis's order: WRONGTYPE; then the stored value and the increment, each {@code not a valid float};
 * then a sum that is infinite (an increment of {@code inf} included).
 */
record IncrByFloat(byte[] key, byte[] increment) implements Command {
    static final CommandSpec SPEC = CommandSpec.of("incrbyfloat", 3, Flag.WRITE, Flag.DENYOOM, Flag.FAST)
            .keys(1, 1, 1).categories(Category.STRING).group("string").since("2.6.0")
            .summary("Increment the float value of a key by the given amount").parser(IncrByFloat::parse);

    private static final CommandError NOT_A_FLOAT = new CommandError("ERR value is not a valid float");

    static Command parse(Args args) {
        return new IncrByFloat(args.get(1), args.get(2));
    }

    @Override
    public void execute(Context ctx) {
        Db db = ctx.db();
        long a = Strings.requireString(db, db.lookup(key, ctx.now()));
        BigDecimal current = a == Db.NIL ? BigDecimal.ZERO : LongDoubles.parse(db.value(a));
        if (current == null) throw NOT_A_FLOAT;
        BigDecimal by = LongDoubles.parse(increment);
        if (by == null) throw NOT_A_FLOAT;
        BigDecimal sum = LongDoubles.isInfinite(current) || LongDoubles.isInfinite(by) ? LongDoubles.INFINITY
                : LongDoubles.add(current, by);
        if (LongDoubles.isInfinite(sum)) throw new CommandError("ERR increment would produce NaN or Infinity");
        byte[] text = LongDoubles.format(sum);
        db.put(key, text, ctx.now());                 // keeps the deadline, as Redis's dbReplaceValue does
        ctx.notify(Notifications.STRING, "incrbyfloat", key);
        ctx.reply().bulk(text);
    }
}
