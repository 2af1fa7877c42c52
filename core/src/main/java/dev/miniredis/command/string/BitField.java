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
import dev.miniredis.protocol.RespWriter;
import dev.miniredis.pubsub.Notifications;

/**
 * {@code BITFIELD key [GET type offset] [SET type offset value] [INCRBY type offset increment]
 * [OVERFLOW WRAP|SAT|FAIL] ...} and its read-only twin {@code BITFIELD_RO key [GET type offset] ...}: the string as an
 * array of integers of any width from 1 to 64 bits, at any bit offset ({@link Bits} numbers the bits). A type is
 * {@code i1}..{@code i64} (signed) or {@code u1}..{@code u63} (unsigned: a u64 could not be answered as a RESP
 * integer). An offset {@code #n} means the n-th integer of that width. The reply is one element per GET, SET (the old
 * value) and INCRBY (the new value).
 *
 * <h2>Overflow</h2>
 * {@code OVERFLOW} changes how the SETs and INCRBYs <em>after</em> it treat a value that does not fit: WRAP (the
 * default) keeps the low bits, as C arithmetic would; SAT stops at the type's minimum or maximum; FAIL leaves the field
 * alone and answers null for that operation. The checks are Redis's {@code checkSignedBitfieldOverflow} and
 * {@code checkUnsignedBitfieldOverflow}, down to their wrap-around arithmetic: in Redis, {@code SET i8 0
 * -9223372036854775808} under SAT stores 127 rather than -128, because {@code max - value} overflows there, and so it
 * does here.
 *
 * <h2>Order of events</h2>
 * Every operation is parsed before the key is looked at, so a bad argument anywhere is the only reply. Then, if any
 * operation writes, the string is grown with zeros to hold the farthest bit written, and a missing key is created,
 * even if every write then fails under FAIL. A BITFIELD with only GETs (or no operation at all) is a read and creates
 * nothing.
 */
