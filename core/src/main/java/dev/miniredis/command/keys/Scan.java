package dev.miniredis.command.keys;

import dev.miniredis.command.Args;
import dev.miniredis.command.Category;
import dev.miniredis.command.Command;
import dev.miniredis.command.CommandError;
import dev.miniredis.command.CommandSpec;
import dev.miniredis.command.Context;
import dev.miniredis.command.Flag;
import dev.miniredis.db.Db;
import dev.miniredis.db.Glob;
import dev.miniredis.protocol.RespWriter;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code SCAN cursor [MATCH pattern] [COUNT count] [TYPE type]}: one step of an iteration over the keyspace. Replies with
 * the next cursor (0 when the iteration is complete) and the keys found in this step.
 *
 * <p>As in Redis, COUNT is a hint for how much work to do (it visits buckets until it has collected about COUNT keys, or
 * has visited ten times as many buckets), and MATCH and TYPE filter what was collected, so a step may return no keys even
 * though the iteration is not over. See {@link dev.miniredis.db.Db#scan} for why the cursor is safe across resizes.
 */
record Scan(long cursor, byte[] pattern, long count, byte[] type) implements Command {
    static final CommandSpec SPEC = CommandSpec.of("scan", -2, Flag.READONLY).categories(Category.KEYSPACE)
            .group("generic").since("2.8.0").summary("Iterates over the key names in the database.")
            .parser(Scan::parse);

    static Command parse(Args args) {
        long cursor = parseCursor(args.get(1));
        byte[] pattern = null;
        long count = 10;
        byte[] type = null;
        int i = 2;
        while (i < args.count()) {
            boolean hasValue = args.count() - i >= 2;
            if (hasValue && args.is(i, "count")) {
                count = args.longAt(i + 1);
                if (count < 1) throw CommandError.SYNTAX;
            } else if (hasValue && args.is(i, "match")) {
                byte[] p = args.get(i + 1);
                pattern = p.length == 1 && p[0] == '*' ? null : p; // "*" matches everything: skip the matching
            } else if (hasValue && args.is(i, "type")) {
                type = args.get(i + 1);
            } else {
                throw CommandError.SYNTAX;
            }
            i += 2;
        }
        return new Scan(cursor, pattern, count, type);
    }

    /**
     * The cursor as C's {@code strtoul} reads it, which is what Redis uses: an optional sign ({@code -1} wraps around to the
     * largest unsigned value), decimal digits, nothing after them, no leading space, no overflow.
     */
    static long parseCursor(byte[] bytes) {
        int i = 0;
        boolean negative = false;
        if (bytes.length > 0 && (bytes[0] == '+' || bytes[0] == '-')) {
            negative = bytes[0] == '-';
            i++;
        }
        if (i == bytes.length) {
            if (i == 0) return 0; // strtoul("") stops at once without complaint: an empty cursor is 0
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
        List<byte[]> keys = new ArrayList<>();
        Db db = ctx.db();
        long now = ctx.now();
        long next = cursor;
        long maxBuckets = count > Long.MAX_VALUE / 10 ? Long.MAX_VALUE : count * 10;
        do {
            // The callback only reads: an expired key is skipped here and left for expiry to remove, since the store
            // must not change while it walks a bucket.
            next = db.scan(next, a -> {
                if (db.deadlineMillis(a) <= now) return;
                if (type != null && !Args.equalsIgnoreCase(type, Type.typeName(db, a))) return;
                byte[] key = db.key(a);
                if (pattern != null && !Glob.matches(pattern, key)) return;
                keys.add(key);
            });
        } while (next != 0 && --maxBuckets > 0 && keys.size() < count);
        RespWriter out = ctx.reply();
        out.array(2);
        out.bulk(Long.toUnsignedString(next));
        out.array(keys.size());
        for (byte[] key : keys) out.bulk(key);
    }
}
