package dev.miniredis.command.string;

import dev.miniredis.pubsub.Notifications;
import dev.miniredis.command.Args;
import dev.miniredis.command.Category;
import dev.miniredis.command.Command;
import dev.miniredis.command.CommandSpec;
import dev.miniredis.command.Context;
import dev.miniredis.command.Flag;
import dev.miniredis.db.Db;
import dev.miniredis.protocol.Resp;

/**
 * {@code SET key value [NX|XX] [GET] [EX s|PX ms|EXAT s|PXAT ms|KEEPTTL]}.
 *
 * <p>Replies {@code +OK}; with {@code NX}/{@code XX} and the condition not met, null; with {@code GET}, the old value (or
 * null) in place of OK, whether or not the set happened. Without {@code KEEPTTL} any previous deadline is dropped.
 * A deadline already in the past ({@code PXAT 1}) leaves no key behind.
 */
record Set(byte[] key, byte[] value, StringOptions options) implements Command {
    static final CommandSpec SPEC = CommandSpec.of("set", -3, Flag.WRITE, Flag.DENYOOM).keys(1, 1, 1)
            .categories(Category.STRING).group("string").since("1.0.0")
            .summary("Sets the string value of a key, ignoring its type. The key is created if it doesn't exist.")
            .parser(Set::parse);

    static Command parse(Args args) {
        return new Set(args.get(1), args.get(2), args.count() == 3 ? null : StringOptions.parse(args, 3, true));
    }

    @Override
    public void execute(Context ctx) {
        Db db = ctx.db();
        long now = ctx.now();
        if (options == null) {                       // the common case: SET key value
            db.put(key, value, Db.PERSISTENT, now);
            ctx.notify(Notifications.STRING, "set", key);
            ctx.reply().raw(Resp.OK);
            return;
        }
        db.requireKeyFits(key); // before GET's reply: an error must be the only reply
        long deadline = options.hasExpire() ? options.deadline(now, "set") : Db.PERSISTENT;
        boolean get = options.has(StringOptions.GET);
        long existing = get ? db.get(key, now) : db.lookup(key, now); // GET reads: a hit or a miss, as in Redis
        boolean found = existing != Db.NIL;
        // GET: the old value, copied from the store into the reply before the put can overwrite or move it.
        if (get) Strings.reply(ctx.reply(), db, Strings.requireString(db, existing));
        if ((options.has(StringOptions.NX) && found) || (options.has(StringOptions.XX) && !found)) {
            if (!get) ctx.reply().nil();
            return;
        }
        if (options.has(StringOptions.KEEPTTL) && found) db.put(key, value, now);
        else db.put(key, value, deadline, now);
        ctx.notify(Notifications.STRING, "set", key);
        if (options.hasExpire()) ctx.notify(Notifications.GENERIC, "expire", key);
        if (!get) ctx.reply().raw(Resp.OK);
    }
}
