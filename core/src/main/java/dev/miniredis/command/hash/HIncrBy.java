package dev.miniredis.command.hash;

import dev.miniredis.command.Args;
import dev.miniredis.command.Category;
import dev.miniredis.command.Command;
import dev.miniredis.command.CommandError;
import dev.miniredis.command.CommandSpec;
import dev.miniredis.command.Context;
import dev.miniredis.command.Flag;
import dev.miniredis.db.Db;
import dev.miniredis.protocol.Numbers;
import dev.miniredis.pubsub.Notifications;

/**
 * {@code HINCRBY key field increment}: adds to the field's integer value (a missing field counts as 0) and answers the
 * result. The increment is checked before the key is looked at, so a bad increment on a string key is a "not an
 * integer" error, not WRONGTYPE, as in Redis. The value must be an integer by {@code string2ll}'s rules.
 */
record HIncrBy(byte[] key, byte[] field, long increment) implements Command {
    static final CommandSpec SPEC = CommandSpec.of("hincrby", 4, Flag.WRITE, Flag.DENYOOM, Flag.FAST).keys(1, 1, 1)
            .categories(Category.HASH).group("hash").since("2.0.0")
            .summary("Increments the integer value of a field in a hash by a number. Uses 0 as initial value if the "
                    + "field doesn't exist.")
            .parser(HIncrBy::parse);

    private static final CommandError NOT_AN_INTEGER = new CommandError("ERR hash value is not an integer");
    private static final CommandError OVERFLOW = new CommandError("ERR increment or decrement would overflow");

    static Command parse(Args args) {
        return new HIncrBy(args.get(1), args.get(2), args.longAt(3));
    }

    @Override
    public void execute(Context ctx) {
        Db db = ctx.db();
        long a = Hashes.requireHash(db, db.lookup(key, ctx.now()));
        long current = 0;
        Hashes.Value value = new Hashes.Value();
        if (a != Db.NIL && value.find(db, a, field)) {
            try {
                current = Numbers.parseLong(value.bytes, value.offset, value.length);
            } catch (NumberFormatException e) {
                throw NOT_AN_INTEGER;
            }
        }
        if ((increment < 0 && current < 0 && increment < Long.MIN_VALUE - current)
                || (increment > 0 && current > 0 && increment > Long.MAX_VALUE - current)) {
            throw OVERFLOW;
        }
        long result = current + increment;
        Hashes.put(db, key, a, field, Numbers.toBytes(result), ctx.now());
        ctx.notify(Notifications.HASH, "hincrby", key);
        ctx.reply().integer(result);
    }
}
