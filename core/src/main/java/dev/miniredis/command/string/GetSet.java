package dev.miniredis.command.string;

import dev.miniredis.command.Args;
import dev.miniredis.command.Category;
import dev.miniredis.command.Command;
import dev.miniredis.command.CommandSpec;
import dev.miniredis.command.Context;
import dev.miniredis.command.Flag;
import dev.miniredis.db.Db;
import dev.miniredis.pubsub.Notifications;

/**
 * {@code GETSET key value}: sets the value and answers the old one (or null). Deprecated since 6.2 in favour of
 * {@code SET key value GET}, and like a plain SET it drops the key's deadline. A key of another type is WRONGTYPE and is
 * left alone: the old value must be a string to be answered.
 */
record GetSet(byte[] key, byte[] value) implements Command {
    static final CommandSpec SPEC = CommandSpec.of("getset", 3, Flag.WRITE, Flag.DENYOOM, Flag.FAST).keys(1, 1, 1)
            .categories(Category.STRING).group("string").since("1.0.0")
            .summary("Returns the previous string value of a key after setting it to a new value.")
            .parser(GetSet::parse);

    static Command parse(Args args) {
        return new GetSet(args.get(1), args.get(2));
    }

    @Override
    public void execute(Context ctx) {
        Db db = ctx.db();
        db.requireKeyFits(key); // before the reply: an error must be the only reply
        // Redis reads the old value as GET does (a read: it counts as a keyspace hit or miss), then overwrites it.
        Strings.reply(ctx.reply(), db, Strings.requireString(db, db.get(key, ctx.now())));
        db.put(key, value, Db.PERSISTENT, ctx.now());
        ctx.notify(Notifications.STRING, "set", key);
    }
}
