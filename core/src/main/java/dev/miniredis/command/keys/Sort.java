package dev.miniredis.command.keys;

import dev.miniredis.command.Args;
import dev.miniredis.command.Category;
import dev.miniredis.command.Command;
import dev.miniredis.command.CommandError;
import dev.miniredis.command.CommandSpec;
import dev.miniredis.command.Context;
import dev.miniredis.command.Flag;
import dev.miniredis.command.zset.SortScores;
import dev.miniredis.db.Db;
import dev.miniredis.db.Encoding;
import dev.miniredis.db.types.HashTable;
import dev.miniredis.db.types.IntSet;
import dev.miniredis.db.types.Listpack;
import dev.miniredis.db.types.MemberSet;
import dev.miniredis.db.types.PackedZSet;
import dev.miniredis.db.types.QuickList;
import dev.miniredis.db.types.SkipList;
import dev.miniredis.protocol.RespWriter;
import dev.miniredis.pubsub.Notifications;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code SORT key [BY pattern] [LIMIT offset count] [GET pattern ...] [ASC|DESC] [ALPHA] [STORE destination]} and
 * {@code SORT_RO} (the same without STORE): the elements of a list, set or sorted set, sorted as numbers or (ALPHA) as
 * bytes, optionally by the values of other keys, and optionally replaced by the values of other keys.
 *
 * <pre>
 *   elements ──▶ sort keys ──▶ sort ──▶ LIMIT window ──▶ GET each ──▶ reply, or a list under STORE
 *   (the key)    (the element itself,                    (# = the element,
 *                 or BY weight_* / h_*->f)                 or weight_* / h_*->f)
 * </pre>
 *
 * <p>This follows Redis's {@code sortCommandGeneric} (sort.c) step by step, because SORT's corner cases are its
 * order of steps:
 * <ul>
 *   <li>Options are parsed first, all of them, so a syntax error wins over WRONGTYPE; a missing key sorts as an empty
 *       list.</li>
 *   <li>A BY pattern without {@code *} ("BY nosort") means <em>do not sort</em>: lists and sorted sets answer in their
 *       own order (DESC walks it backwards), LIMIT taken directly from that order. A set has no order of its own: with
 *       STORE Redis sorts it ALPHA anyway, so that what is stored is deterministic; without STORE it answers in its
 *       table's order, which here is not Redis's (only the multiset of elements is the same).</li>
 *   <li>Numbers are read as C's {@code strtod} reads them (a leading space passes, the empty string is 0); any that is
 *       not a number, is NaN or overflows fails the whole command with "One or more scores can't be converted into
 *       double", but only after everything was read. Equal numbers are ordered by the elements' bytes, so the result
 *       is deterministic. A BY key that is missing (or not a string, or a hash without the field) weighs 0, or, with
 *       ALPHA, sorts before every present one.</li>
 *   <li>ALPHA compares bytes: Redis uses {@code strcoll}, which in the C locale Redis runs in is {@code strcmp}, and
 *       {@code memcmp} when storing; both are unsigned byte order (we compare past a zero byte where {@code strcmp}
 *       would stop, a difference no text key shows).</li>
 *   <li>LIMIT: a negative offset is 0, a negative count means "to the end".</li>
 * </ul>
 *
 * <p>SORT is not a hot-path command: it copies the elements it sorts into arrays (as Redis builds its vector of
 * objects) and sorts those. Redis takes the elements with {@code qsort}, which is not stable; where its order among
 * equal ALPHA BY values is therefore unspecified, ours is the elements' original order.
 */
