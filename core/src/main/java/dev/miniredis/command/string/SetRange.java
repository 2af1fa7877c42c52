package dev.miniredis.command.string;

import dev.miniredis.command.Args;
import dev.miniredis.command.Category;
import dev.miniredis.command.Command;
import dev.miniredis.command.CommandError;
import dev.miniredis.command.CommandSpec;
import dev.miniredis.command.Context;
import dev.miniredis.command.Flag;
import dev.miniredis.db.Db;
import dev.miniredis.pubsub.Notifications;

/**
 * {@code SETRANGE key offset value}: writes {@code value} over the string starting at byte {@code offset}, padding with
 * zero bytes if the string was shorter, and answers the new length. The key's deadline is kept.
 *
 * <p>The checks come in Redis's order: a negative offset ({@code ERR offset is out of range}) before the key is looked
 * at; an empty value changes nothing and answers the current length (0 for a missing key, which is not created) before
 * the size check; and a result longer than proto-max-bulk-len (512 MB) is refused before anything is allocated.
 */
record SetRange(byte[] key, long offset, byte[] value) implements Command {
    static final CommandSpec SPEC = CommandSpec.of("setrange", 4, Flag.WRITE, Flag.DENYOOM).keys(1, 1, 1)
            .categories(Category.STRING).group("string").since("2.2.0")
            .summary("Overwrites a part of a string value with another by an offset. Creates the key if it doesn't "
                    + "exist.")
            .parser(SetRange::parse);

    static Command parse(Args args) {
        long offset = args.longAt(2);
        if (offset < 0) throw new CommandError("ERR offset is out of range");
        return new SetRange(args.get(1), offset, args.get(3));
    }

    @Override
    public void execute(Context ctx) {
        Db db = ctx.db();
        long a = Strings.requireString(db, db.lookup(key, ctx.now()));
        int oldLength = Strings.length(db, a);
        if (value.length == 0) {
            ctx.reply().integer(oldLength);
            return;
        }
        if (offset > Strings.MAX_BYTES - value.length) throw Strings.TOO_LONG; // offset + length, without overflowing
        int newLength = (int) Math.max(oldLength, offset + value.length);
        byte[] b = Strings.readPadded(db, a, 0, newLength);
        System.arraycopy(value, 0, b, (int) offset, value.length);
        db.putString(key, b, newLength, ctx.now());
        ctx.notify(Notifications.STRING, "setrange", key); // even when the bytes were already there, as Redis
        ctx.reply().integer(newLength);
    }
}
