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

/**
 * {@code APPEND key value}: appends and returns the new length; a missing key starts empty. The deadline is kept.
 *
 * <p>Simplification: we copy into a new array of the exact size each time. Redis keeps spare room at the end of its
 * strings, so many small appends to one key are cheaper there; here each costs a copy of the whole value.
 */
record Append(byte[] key, byte[] suffix) implements Command {
    static final CommandSpec SPEC = CommandSpec.of("append", 3, Flag.WRITE, Flag.DENYOOM, Flag.FAST).keys(1, 1, 1)
            .categories(Category.STRING).group("string").since("2.0.0")
            .summary("Appends a string to the value of a key. Creates the key if it doesn't exist.")
            .parser(Append::parse);

    /** Redis refuses to grow a string past proto-max-bulk-len; we check against that setting's default. */
    private static final long MAX_BYTES = dev.miniredis.protocol.Resp.DEFAULT_MAX_BULK_BYTES;

    static Command parse(Args args) {
        return new Append(args.get(1), args.get(2));
    }

    @Override
    public void execute(Context ctx) {
        Db db = ctx.db();
        long a = Strings.requireString(db, db.lookup(key, ctx.now()));
        byte[] current = a == Db.NIL ? new byte[0] : db.value(a);
        if ((long) current.length + suffix.length > MAX_BYTES) {
            throw new CommandError("ERR string exceeds maximum allowed size (proto-max-bulk-len)");
        }
        byte[] joined = new byte[current.length + suffix.length];
        System.arraycopy(current, 0, joined, 0, current.length);
        System.arraycopy(suffix, 0, joined, current.length, suffix.length);
        db.put(key, joined, ctx.now());
        ctx.notify(Notifications.STRING, "append", key);
        ctx.reply().integer(joined.length);
    }
}
