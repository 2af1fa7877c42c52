package dev.miniredis.command.hash;

import dev.miniredis.command.Args;
import dev.miniredis.command.Category;
import dev.miniredis.command.Command;
import dev.miniredis.command.CommandError;
import dev.miniredis.command.CommandSpec;
import dev.miniredis.command.Context;
import dev.miniredis.command.Flag;
import dev.miniredis.db.Db;
import dev.miniredis.db.types.HashTable;
import dev.miniredis.db.types.Listpack;
import dev.miniredis.protocol.RespWriter;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.random.RandomGenerator;

/**
 * {@code HRANDFIELD key [count [WITHVALUES]]}: random fields. Without a count, one field (or null). With a positive
 * count, up to that many <em>distinct</em> fields; with a negative one, exactly that many, each drawn independently,
 * so fields may repeat. WITHVALUES adds each field's value: flat field, value, ... in RESP2, and in RESP3 an array of
 * two-element arrays (not a map: with a negative count a field may appear twice).
 *
 * <p>The cases, as Redis's {@code hrandfieldWithCountCommand} has them:
 * <ol>
 *   <li>a negative count (or 1): independent uniform draws;</li>
 *   <li>a count at least the hash's size: the whole hash, in its own order (a packed hash's order is Redis's too);</li>
 *   <li>otherwise a uniform random subset. A packed hash picks it in one pass in listpack order (Knuth's selection
 *       sampling, the order Redis's {@code lpRandomPairsUnique} gives too); a big one shuffles when the count is a
 *       large part of the hash, and draws with rejection of repeats when it is small.</li>
 * </ol>
 * Uniform draws on a big hash use {@link HashTable#randomEntry}, so each field has the same chance.
 */
record HRandField(byte[] key, boolean hasCount, long count, boolean withValues) implements Command {
    static final CommandSpec SPEC = CommandSpec.of("hrandfield", -2, Flag.READONLY).keys(1, 1, 1)
            .categories(Category.HASH).group("hash").since("6.2.0")
            .summary("Returns one or more random fields from a hash.").parser(HRandField::parse);

    private static final CommandError COUNT_RANGE = new CommandError(
            "ERR value is out of range, value must between -9223372036854775807 and 9223372036854775807");
    private static final CommandError OUT_OF_RANGE = new CommandError("ERR value is out of range");
    /** Replies longer than this many elements are refused (Redis would try, and run out of memory). */
    private static final long MAX_REPLY_ELEMENTS = Integer.MAX_VALUE;

    static Command parse(Args args) {
        if (args.count() == 2) return new HRandField(args.get(1), false, 0, false);
        long count = args.longAt(2);
        if (count == Long.MIN_VALUE) throw COUNT_RANGE;
        if (args.count() > 4 || (args.count() == 4 && !args.is(3, "withvalues"))) throw CommandError.SYNTAX;
        boolean withValues = args.count() == 4;
        // Redis doubles the count for the flat reply, and refuses what would overflow.
        if (withValues && (count < -Long.MAX_VALUE / 2 || count > Long.MAX_VALUE / 2)) throw OUT_OF_RANGE;
        return new HRandField(args.get(1), true, count, withValues);
    }

    @Override
    public void execute(Context ctx) {
        Db db = ctx.db();
        RespWriter out = ctx.reply();
        long a = db.get(key, ctx.now());
        if (a == Db.NIL) {
            if (hasCount) out.array(0); // an empty array in RESP3 too, not null
            else out.nil();
            return;
        }
        Hashes.requireHash(db, a);
        RandomGenerator random = ThreadLocalRandom.current();
        if (!hasCount) {
            oneField(out, db, a, random);
            return;
        }
        if (count == 0) {
            out.array(0);
            return;
        }
        boolean nested = withValues && out.protocol() == 3; // RESP3: one [field, value] array per pick
        int size = Hashes.length(db, a);
        long n = Math.abs(count);
        if (count < 0 || n == 1) {
            if (withValues && !nested ? n > MAX_REPLY_ELEMENTS / 2 : n > MAX_REPLY_ELEMENTS) throw OUT_OF_RANGE;
            out.array((int) (withValues && !nested ? n * 2 : n));
            if (Hashes.packed(db, a)) drawPacked(out, db.readPacked(a, 0), (int) n, nested, random);
            else drawTable(out, (HashTable) db.object(a), (int) n, nested, random);
        } else if (n >= size) {
            out.array(withValues && !nested ? size * 2 : size);
            if (Hashes.packed(db, a)) subsetPacked(out, db.readPacked(a, 0), size, nested, random);
            else wholeTable(out, (HashTable) db.object(a), nested);
        } else {
            out.array((int) (withValues && !nested ? n * 2 : n));
            if (Hashes.packed(db, a)) subsetPacked(out, db.readPacked(a, 0), (int) n, nested, random);
            else subsetTable(out, (HashTable) db.object(a), (int) n, nested, random);
        }
    }

