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
 * {@code BITCOUNT key [start end [BYTE|BIT]]}: the number of set bits, in the whole string or in a range of bytes (or,
 * with {@code BIT}, of bits). Negative indexes count from the end, as in GETRANGE, with the same clamping.
 *
 * <p>Redis 7.0 looks the key up <em>before</em> it reads the range: a missing key answers 0 even when the range is
 * not a number or the unit is misspelled, and a key of another type is WRONGTYPE before either; and two negative
 * indexes in the wrong order answer 0 before the unit is read. So the arguments are kept as bytes and read in
 * {@link #execute}, in that order.
 */
record BitCount(byte[][] argv) implements Command {
    static final CommandSpec SPEC = CommandSpec.of("bitcount", -2, Flag.READONLY).keys(1, 1, 1)
            .categories(Category.BITMAP).group("bitmap").since("2.6.0")
            .summary("Counts the number of set bits (population counting) in a string.").parser(BitCount::parse);

    static Command parse(Args args) {
        return new BitCount(args.all());
    }

    @Override
    public void execute(Context ctx) {
        Db db = ctx.db();
        long a = Strings.requireString(db, db.get(argv[1], ctx.now()));
        if (a == Db.NIL) {
            ctx.reply().integer(0);
            return;
        }
        long length = db.valueLength(a);
        long first;
        long last;
        if (argv.length == 4 || argv.length == 5) {
            long start = Args.parseLong(argv[2]);
            long end = Args.parseLong(argv[3]);
            if (start < 0 && end < 0 && start > end) { // empty before the unit is even read: "-1 -5 nonsense" is 0
                ctx.reply().integer(0);
                return;
            }
            boolean isBit = false;
            if (argv.length == 5) {
                if (Args.equalsIgnoreCase(argv[4], "bit")) isBit = true;
                else if (!Args.equalsIgnoreCase(argv[4], "byte")) throw CommandError.SYNTAX;
            }
            long total = isBit ? length * 8 : length;
            if (start < 0) start += total;
            if (end < 0) end += total;
            if (start < 0) start = 0;
            if (end < 0) end = 0;
            if (end >= total) end = total - 1;
            first = isBit ? start : start * 8;
            last = isBit ? end : end * 8 + 7;
            if (start > end) {
                ctx.reply().integer(0);
                return;
            }
        } else if (argv.length == 2) {
            first = 0;
            last = length * 8 - 1;
        } else {
            throw CommandError.SYNTAX;
        }
        ctx.reply().integer(first > last ? 0 : Bits.count(db, a, first, last));
    }
}
