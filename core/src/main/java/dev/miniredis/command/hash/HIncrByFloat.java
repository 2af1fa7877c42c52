package dev.miniredis.command.hash;

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
 * {@code HINCRBYFLOAT key field increment}: adds to the field's value as a C {@code long double} and stores the result
 * as text, which is also the reply. {@link LongDoubles} does the arithmetic the way x87 hardware and glibc would, so
 * the digits are Redis's to the last one: {@code 10.5} plus {@code 0.1} is {@code 10.6}, and {@code 1e300} becomes 301
 * digits of plain decimal. The stored text is parsed again by the next increment, exactly as Redis re-parses it.
 *
 * <p>Errors, in Redis's order: a bad increment ({@code not a valid float}, or {@code NaN or Infinity} for {@code inf})
 * before the key is looked at; then WRONGTYPE; a stored value that is not a number; a sum that overflows.
 */
record HIncrByFloat(byte[] key, byte[] field, BigDecimal increment) implements Command {
    static final CommandSpec SPEC = CommandSpec.of("hincrbyfloat", 4, Flag.WRITE, Flag.DENYOOM, Flag.FAST)
            .keys(1, 1, 1).categories(Category.HASH).group("hash").since("2.6.0")
            .summary("Increments the floating point value of a field by a number. Uses 0 as initial value if the "
                    + "field doesn't exist.")
            .parser(HIncrByFloat::parse);

    private static final CommandError NOT_A_FLOAT = new CommandError("ERR value is not a valid float");
    private static final CommandError NAN_OR_INFINITY = new CommandError("ERR value is NaN or Infinity");
    private static final CommandError HASH_VALUE_NOT_A_FLOAT = new CommandError("ERR hash value is not a float");
    private static final CommandError WOULD_OVERFLOW =
            new CommandError("ERR increment would produce NaN or Infinity");

    static Command parse(Args args) {
        BigDecimal increment = LongDoubles.parse(args.get(3));
        if (increment == null) throw NOT_A_FLOAT;
        if (LongDoubles.isInfinite(increment)) throw NAN_OR_INFINITY;
        return new HIncrByFloat(args.get(1), args.get(2), increment);
    }

    @Override
    public void execute(Context ctx) {
        Db db = ctx.db();
        long a = Hashes.requireHash(db, db.lookup(key, ctx.now()));
        BigDecimal current = BigDecimal.ZERO;
        Hashes.Value value = new Hashes.Value();
        if (a != Db.NIL && value.find(db, a, field)) {
            current = LongDoubles.parse(value.bytes, value.offset, value.length);
            if (current == null) throw HASH_VALUE_NOT_A_FLOAT;
        }
        BigDecimal sum = LongDoubles.add(current, increment);
        if (LongDoubles.isInfinite(sum)) throw WOULD_OVERFLOW;
        byte[] text = LongDoubles.format(sum);
        Hashes.put(db, key, a, field, text, ctx.now());
        ctx.notify(Notifications.HASH, "hincrbyfloat", key);
        ctx.reply().bulk(text);
    }
}