    private void oneField(RespWriter out, Db db, long a, RandomGenerator random) {
        if (Hashes.packed(db, a)) {
            byte[] b = db.readPacked(a, 0);
            int pick = random.nextInt(Listpack.count(b) / 2);
            Hashes.bulkAt(out, b, Listpack.seek(b, 2 * pick));
        } else {
            HashTable table = (HashTable) db.object(a);
            Hashes.fieldBulk(out, table, table.randomEntry(random));
        }
    }

    private void pair(RespWriter out, byte[] b, int fieldPos, boolean nested) {
        if (nested) out.array(2);
        Hashes.bulkAt(out, b, fieldPos);
        if (withValues) Hashes.bulkAt(out, b, Listpack.next(b, fieldPos));
    }

    private void pair(RespWriter out, HashTable map, int e, boolean nested) {
        if (nested) out.array(2);
        Hashes.fieldBulk(out, map, e);
        if (withValues) Hashes.valueBulk(out, map, e);
    }

    // Independent draws from a packed hash: the fields' positions first, so each draw is one array read.
    private void drawPacked(RespWriter out, byte[] b, int n, boolean nested, RandomGenerator random) {
        int fields = Listpack.count(b) / 2;
        int[] positions = new int[fields];
        int pos = Listpack.HEADER_BYTES;
        for (int i = 0; i < fields; i++) {
            positions[i] = pos;
            pos = Listpack.next(b, Listpack.next(b, pos));
        }
        for (int i = 0; i < n; i++) pair(out, b, positions[random.nextInt(fields)], nested);
    }

    private void drawTable(RespWriter out, HashTable map, int n, boolean nested, RandomGenerator random) {
        for (int i = 0; i < n; i++) pair(out, map, map.randomEntry(random), nested);
    }

    // Knuth's selection sampling: walk the fields once, taking each with probability (still needed / still left).
    // Every subset of n fields is equally likely, and it comes out in listpack order. With n = size it takes all.
    private void subsetPacked(RespWriter out, byte[] b, int n, boolean nested, RandomGenerator random) {
        int left = Listpack.count(b) / 2;
        int pos = Listpack.HEADER_BYTES;
        for (int needed = n; needed > 0; left--) {
            if (random.nextInt(left) < needed) {
                pair(out, b, pos, nested);
                needed--;
            }
            pos = Listpack.next(b, Listpack.next(b, pos));
        }
    }

    private void wholeTable(RespWriter out, HashTable map, boolean nested) {
        map.forEach(e -> pair(out, map, e, nested));
    }

    private void subsetTable(RespWriter out, HashTable map, int n, boolean nested, RandomGenerator random) {
        int size = map.size();
        if ((long) n * 3 > size) {
            // A large part of the hash: shuffle the first n of all the entries (Fisher-Yates, stopped early).
            int[] entries = new int[size];
            int[] filled = {0};
            map.forEach(e -> entries[filled[0]++] = e);
            for (int i = 0; i < n; i++) {
                int j = i + random.nextInt(size - i);
                int t = entries[i];
                entries[i] = entries[j];
                entries[j] = t;
                pair(out, map, entries[i], nested);
            }
            return;
        }
        // A small part: draw, throwing back repeats; on average fewer than 1.5 draws per field.
        Set<Integer> taken = new HashSet<>();
        while (taken.size() < n) {
            int e = map.randomEntry(random);
            if (taken.add(e)) pair(out, map, e, nested);
        }
    }
}
