package dev.miniredis.command.string;

import dev.miniredis.command.Args;
import dev.miniredis.command.Category;
import dev.miniredis.command.Command;
import dev.miniredis.command.CommandError;
import dev.miniredis.command.CommandSpec;
import dev.miniredis.command.Context;
import dev.miniredis.command.Flag;
import dev.miniredis.db.Db;

/**
 * {@code BITPOS key 0|1 [start [end [BYTE|BIT]]]}: the position of the first clear or set bit, counted from the start of
 * the string whatever the range, or -1 if there is none.
 *
 * <p>A string is taken to continue with zero bits after its end, so looking for a 0 in a string of all ones answers the
 * first bit past its end, unless the client gave an {@code end}: then the range is exact and the answer -1. A missing
 * key is all zeros: 0 for a 0, -1 for a 1. As in Redis 7.0 the bit is checked first, then the key, and only then the
 * range, so a missing key answers whatever its range says; unlike BITCOUNT, two negative indexes in the wrong order are
 * simply clamped.
 */
record BitPos(byte[][] argv, int bit) implements Command {
    static final CommandSpec SPEC = CommandSpec.of("bitpos", -3, Flag.READONLY).keys(1, 1, 1)
            .categories(Category.BITMAP).group("bitmap").since("2.8.7")
            .summary("Finds the first set (1) or clear (0) bit in a string.").parser(BitPos::parse);

    private static final CommandError BAD_BIT = new CommandError("ERR The bit argument must be 1 or 0.");

    static Command parse(Args args) {
        long bit = args.longAt(2);
        if (bit != 0 && bit != 1) throw BAD_BIT;
        return new BitPos(args.all(), (int) bit);
    }

    @Override
    public void execute(Context ctx) {
        Db db = ctx.db();
        long a = Strings.requireString(db, db.get(argv[1], ctx.now()));
        if (a == Db.NIL) {
            ctx.reply().integer(bit == 1 ? -1 : 0);
            return;
        }
        long length = db.valueLength(a);
        long first;
        long last;
        boolean endGiven = false;
        if (argv.length >= 4 && argv.length <= 6) {
            long start = Args.parseLong(argv[3]);
            boolean isBit = false;
            if (argv.length == 6) {
                if (Args.equalsIgnoreCase(argv[5], "bit")) isBit = true;
                else if (!Args.equalsIgnoreCase(argv[5], "byte")) throw CommandError.SYNTAX;
            }
            long end;
            if (argv.length >= 5) {
                end = Args.parseLong(argv[4]);
                endGiven = true;
            } else {
                end = length - 1; // without an end the unit is bytes
            }
            long total = isBit ? length * 8 : length;
            if (start < 0) start += total;
            if (end < 0) end += total;
            if (start < 0) start = 0;
            if (end < 0) end = 0;
            if (end >= total) end = total - 1;
            if (start > end) {
                ctx.reply().integer(-1);
                return;
            }
            first = isBit ? start : start * 8;
            last = isBit ? end : end * 8 + 7;
        } else if (argv.length == 3) {
            first = 0;
            last = length * 8 - 1;
        } else {
            throw CommandError.SYNTAX;
        }
        if (first > last) { // the empty string
            ctx.reply().integer(-1);
            return;
        }
        long position = Bits.position(db, a, first, last, bit);
        // Not found: a 0 lies just past the end of the string, unless the client drew the range's end itself.
        if (position == -1 && bit == 0 && !endGiven) position = last + 1;
        ctx.reply().integer(position);
    }
}
