package dev.miniredis.command.hash;

import dev.miniredis.command.Args;
import dev.miniredis.command.Category;
import dev.miniredis.command.Command;
import dev.miniredis.command.CommandError;
import dev.miniredis.command.CommandSpec;
import dev.miniredis.command.Context;
import dev.miniredis.command.Flag;
import dev.miniredis.command.ScanOptions;
import dev.miniredis.db.Db;
import dev.miniredis.db.Glob;
import dev.miniredis.db.types.HashTable;
import dev.miniredis.db.types.Listpack;
import dev.miniredis.protocol.Resp;
import dev.miniredis.protocol.RespWriter;

import java.util.Arrays;
import java.util.function.IntConsumer;

/**
 * {@code HSCAN key cursor [MATCH pattern] [COUNT count]}: one step of an iteration over a hash's fields, answered as
 * the next cursor and a flat field, value, ... array (an array in RESP3 too, not a map).
 *
 * <p>A packed hash is small, so, as in Redis, the first call returns all of it (whatever the cursor and COUNT say)
 * with cursor 0. A big one is walked a bucket at a time with {@link HashTable#scan}'s reverse-binary cursor, which
 * keeps SCAN's guarantee across resizes; COUNT is how many elements to collect, and as in Redis each field counts
 * twice, once for itself and once for its value, so {@code COUNT 10} gathers about five fields. MATCH filters the
 * fields after they are collected, so a step may return nothing yet not be the last.
 *
 * <p>Redis checks things in this order, and so do we: the cursor; the key (a missing key answers an empty scan even if
 * the options are wrong); its type; then the options.
 */
record HScan(byte[][] argv, long cursor) implements Command {
    static final CommandSpec SPEC = CommandSpec.of("hscan", -3, Flag.READONLY).keys(1, 1, 1)
            .categories(Category.HASH).group("hash").since("2.8.0")
            .summary("Iterates over fields and values of a hash.").parser(HScan::parse);

    private static final byte[] EMPTY_SCAN = Resp.ascii("*2\r\n$1\r\n0\r\n*0\r\n");

    static Command parse(Args args) {
        return new HScan(args.all(), ScanOptions.parseCursor(args.get(2)));
    }

    @Override
    public void execute(Context ctx) {
        Db db = ctx.db();
        RespWriter out = ctx.reply();
        long a = Hashes.requireHash(db, db.get(argv[1], ctx.now()));
        if (a == Db.NIL) {
            out.raw(EMPTY_SCAN);
            return;
        }
        ScanOptions options = ScanOptions.parse(argv, 3, false);
        byte[] pattern = options.pattern;
        long count = options.count;
        if (Hashes.packed(db, a)) scanPacked(out, db.readPacked(a, 0), pattern);
        else scanTable(out, (HashTable) db.object(a), count, pattern);
    }

    private static void scanPacked(RespWriter out, byte[] b, byte[] pattern) {
        int fields = Listpack.count(b) / 2;
        int[] matching = new int[fields];
        int n = 0;
        int pos = Listpack.HEADER_BYTES;
        for (int i = 0; i < fields; i++) {
            if (pattern == null || Glob.matches(pattern, Listpack.copy(b, pos))) matching[n++] = pos;
            pos = Listpack.next(b, Listpack.next(b, pos));
        }
        out.array(2);
        out.raw(ZERO_CURSOR);
        out.array(2 * n);
        for (int i = 0; i < n; i++) {
            Hashes.bulkAt(out, b, matching[i]);
            Hashes.bulkAt(out, b, Listpack.next(b, matching[i]));
        }
    }

    private static final byte[] ZERO_CURSOR = Resp.ascii("$1\r\n0\r\n");

    private void scanTable(RespWriter out, HashTable map, long count, byte[] pattern) {
        Entries found = new Entries();
        long next = cursor;
        // Redis's loop: at most COUNT * 10 buckets, stopping once COUNT elements (two per field) are gathered.
        long maxBuckets = count > Long.MAX_VALUE / 10 ? Long.MAX_VALUE : count * 10;
        do {
            next = map.scan(next, found);
        } while (next != 0 && maxBuckets-- > 0 && 2L * found.size < count);
        int n = 0;
        for (int i = 0; i < found.size; i++) {
            int e = found.entries[i];
            if (pattern == null || Glob.matches(pattern, Arrays.copyOf(map.entry(e), map.fieldLength(e)))) {
                found.entries[n++] = e;
            }
        }
        out.array(2);
        out.bulk(next);
        out.array(2 * n);
        for (int i = 0; i < n; i++) {
            Hashes.fieldBulk(out, map, found.entries[i]);
            Hashes.valueBulk(out, map, found.entries[i]);
        }
    }

    // The entries one step collected, in a growable int array.
    private static final class Entries implements IntConsumer {
        int[] entries = new int[16];
        int size;

        @Override
        public void accept(int e) {
            if (size == entries.length) entries = Arrays.copyOf(entries, size * 2);
            entries[size++] = e;
        }
    }
}
