package dev.miniredis.command.hash;

import dev.miniredis.command.Args;
import dev.miniredis.command.Category;
import dev.miniredis.command.Command;
import dev.miniredis.command.CommandSpec;
import dev.miniredis.command.Context;
import dev.miniredis.command.Flag;
import dev.miniredis.db.Db;
import dev.miniredis.pubsub.Notifications;

/**
 * {@code HSETNX key field value}: sets the field only if it is absent; 1 if it did, 0 if not. An existing field leaves
 * the hash untouched, its encoding too: Redis checks for the field before it considers the value's length, so a long
 * value for a field that exists does not convert a packed hash.
 */
record HSetNx(byte[] key, byte[] field, byte[] value) implements Command {
    static final CommandSpec SPEC = CommandSpec.of("hsetnx", 4, Flag.WRITE, Flag.DENYOOM, Flag.FAST).keys(1, 1, 1)
            .categories(Category.HASH).group("hash").since("2.0.0")
            .summary("Sets the value of a field in a hash only when the field doesn't exist.").parser(HSetNx::parse);

    static Command parse(Args args) {
        return new HSetNx(args.get(1), args.get(2), args.get(3));
    }

    @Override
    public void execute(Context ctx) {
        Db db = ctx.db();
        long a = Hashes.requireHash(db, db.lookup(key, ctx.now()));
        if (a != Db.NIL && Hashes.valueLength(db, a, field) >= 0) {
            ctx.reply().integer(0);
            return;
        }
        Hashes.put(db, key, a, field, value, ctx.now());
        ctx.notify(Notifications.HASH, "hset", key);
        ctx.reply().integer(1);
    }
}
