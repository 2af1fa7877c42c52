package dev.miniredis.command.string;

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
 * {@code SETBIT key offset 0|1}: sets or clears one bit (numbered as {@link Bits} explains) and answers its old value.
 * The string grows with zero bytes to reach the bit; a missing key is created, even by a 0. The deadline is kept.
 *
 * <p>Both arguments are checked before the key is looked at, the offset first, each with its own error text.
 */
record SetBit(byte[] key, long offset, int bit) implements Command {
    static final CommandSpec SPEC = CommandSpec.of("setbit", 4, Flag.WRITE, Flag.DENYOOM).keys(1, 1, 1)
            .categories(Category.BITMAP).group("bitmap").since("2.2.0")
            .summary("Sets or clears the bit at offset of the string value. Creates the key if it doesn't exist.")
            .parser(SetBit::parse);

    private static final CommandError BAD_BIT = new CommandError("ERR bit is not an integer or out of range");

    static Command parse(Args args) {
        long offset = Bits.offset(args.get(2), false, 0);
        long bit;
        try {
            bit = Numbers.parseLong(args.get(3));
        } catch (NumberFormatException e) {
            throw BAD_BIT;
        }
        if ((bit & ~1) != 0) throw BAD_BIT;
        return new SetBit(args.get(1), offset, (int) bit);
    }

    @Override
    public void execute(Context ctx) {
        Db db = ctx.db();
        long a = Strings.requireString(db, db.lookup(key, ctx.now()));
        int oldLength = Strings.length(db, a);
        int index = (int) (offset >>> 3);
        int length = Math.max(oldLength, index + 1);
        byte[] b = Strings.readPadded(db, a, 0, length);
        int shift = 7 - (int) (offset & 7);
        int old = (b[index] >>> shift) & 1;
        // As Redis: the key is written when it grows (or is new) or the bit changes; otherwise it stays as it was.
        if (length > oldLength || old != bit) {
            b[index] = (byte) (b[index] & ~(1 << shift) | bit << shift);
            db.putString(key, b, length, ctx.now());
            ctx.notify(Notifications.STRING, "setbit", key);
        }
        ctx.reply().integer(old);
    }
}
