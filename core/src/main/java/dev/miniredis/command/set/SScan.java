package dev.miniredis.command.set;

import dev.miniredis.command.Args;
import dev.miniredis.command.Category;
import dev.miniredis.command.Command;
import dev.miniredis.command.CommandError;
import dev.miniredis.command.CommandSpec;
import dev.miniredis.command.Context;
import dev.miniredis.command.Flag;
import dev.miniredis.db.Db;
import dev.miniredis.db.Encoding;
import dev.miniredis.db.Glob;
import dev.miniredis.db.types.IntSet;
import dev.miniredis.db.types.MemberSet;
import dev.miniredis.protocol.Numbers;
import dev.miniredis.protocol.RespWriter;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code SSCAN key cursor [MATCH pattern] [COUNT count]}: one step of an iteration over a set's members, replied as
 * {@code [next cursor, [members]]} (an array in RESP3 too).
 *
 * <p>An intset is small by definition, so, as in Redis, the first call returns all of it and cursor 0, whatever COUNT
 * says. A hash table set is walked bucket by bucket with the same reverse-binary cursor as SCAN
 * ({@link dev.miniredis.db.types.BytesMap#scan}): COUNT is how many members to collect before stopping (at most ten
 * times as many buckets are visited), and MATCH filters what was collected, so a step can return nothing while the
 * iteration goes on.
 *
 * <p>The order of checks is Redis's: the cursor first, then the key (a missing key is an empty, finished scan even with
 * bad options), then the options. So the options are parsed here and their error, if any, thrown only once the key is
 * known to exist.
 */
record SScan(byte[] key, long cursor, byte[] pattern, long count, CommandError optionError) implements Command {
    static final CommandSpec SPEC = CommandSpec.of("sscan", -3, Flag.READONLY).keys(1, 1, 1)
            .categories(Category.SET).group("set").since("2.8.0").summary("Incrementally iterate Set elements")
            .parser(SScan::parse);

    static Command parse(Args args) {
        long cursor = parseCursor(args.get(2));
        byte[] pattern = null;
        long count = 10;
        CommandError error = null;
        for (int i = 3; i < args.count() && error == null; i += 2) {
            boolean hasValue = args.count() - i >= 2;
            if (hasValue && args.is(i, "count")) {
                try {
                    count = args.longAt(i + 1);
                    if (count < 1) error = CommandError.SYNTAX;
                } catch (CommandError e) {
                    error = e;
                }
            } else if (hasValue && args.is(i, "match")) {
                byte[] p = args.get(i + 1);
                pattern = p.length == 1 && p[0] == '*' ? null : p; // "*" matches everything: skip the matching
            } else {
                error = CommandError.SYNTAX;
            }
        }
        return new SScan(args.get(1), cursor, pattern, count, error);
    }

    /**
     * The cursor as C's {@code strtoul} reads it, as Redis does (a copy of SCAN's rule, which lives in the keys
     * package): an optional sign, decimal digits, nothing after them, no overflow; an empty cursor is 0.
     */
    static long parseCursor(byte[] bytes) {
        int i = 0;
        boolean negative = false;
        if (bytes.length > 0 && (bytes[0] == '+' || bytes[0] == '-')) {
            negative = bytes[0] == '-';
            i++;
        }
        if (i == bytes.length) {
            if (i == 0) return 0;
            throw new CommandError("ERR invalid cursor");
        }
        long value = 0;
        for (; i < bytes.length; i++) {
            int digit = bytes[i] - '0';
            if (digit < 0 || digit > 9) throw new CommandError("ERR invalid cursor");
            if (Long.compareUnsigned(value, Long.divideUnsigned(-1L - digit, 10)) > 0) {
                throw new CommandError("ERR invalid cursor");
            }
            value = value * 10 + digit;
        }
        return negative ? -value : value;
    }

    @Override
    public void execute(Context ctx) {
        Db db = ctx.db();
        RespWriter out = ctx.reply();
        long a = Sets.requireSet(db, db.get(key, ctx.now()));
        if (a == Db.NIL) {
            out.array(2).bulk(0).array(0);
            return;
        }
        if (optionError != null) throw optionError;
        if (db.type(a) == Encoding.SET_INTSET) {
            byte[] ints = db.readPacked(a, 0);
            int n = IntSet.count(ints, db.valueLength(a));
            out.array(2).bulk(0);
            if (pattern == null) {
                out.array(n);
                for (int i = 0; i < n; i++) out.bulk(IntSet.get(ints, i));
                return;
            }
            List<byte[]> found = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                byte[] member = Numbers.toBytes(IntSet.get(ints, i));
                if (Glob.matches(pattern, member)) found.add(member);
            }
            out.array(found.size());
            for (byte[] member : found) out.bulk(member);
            return;
        }
        MemberSet set = Sets.heap(db, a);
        List<byte[]> found = new ArrayList<>();
        long next = cursor;
        long maxBuckets = count > Long.MAX_VALUE / 10 ? Long.MAX_VALUE : count * 10;
        do {
            next = set.scan(next, e -> found.add(set.member(e)));
        } while (next != 0 && --maxBuckets > 0 && found.size() < count);
        if (pattern != null) found.removeIf(member -> !Glob.matches(pattern, member)); // Redis filters after collecting
        out.array(2);
        out.bulk(Long.toUnsignedString(next));
        out.array(found.size());
        for (byte[] member : found) out.bulk(member);
    }
}