record Sort(byte[] key, byte[] by, boolean noSort, long offset, long count, byte[][] gets, boolean desc, boolean alpha,
            byte[] store) implements Command {
    static final CommandSpec SORT = CommandSpec.of("sort", -2, Flag.WRITE, Flag.DENYOOM, Flag.MOVABLEKEYS)
            .keys(1, 1, 1).categories(Category.SET, Category.SORTEDSET, Category.LIST, Category.DANGEROUS)
            .group("generic").since("1.0.0").summary("Sort the elements in a list, set or sorted set")
            .parser(args -> parse(args, false));
    static final CommandSpec SORT_RO = CommandSpec.of("sort_ro", -2, Flag.READONLY, Flag.MOVABLEKEYS)
            .keys(1, 1, 1).categories(Category.SET, Category.SORTEDSET, Category.LIST, Category.DANGEROUS)
            .group("generic").since("7.0.0")
            .summary("Sort the elements in a list, set or sorted set. Read-only variant of SORT.")
            .parser(args -> parse(args, true));

    private static final CommandError NOT_DOUBLE =
            new CommandError("ERR One or more scores can't be converted into double");
    private static final byte[] EMPTY = new byte[0];

    static Command parse(Args args, boolean readOnly) {
        byte[][] argv = args.all();
        byte[] by = null;
        byte[] store = null;
        boolean noSort = false;
        boolean desc = false;
        boolean alpha = false;
        long offset = 0;
        long count = -1;
        List<byte[]> gets = new ArrayList<>();
        for (int j = 2; j < argv.length; j++) {
            int left = argv.length - j - 1;
            if (args.is(j, "asc")) {
                desc = false;
            } else if (args.is(j, "desc")) {
                desc = true;
            } else if (args.is(j, "alpha")) {
                alpha = true;
            } else if (args.is(j, "limit") && left >= 2) {
                offset = args.longAt(j + 1);
                count = args.longAt(j + 2);
                j += 2;
            } else if (!readOnly && args.is(j, "store") && left >= 1) {
                store = argv[++j];
            } else if (args.is(j, "by") && left >= 1) {
                by = argv[++j];
                // Sticky, as in Redis: "BY nosort BY w_*" still does not sort (by w_* or anything else).
                if (indexOf(by, (byte) '*', 0) < 0) noSort = true;
            } else if (args.is(j, "get") && left >= 1) {
                gets.add(argv[++j]);
            } else {
                throw CommandError.SYNTAX;
            }
        }
        // The argument array may be reused by the parser: keep copies of what outlives parse.
        return new Sort(argv[1].clone(), by == null ? null : by.clone(), noSort, offset, count,
                gets.stream().map(byte[]::clone).toArray(byte[][]::new), desc, alpha,
                store == null ? null : store.clone());
    }

    @Override
    public void execute(Context ctx) {
        Db db = ctx.db();
        long now = ctx.now();
        long a = db.get(key, now);
        byte type = a == Db.NIL ? Encoding.LIST_PACKED : db.type(a);
        boolean list = type == Encoding.LIST_PACKED || type == Encoding.LIST;
        boolean set = type == Encoding.SET_INTSET || type == Encoding.SET;
        boolean zset = type == Encoding.ZSET_PACKED || type == Encoding.ZSET;
        if (!list && !set && !zset) throw CommandError.WRONG_TYPE;

        boolean dontSort = noSort;
        byte[] sortBy = by;
        boolean sortAlpha = alpha;
        if (dontSort && set && store != null) {   // a set stored unsorted would depend on hash order: Redis sorts it
            dontSort = false;
            sortAlpha = true;
            sortBy = null;
        }

        List<byte[]> elements = a == Db.NIL ? new ArrayList<>() : elements(db, a, type);
        int n = elements.size();
        long start = Math.max(offset, 0);
        // start + count - 1 saturates: Redis's C overflows there, and the compiled result behaves as "to the end".
        long end = count < 0 ? n - 1 : count - 1 > Long.MAX_VALUE - start ? Long.MAX_VALUE : start + count - 1;
        if (start >= n) {
            start = n - 1;
            end = n - 2;
        }
        if (end >= n) end = n - 1;

        byte[][] vector;
        if (dontSort && (list || zset)) {
            // Their own order, walked from the tail for DESC, and the LIMIT window taken straight from it.
            int from = (int) start;
            int len = (int) Math.max(end - start + 1, 0);
            vector = new byte[len][];
            for (int i = 0; i < len; i++) vector[i] = elements.get(desc ? n - 1 - from - i : from + i);
            end -= start;
            start = 0;
        } else {
            vector = elements.toArray(new byte[0][]);
            if (!dontSort) sort(db, vector, sortBy, sortAlpha, now);
        }

        int window = (int) Math.max(end - start + 1, 0);
        long outputLength = gets.length > 0 ? (long) gets.length * window : window;
        if (store == null) {
            RespWriter out = ctx.reply();
            out.array((int) outputLength);
            for (long j = start; j <= end; j++) {
                byte[] element = vector[(int) j];
                if (gets.length == 0) out.bulk(element);
                for (byte[] get : gets) {
                    byte[] v = lookup(db, get, element, now);
                    if (v == null) out.nil();
                    else out.bulk(v);
                }
            }
            return;
        }
        QuickList result = new QuickList(db.limits());
        for (long j = start; j <= end; j++) {
            byte[] element = vector[(int) j];
            if (gets.length == 0) result.push(false, element, 0, element.length);
            for (byte[] get : gets) {
                byte[] v = lookup(db, get, element, now);
                if (v == null) v = EMPTY;
                result.push(false, v, 0, v.length);
            }
        }
        if (outputLength > 0) {
            db.requireKeyFits(store);
            db.delete(store, now);                       // SET semantics: any old value and its TTL are gone
            if (result.nodeCount() == 1 && result.nodeFits(0)) {
                db.putPacked(store, Encoding.LIST_PACKED, result.node(0), result.nodeLength(0), now);
            } else {
                db.putObject(store, Encoding.LIST, result, now);
            }
            ctx.notify(Notifications.LIST, "sortstore", store);
        } else if (db.delete(store, now)) {
            ctx.notify(Notifications.GENERIC, "del", store);
        }
        ctx.reply().integer(outputLength);
    }

    // ---- reading the elements ---------------------------------------------------------------------------------------

    /** Every element of the list, set or sorted set at {@code a}, copied out, in its own order. */
    private static List<byte[]> elements(Db db, long a, byte type) {
        List<byte[]> out = new ArrayList<>();
        switch (type) {
            case Encoding.LIST_PACKED, Encoding.LIST -> {
                QuickList q = type == Encoding.LIST ? (QuickList) db.object(a)
                        : new QuickList(db.limits()).wrap(db.limits(), db.value(a), db.valueLength(a));
                for (boolean on = q.seek(0); on; on = q.next()) {
                    out.add(Arrays.copyOfRange(q.nodeBytes(), q.offset(), q.offset() + q.length()));
                }
            }
            case Encoding.SET_INTSET -> {
                byte[] ints = db.value(a);
                int count = IntSet.count(ints, ints.length);
                for (int i = 0; i < count; i++) out.add(Long.toString(IntSet.get(ints, i)).getBytes());
            }
            case Encoding.SET -> {
                MemberSet s = (MemberSet) db.object(a);
                s.forEach(e -> out.add(s.member(e)));
            }
            case Encoding.ZSET_PACKED -> {
                byte[] b = db.value(a);
                int size = PackedZSet.size(b);
                int pos = Listpack.HEADER_BYTES;
                for (int i = 0; i < size; i++) {
                    out.add(Listpack.copy(b, pos));
                    pos = Listpack.next(b, Listpack.next(b, pos));
                }
            }
            default -> {
                for (SkipList.Node x = ((SkipList) db.object(a)).first(); x != null; x = x.next()) out.add(x.member());
            }
        }
        return out;
    }

    // ---- sorting --------------------------------------------------------------------------------------------------

    private void sort(Db db, byte[][] vector, byte[] sortBy, boolean sortAlpha, long now) {
        int n = vector.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) order[i] = i;
        int sign = desc ? -1 : 1;
        if (sortAlpha) {
            byte[][] keys = new byte[n][];
            for (int i = 0; i < n; i++) keys[i] = sortBy == null ? vector[i] : lookup(db, sortBy, vector[i], now);
            Arrays.sort(order, (x, y) -> {
                byte[] p = keys[x];
                byte[] q = keys[y];
                int cmp = p == null || q == null ? (p == q ? 0 : p == null ? -1 : 1) : Arrays.compareUnsigned(p, q);
                return sign * cmp;
            });
        } else {
            double[] scores = new double[n];
            boolean bad = false;
            for (int i = 0; i < n; i++) {
                byte[] v = sortBy == null ? vector[i] : lookup(db, sortBy, vector[i], now);
                if (v == null) continue;                             // a missing weight is 0
                double d = SortScores.parse(v);
                if (Double.isNaN(d)) bad = true;
                else scores[i] = d;
            }
            if (bad) throw NOT_DOUBLE;
            Arrays.sort(order, (x, y) -> {
                int cmp = scores[x] > scores[y] ? 1 : scores[x] < scores[y] ? -1
                        : Arrays.compareUnsigned(vector[x], vector[y]);  // ties by the elements: deterministic
                return sign * cmp;
            });
        }
        byte[][] sorted = new byte[n][];
        for (int i = 0; i < n; i++) sorted[i] = vector[order[i]];
        System.arraycopy(sorted, 0, vector, 0, n);
    }

    // ---- patterns -------------------------------------------------------------------------------------------------

    /**
     * Redis's {@code lookupKeyByPattern}: {@code #} is the element itself; otherwise the first {@code *} is replaced
     * by the element, and a {@code ->field} after it (with a non-empty field) reads that field of a hash instead of a
     * string. A pattern without {@code *}, a missing key, or a key of the wrong type gives null.
     */
    static byte[] lookup(Db db, byte[] pattern, byte[] element, long now) {
        if (pattern.length == 1 && pattern[0] == '#') return element;
        int star = indexOf(pattern, (byte) '*', 0);
        if (star < 0) return null;
        int arrow = -1;
        for (int i = star + 1; i + 1 < pattern.length; i++) {
            if (pattern[i] == '-' && pattern[i + 1] == '>') {
                arrow = i;
                break;
            }
        }
        if (arrow >= 0 && arrow + 2 == pattern.length) arrow = -1;   // "->" with no field name: part of the key
        int postfixEnd = arrow >= 0 ? arrow : pattern.length;
        byte[] k = new byte[star + element.length + postfixEnd - star - 1];
        System.arraycopy(pattern, 0, k, 0, star);
        System.arraycopy(element, 0, k, star, element.length);
        System.arraycopy(pattern, star + 1, k, star + element.length, postfixEnd - star - 1);
        long a = db.get(k, now);
        if (a == Db.NIL) return null;
        byte type = db.type(a);
        if (arrow < 0) return type == Encoding.STRING ? db.value(a) : null;
        byte[] field = Arrays.copyOfRange(pattern, arrow + 2, pattern.length);
        if (type == Encoding.HASH) {
            HashTable t = (HashTable) db.object(a);
            int e = t.find(field);
            if (e < 0) return null;
            byte[] entry = t.entry(e);
            return Arrays.copyOfRange(entry, t.fieldLength(e), t.fieldLength(e) + t.valueLength(e));
        }
        if (type != Encoding.HASH_PACKED) return null;
        byte[] b = db.value(a);
        int entries = Listpack.count(b);
        int pos = Listpack.HEADER_BYTES;
        for (int i = 0; i < entries; i += 2) {
            int valuePos = Listpack.next(b, pos);
            if (Listpack.equalsAt(b, pos, field, 0, field.length)) return Listpack.copy(b, valuePos);
            pos = Listpack.next(b, valuePos);
        }
        return null;
    }

    private static int indexOf(byte[] b, byte c, int from) {
        for (int i = from; i < b.length; i++) if (b[i] == c) return i;
        return -1;
    }
}
