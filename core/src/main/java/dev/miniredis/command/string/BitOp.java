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
 * {@code BITOP AND|OR|XOR|NOT destkey key [key ...]}: combines the source strings byte by byte into {@code destkey} and
 * answers the result's length, the longest source's. Shorter sources and missing keys count as zero bytes; NOT takes
 * exactly one source. When every source is empty or missing the result is empty, and, as Redis never stores an empty
 * BITOP result, the destination is deleted instead. The destination may be one of the sources and may hold any type
 * before; it loses its deadline, as after SET.
 *
 * <p>The result is built in a scratch array and the sources are read one at a time into another, so BITOP on short
 * strings allocates nothing. A key of another type among the sources is WRONGTYPE before anything is written.
 */
record BitOp(int op, byte[][] argv) implements Command {
    static final CommandSpec SPEC = CommandSpec.of("bitop", -4, Flag.WRITE, Flag.DENYOOM).keys(2, -1, 1)
            .categories(Category.BITMAP).group("bitmap").since("2.6.0")
            .summary("Performs bitwise operations on multiple strings, and stores the result.").parser(BitOp::parse);

    private static final int AND = 0, OR = 1, XOR = 2, NOT = 3;

    static Command parse(Args args) {
        int op;
        if (args.is(1, "and")) op = AND;
        else if (args.is(1, "or")) op = OR;
        else if (args.is(1, "xor")) op = XOR;
        else if (args.is(1, "not")) op = NOT;
        else throw CommandError.SYNTAX;
        if (op == NOT && args.count() != 4) {
            throw new CommandError("ERR BITOP NOT must be called with a single source key.");
        }
        return new BitOp(op, args.all());
    }

    @Override
    public void execute(Context ctx) {
        Db db = ctx.db();
        long now = ctx.now();
        // First every source's type and length (a read each, as Redis's lookupKeyRead), then the arithmetic.
        int maxLength = 0;
        for (int i = 3; i < argv.length; i++) {
            long a = Strings.requireString(db, db.get(argv[i], now));
            maxLength = Math.max(maxLength, Strings.length(db, a));
        }
        byte[] destination = argv[2];
        if (maxLength == 0) {
            // Redis never stores an empty result: the destination goes, and "del" says so if it was there.
            if (db.delete(destination, now)) ctx.notify(Notifications.GENERIC, "del", destination);
            ctx.reply().integer(0);
            return;
        }
        byte[] result = Strings.buffer(db, 0, maxLength);
        for (int i = 3; i < argv.length; i++) {
            long a = db.peek(argv[i], now); // no write since the loop above: the same records, already counted
            int length = Strings.length(db, a);
            byte[] source = Strings.buffer(db, 1, length);
            if (length > 0) db.copyValue(a, 0, source, 0, length);
            combine(result, maxLength, source, length, i == 3);
        }
        long a = db.putString(destination, result, maxLength, now);
        db.setDeadline(a, Db.PERSISTENT);
        ctx.notify(Notifications.STRING, "set", destination);
        ctx.reply().integer(maxLength);
    }

    // Folds one source into the result; bytes past the source's end count as 0.
    private void combine(byte[] result, int resultLength, byte[] source, int length, boolean firstSource) {
        for (int j = 0; j < resultLength; j++) {
            int b = j < length ? source[j] : 0;
            if (firstSource) result[j] = (byte) (op == NOT ? ~b : b);
            else if (op == AND) result[j] &= b;
            else if (op == OR) result[j] |= b;
            else result[j] ^= b;
        }
    }
}
