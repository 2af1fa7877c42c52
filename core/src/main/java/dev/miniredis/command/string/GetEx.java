package dev.miniredis.command.string;

import dev.miniredis.pubsub.Notifications;
import dev.miniredis.command.Args;
import dev.miniredis.command.Category;
import dev.miniredis.command.Command;
import dev.miniredis.command.CommandSpec;
import dev.miniredis.command.Context;
import dev.miniredis.command.Flag;
import dev.miniredis.db.Db;

/**
 * {@code GETEX key [EX s|PX ms|EXAT s|PXAT ms|PERSIST]}: GET that also sets or removes the key's deadline. As in Redis, a
 * missing key answers null before the expire amount is even looked at.
 */
record GetEx(byte[] key, StringOptions options) implements Command {
    static final CommandSpec SPEC = CommandSpec.of("getex", -2, Flag.WRITE, Flag.FAST).keys(1, 1, 1)
            .categories(Category.STRING).group("string").since("6.2.0")
            .summary("Returns the string value of a key after setting its expiration time.").parser(GetEx::parse);

    static Command parse(Args args) {
        return new GetEx(args.get(1), StringOptions.parse(args, 2, false));
    }

    @Override
    public void execute(Context ctx) {
        long now = ctx.now();
        Db db = ctx.db();
        long a = db.get(key, now);
        if (a == Db.NIL) {
            ctx.reply().nil();
            return;
        }
        Strings.requireString(db, a);
        long deadline = options.hasExpire() ? options.deadline(now, "getex") : Db.PERSISTENT;
        Strings.reply(ctx.reply(), db, a);
        if (options.hasExpire()) {
            if (deadline <= now) {
                db.delete(a);
                ctx.notify(Notifications.GENERIC, "del", key);
            } else {
                db.setDeadline(a, deadline);
                ctx.notify(Notifications.GENERIC, "expire", key);
            }
        } else if (options.has(StringOptions.PERSIST) && db.deadlineMillis(a) != Db.PERSISTENT) {
            db.setDeadline(a, Db.PERSISTENT);
            ctx.notify(Notifications.GENERIC, "persist", key);
        }
    }
}