record BitField(byte[] key, long[] offsets, long[] values, int[] ops, int count, boolean writes)
        implements Command {
    static final CommandSpec BITFIELD = CommandSpec.of("bitfield", -2, Flag.WRITE, Flag.DENYOOM).keys(1, 1, 1)
            .categories(Category.BITMAP).group("bitmap").since("3.2.0")
            .summary("Performs arbitrary bitfield integer operations on strings.")
            .parser(args -> parse(args, false));
    static final CommandSpec BITFIELD_RO = CommandSpec.of("bitfield_ro", -2, Flag.READONLY, Flag.FAST).keys(1, 1, 1)
            .categories(Category.BITMAP).group("bitmap").since("6.0.0")
            .summary("Performs arbitrary read-only bitfield integer operations on strings.")
            .parser(args -> parse(args, true));

    // An operation packed in an int: opcode | overflow << 2 | signed << 4 | width << 8.
    private static final int GET = 0, SET = 1, INCRBY = 2;
    private static final int WRAP = 0, SAT = 1, FAIL = 2;

    private static final CommandError BAD_TYPE = new CommandError("ERR Invalid bitfield type. Use something like i16 "
            + "u8. Note that u64 is not supported but i64 is.");

    static Command parse(Args args, boolean readOnly) {
        int n = (args.count() - 2) / 3; // an upper bound on the operations: each takes at least three arguments
        long[] offsets = new long[n];
        long[] values = new long[n];
        int[] ops = new int[n];
        int count = 0;
        int overflow = WRAP;
        boolean writes = false;
        for (int j = 2; j < args.count(); j++) {
            int remaining = args.count() - j - 1;
            int opcode;
            if (args.is(j, "get") && remaining >= 2) {
                opcode = GET;
            } else if (args.is(j, "set") && remaining >= 3) {
                opcode = SET;
            } else if (args.is(j, "incrby") && remaining >= 3) {
                opcode = INCRBY;
            } else if (args.is(j, "overflow") && remaining >= 1) {
                j++;
                if (args.is(j, "wrap")) overflow = WRAP;
                else if (args.is(j, "sat")) overflow = SAT;
                else if (args.is(j, "fail")) overflow = FAIL;
                else throw new CommandError("ERR Invalid OVERFLOW type specified");
                continue;
            } else {
                throw CommandError.SYNTAX;
            }
            int type = type(args.get(j + 1));
            int width = type & 0x7f;
            offsets[count] = Bits.offset(args.get(j + 2), true, width);
            if (opcode != GET) {
                writes = true;
                values[count] = args.longAt(j + 3);
            }
            ops[count++] = opcode | overflow << 2 | (type >>> 7) << 4 | width << 8;
            j += opcode == GET ? 2 : 3;
        }
        if (writes && readOnly) throw new CommandError("ERR BITFIELD_RO only supports the GET subcommand");
        return new BitField(args.get(1), offsets, values, ops, count, writes);
    }

    // "i8" -> width 8, signed (bit 7 of the result); "u63" -> 63. Lower-case letters only, as in Redis.
    private static int type(byte[] arg) {
        if (arg.length < 2 || (arg[0] != 'i' && arg[0] != 'u')) throw BAD_TYPE;
        boolean signed = arg[0] == 'i';
        long width;
        try {
            width = Numbers.parseLong(arg, 1, arg.length - 1);
        } catch (NumberFormatException e) {
            throw BAD_TYPE;
        }
        if (width < 1 || width > (signed ? 64 : 63)) throw BAD_TYPE;
        return (int) width | (signed ? 0x80 : 0);
    }

    @Override
    public void execute(Context ctx) {
        Db db = ctx.db();
        long now = ctx.now();
        RespWriter out = ctx.reply();
        if (!writes) {
            long a = Strings.requireString(db, db.get(key, now));
            out.array(count);
            byte[] window = db.scratch(0, 9);
            int length = Strings.length(db, a);
            for (int i = 0; i < count; i++) {
                // As Redis: copy the (at most) 9 bytes an integer of up to 64 bits can touch, zeros past the end.
                int first = (int) (offsets[i] >>> 3);
                int n = Math.max(0, Math.min(9, length - first));
                if (n > 0) db.copyValue(a, first, window, 0, n);
                out.integer(read(window, n, offsets[i] & 7, ops[i]));
            }
            return;
        }
        long a = Strings.requireString(db, db.lookup(key, now));
        long farthestBit = 0;
        for (int i = 0; i < count; i++) {
            if ((ops[i] & 3) != GET) farthestBit = Math.max(farthestBit, offsets[i] + (ops[i] >>> 8) - 1);
        }
        int oldLength = Strings.length(db, a);
        int length = Math.max(oldLength, (int) (farthestBit >>> 3) + 1);
        byte[] b = Strings.readPadded(db, a, 0, length);
        boolean grew = length > oldLength;
        // Redis grows (or creates) the string before the operations run, so even a BITFIELD whose every write FAILs
        // leaves it longer; but "setbit" is published only if a write went through and changed a value or the length.
        boolean changed = false;
        out.array(count);
        for (int i = 0; i < count; i++) {
            int op = ops[i];
            if ((op & 3) == GET) {
                out.integer(read(b, length, offsets[i], op));
                continue;
            }
            int width = op >>> 8;
            boolean signed = (op >>> 4 & 1) != 0;
            int overflow = op >>> 2 & 3;
            long old = signed ? Bits.getSigned(b, length, offsets[i], width)
                    : Bits.getUnsigned(b, length, offsets[i], width);
            boolean incr = (op & 3) == INCRBY;
            // SET checks the new value alone (an increment of 0); INCRBY checks old + increment.
            long base = incr ? old : values[i];
            long delta = incr ? values[i] : 0;
            int over = signed ? signedOverflow(base, delta, width) : unsignedOverflow(base, delta, width);
            if (over != 0 && overflow == FAIL) {
                out.nil();
                continue;
            }
            long updated = over == 0 ? base + delta
                    : signed ? signedLimit(base, delta, width, overflow, over)
                    : unsignedLimit(base, delta, width, overflow, over);
            out.integer(incr ? updated : old);
            Bits.set(b, offsets[i], width, updated);
            if (old != updated || grew) changed = true;
        }
        if (changed || grew) db.putString(key, b, length, now);
        if (changed) ctx.notify(Notifications.STRING, "setbit", key);
    }

    private static long read(byte[] p, int length, long offset, int op) {
        int width = op >>> 8;
        return (op >>> 4 & 1) != 0 ? Bits.getSigned(p, length, offset, width)
                : Bits.getUnsigned(p, length, offset, width);
    }

    // 1 if value + incr is above what `width` unsigned bits hold, -1 if below 0, else 0. `value` is unsigned.
    private static int unsignedOverflow(long value, long incr, int width) {
        long max = (1L << width) - 1;            // width is at most 63
        long maxIncr = max - value;
        long minIncr = -value;
        if (Long.compareUnsigned(value, max) > 0 || (incr > 0 && incr > maxIncr)) return 1;
        if (incr < 0 && incr < minIncr) return -1;
        return 0;
    }

    private static long unsignedLimit(long value, long incr, int width, int overflow, int over) {
        if (overflow == SAT) return over > 0 ? (1L << width) - 1 : 0;
        return (value + incr) & ((1L << width) - 1);                     // WRAP: the low bits
    }

    // The same for a signed field; the differences that may wrap around are computed as Redis computes them.
    private static int signedOverflow(long value, long incr, int width) {
        long max = width == 64 ? Long.MAX_VALUE : (1L << (width - 1)) - 1;
        long min = -max - 1;
        long maxIncr = max - value;
        long minIncr = min - value;
        if (value > max || (width != 64 && incr > maxIncr) || (value >= 0 && incr > 0 && incr > maxIncr)) return 1;
        if (value < min || (width != 64 && incr < minIncr) || (value < 0 && incr < 0 && incr < minIncr)) return -1;
        return 0;
    }

    private static long signedLimit(long value, long incr, int width, int overflow, int over) {
        long max = width == 64 ? Long.MAX_VALUE : (1L << (width - 1)) - 1;
        if (overflow == SAT) return over > 0 ? max : -max - 1;
        long c = value + incr;                                           // WRAP: the low bits, sign-extended
        if (width < 64) c = (c & 1L << (width - 1)) != 0 ? c | -1L << width : c & ~(-1L << width);
        return c;
    }
}
