package dev.miniredis.command.zset;

import dev.miniredis.command.CommandError;
import dev.miniredis.command.CommandSpec;
import dev.miniredis.command.Context;
import dev.miniredis.command.Flag;
import dev.miniredis.command.Category;
import dev.miniredis.db.Db;
import dev.miniredis.db.Encoding;
import dev.miniredis.db.EncodingLimits;
import dev.miniredis.db.types.Listpack;
import dev.miniredis.db.types.PackedZSet;
import dev.miniredis.db.types.SkipList;
import dev.miniredis.protocol.RespWriter;
import dev.miniredis.pubsub.Notifications;

/**
 * What the sorted-set commands share: the type check, the two encodings behind one set of questions, replies, and
 * the conversion from packed to skip list.
 *
 * <h2>Every range is a range of ranks</h2>
 * ZRANGE by index, by score or by member, ZCOUNT, ZLEXCOUNT, ZREMRANGEBY* and their REV and LIMIT variants all come
 * down to one question, "which ranks {@code [from, to)}": a score range starts at the number of elements below its
 * minimum and ends at the number at or below its maximum ({@link SkipList#countScoreBelow}, O(log n) with spans;
 * {@link PackedZSet#countScoreBelow}, a walk). ZCOUNT is {@code to - from}; LIMIT and REV are arithmetic on ranks; and
 * one method replies with the elements of a rank range, forwards or backwards, from either encoding.
 *
 * <p>Scratch slot 0 holds the packed set a command reads or edits; slot 2 the pack being built for a destination;
 * slot 3 a pack's count header alone (ZCARD).
 */
final class ZSets {
    private ZSets() {
    }

    /** Scratch slot for the key a command reads or changes. */
    static final int SLOT = 0;
    /** Scratch slot for building a destination's pack. */
    static final int BUILD_SLOT = 2;

    /**
     * The spec every sorted-set command starts from.
     *
     * @param name the command
     * @param arity Redis's arity
     * @param flags its flags
     * @return the spec, with the sorted-set group and category
     */
    static CommandSpec spec(String name, int arity, Flag... flags) {
        return CommandSpec.of(name, arity, flags).categories(Category.SORTEDSET).group("sorted-set");
    }

    /**
     * Whether {@code a} is a sorted set: WRONGTYPE for any other type, false for {@link Db#NIL}.
     *
     * @param db the keyspace
     * @param a an address from a lookup
     * @return true if a live sorted set
     */
    static boolean exists(Db db, long a) {
        if (a == Db.NIL) return false;
        byte t = db.type(a);
        if (t != Encoding.ZSET_PACKED && t != Encoding.ZSET) throw CommandError.WRONG_TYPE;
        return true;
    }

    /** True if the sorted set at {@code a} is packed in its record. */
    static boolean packed(Db db, long a) {
        return db.type(a) == Encoding.ZSET_PACKED;
    }

    /** The skip list of a sorted set that is not packed. */
    static SkipList skipList(Db db, long a) {
        return (SkipList) db.object(a);
    }

    /** Scratch slot for reading a pack's count alone. */
    static final int COUNT_SLOT = 3;

    /** Elements of the sorted set at {@code a}: a pack's count is in its first four bytes, so only those are copied. */
    static int card(Db db, long a) {
        if (!packed(db, a)) return skipList(db, a).size();
        byte[] header = db.scratch(COUNT_SLOT, Listpack.HEADER_BYTES);
        db.copyValue(a, header, 0, Listpack.HEADER_BYTES);
        return PackedZSet.size(header);
    }

    // ---- ranges -------------------------------------------------------------------------------------------------

    /** A score range: {@code [min, max]}, either end exclusive with {@code (}. */
    record ScoreRange(double min, boolean minExclusive, double max, boolean maxExclusive) {
        /** Parses Redis's {@code min max} arguments ({@code zslParseRange}). */
        static ScoreRange parse(byte[] min, byte[] max) {
            boolean minEx = min.length > 0 && min[0] == '(';
            boolean maxEx = max.length > 0 && max[0] == '(';
            return new ScoreRange(Scores.bound(min, minEx ? 1 : 0), minEx, Scores.bound(max, maxEx ? 1 : 0), maxEx);
        }
    }

    /** The error for a bad lex range item. */
    static final CommandError NOT_A_LEX_RANGE = new CommandError("ERR min or max not valid string range item");

    /**
     * A member range: each end is {@code -} (before everything), {@code +} (after everything), or {@code [x} /
     * {@code (x} (x included or not); {@code minKind}/{@code maxKind} are {@code '-'}, {@code '+'}, {@code '['} or
     * {@code '('}.
     */
    record LexRange(byte minKind, byte[] min, byte maxKind, byte[] max) {
        /** Parses Redis's {@code min max} arguments ({@code zslParseLexRange}). */
        static LexRange parse(byte[] min, byte[] max) {
            return new LexRange(kind(min), rest(min), kind(max), rest(max));
        }

        private static byte kind(byte[] b) {
            if (b.length == 0) throw NOT_A_LEX_RANGE;
            if ((b[0] == '+' || b[0] == '-') && b.length == 1) return b[0];
            if (b[0] == '[' || b[0] == '(') return b[0];
            throw NOT_A_LEX_RANGE;
        }

        private static byte[] rest(byte[] b) {
            return b[0] == '[' || b[0] == '(' ? java.util.Arrays.copyOfRange(b, 1, b.length) : null;
        }
    }

    /** The ranks {@code [from, to)} of a score range, packed in a long as {@code from << 32 | to}. */
    static long ranks(Db db, long a, ScoreRange r) {
        int from;
        int to;
        if (packed(db, a)) {
            byte[] b = db.readPacked(a, SLOT);
            int length = db.valueLength(a);
            from = PackedZSet.countScoreBelow(b, length, r.min(), r.minExclusive());
            to = PackedZSet.countScoreBelow(b, length, r.max(), !r.maxExclusive());
        } else {
            SkipList z = skipList(db, a);
            from = z.countScoreBelow(r.min(), r.minExclusive());
            to = z.countScoreBelow(r.max(), !r.maxExclusive());
        }
        return (long) from << 32 | Math.max(from, to);
    }

    /** The ranks {@code [from, to)} of a member range, packed as in {@link #ranks(Db, long, ScoreRange)}. */
    static long ranks(Db db, long a, LexRange r) {
        boolean isPacked = packed(db, a);
        byte[] b = isPacked ? db.readPacked(a, SLOT) : null;
        int length = isPacked ? db.valueLength(a) : 0;
        SkipList z = isPacked ? null : skipList(db, a);
        int size = isPacked ? PackedZSet.size(b) : z.size();
        if (size == 0 || !overlaps(r, isPacked ? Listpack.copy(b, Listpack.HEADER_BYTES) : z.first().member(),
                isPacked ? Listpack.copy(b, PackedZSet.seek(b, size - 1)) : z.last().member())) {
            return 0;
        }
        int from = switch (r.minKind()) {
            case '-' -> 0;
            case '+' -> size;
            default -> isPacked ? PackedZSet.countMemberBelow(b, length, 0, r.min(), r.minKind() == '(')
                    : z.countMemberBelow(r.min(), r.minKind() == '(');
        };
        int to = switch (r.maxKind()) {
            case '-' -> 0;
            case '+' -> size;
            default -> isPacked ? from + PackedZSet.countMemberBelow(b, length, from, r.max(), r.maxKind() == '[')
                    : z.countMemberBelow(r.max(), r.maxKind() == '[');
        };
        return (long) from << 32 | Math.max(from, to);
    }

    /**
     * Redis's {@code zslIsInLexRange}: an empty range (min after max), or one that misses the set's first and last
     * members, selects nothing. With equal scores this only saves work; with mixed scores (undefined for lex ranges) it
     * is part of what Redis answers, so we ask it too.
     */
    private static boolean overlaps(LexRange r, byte[] first, byte[] last) {
        int minRank = r.minKind() == '-' ? 0 : r.minKind() == '+' ? 2 : 1;
        int maxRank = r.maxKind() == '-' ? 0 : r.maxKind() == '+' ? 2 : 1;
        int c = minRank != maxRank || minRank != 1 ? Integer.compare(minRank, maxRank)
                : java.util.Arrays.compareUnsigned(r.min(), r.max());
        if (c > 0 || c == 0 && (r.minKind() == '(' || r.maxKind() == '(')) return false;
        return afterMin(r, last) && beforeMax(r, first);
    }

    private static boolean afterMin(LexRange r, byte[] m) {
        if (r.minKind() == '-') return true;
        if (r.minKind() == '+') return false;
        int c = java.util.Arrays.compareUnsigned(m, r.min());
        return r.minKind() == '(' ? c > 0 : c >= 0;
    }

    private static boolean beforeMax(LexRange r, byte[] m) {
        if (r.maxKind() == '+') return true;
        if (r.maxKind() == '-') return false;
        int c = java.util.Arrays.compareUnsigned(m, r.max());
        return r.maxKind() == '(' ? c < 0 : c <= 0;
    }

    static int from(long ranks) {
        return (int) (ranks >>> 32);
    }

    static int to(long ranks) {
        return (int) ranks;
    }

    // ---- replies ------------------------------------------------------------------------------------------------

    /**
     * Replies with the elements of ranks {@code [from, to)}, ascending or ({@code reverse}) descending: members, or
     * with scores as a flat array in RESP2 and an array of [member, score] pairs in RESP3, as Redis 7.0 does.
     */
    static void replyRanks(RespWriter out, Db db, long a, int from, int to, boolean reverse, boolean withScores) {
        int n = to - from;
        boolean pairs = withScores && out.protocol() == 3;
        if (withScores && !pairs) out.array(2 * n);
        else out.array(n);
        if (n == 0) return;
        if (packed(db, a)) {
            byte[] b = db.readPacked(a, SLOT);
            if (!reverse) {
                int pos = PackedZSet.seek(b, from);
                for (int i = 0; i < n; i++) pos = element(out, b, pos, pairs, withScores);
            } else {
                // The pack walks forwards only: note where each element starts, then reply from the end.
                int[] positions = new int[n];
                int pos = PackedZSet.seek(b, from);
                for (int i = 0; i < n; i++) {
                    positions[i] = pos;
                    pos = Listpack.next(b, Listpack.next(b, pos));
                }
                for (int i = n - 1; i >= 0; i--) element(out, b, positions[i], pairs, withScores);
            }
        } else {
            SkipList z = skipList(db, a);
            SkipList.Node x = z.byRank(reverse ? to - 1 : from); // O(log n) to the first, then one step each
            for (int i = 0; i < n; i++, x = reverse ? x.previous() : x.next()) element(out, x, pairs, withScores);
        }
    }

    /** One packed element of a reply ({@code pair}: as a two-element array); returns the next member's position. */
    static int element(RespWriter out, byte[] b, int pos, boolean pair, boolean withScores) {
        int scorePos = Listpack.next(b, pos);
        if (pair) out.array(2);
        out.bulk(b, Listpack.data(b, pos), Listpack.length(b, pos));
        if (withScores) out.doubleValue(PackedZSet.score(b, scorePos));
        return Listpack.next(b, scorePos);
    }

    /** One skip-list element of a reply ({@code pair}: as a two-element array). */
    static void element(RespWriter out, SkipList.Node x, boolean pair, boolean withScores) {
        if (pair) out.array(2);
        out.bulk(x.member());
        if (withScores) out.doubleValue(x.score());
    }

    /**
     * The elements of ranks {@code [from, to)} copied into a new skip list for ZRANGESTORE, in the order Redis adds
     * them to its destination ({@code reverse}: from the top). Redis starts that destination as a listpack and adds one
     * element at a time, converting when one more would pass the limits; the elements added while it was a listpack
     * lost the sign of a zero score (see {@link PackedZSet}). So do they here, and {@link #store} then packs the result
     * exactly when Redis's never converted. A range by rank knows its length first, and Redis starts a skip list at
     * once if it is over the limit ({@code zrangeResultBeginStore}); {@code knownLength} says so.
     */
    static SkipList collect(Db db, long a, int from, int to, boolean reverse, boolean knownLength) {
        SkipList z = new SkipList();
        EncodingLimits limits = db.limits();
        int n = to - from;
        boolean stillPacked = !knownLength || n <= limits.zsetMaxListpackEntries;
        if (packed(db, a)) {
            byte[] b = db.readPacked(a, SLOT);
            int[] positions = new int[n];
            int pos = PackedZSet.seek(b, from);
            for (int i = 0; i < n; i++) {
                positions[i] = pos;
                pos = Listpack.next(b, Listpack.next(b, pos));
            }
            for (int i = 0; i < n; i++) {
                int p = positions[reverse ? n - 1 - i : i];
                byte[] member = Listpack.copy(b, p);
                stillPacked = stillPacked && fitsPacked(limits, i + 1, member.length);
                double score = PackedZSet.score(b, Listpack.next(b, p)); // never -0 in a pack
                z.insert(member, score);
            }
        } else {
            SkipList.Node x = n > 0 ? skipList(db, a).byRank(reverse ? to - 1 : from) : null;
            for (int i = 0; i < n; i++, x = reverse ? x.previous() : x.next()) {
                stillPacked = stillPacked && fitsPacked(limits, i + 1, x.member().length);
                z.insert(x.member(), stillPacked ? x.score() + 0.0 : x.score());
            }
        }
        return z;
    }

    // ---- writes -------------------------------------------------------------------------------------------------

    /**
     * Converts a pack to a skip list: the elements arrive in order, each inserted (members copied out of the pack).
     */
    static SkipList toSkipList(byte[] b, int length) {
        SkipList z = new SkipList();
        for (int pos = Listpack.HEADER_BYTES; pos < length; ) {
            int scorePos = Listpack.next(b, pos);
            z.insert(Listpack.copy(b, pos), PackedZSet.score(b, scorePos));
            pos = Listpack.next(b, scorePos);
        }
        return z;
    }

    /**
     * Replies with what {@link #store} returned and publishes what it did, as Redis's *STORE commands: their own
     * event when a result was stored, {@code "del"} when an empty result deleted the destination, else nothing.
     *
     * @param stored what {@link #store} returned
     */
    static void storedReply(Context ctx, int stored, String event, byte[] dst) {
        ctx.reply().integer(Math.max(0, stored));
        if (stored > 0) ctx.notify(Notifications.ZSET, event, dst);
        else if (stored == 0) ctx.notify(Notifications.GENERIC, "del", dst);
    }

    /** Whether a set of {@code size} elements, the longest {@code maxLength} bytes, may stay packed. */
    static boolean fitsPacked(EncodingLimits limits, long size, long maxLength) {
        return size <= limits.zsetMaxListpackEntries && maxLength <= limits.zsetMaxListpackValue;
    }

    /**
     * Stores a sorted set built as a skip list at {@code key} (overwriting whatever was there, and deleting the key if
     * the set is empty), packed if it is small enough, as Redis's {@code zsetConvertToListpackIfNeeded} decides for
     * ZUNIONSTORE and friends.
     *
     * @return the number of elements stored, or -1 if the set was empty and there was no key to delete
     */
    static int store(Db db, byte[] key, SkipList z, long now) {
        int size = z.size();
        if (size == 0) return db.delete(key, now) ? 0 : -1;
        int maxLength = 0;
        for (SkipList.Node x = z.first(); x != null; x = x.next()) maxLength = Math.max(maxLength, x.member().length);
        if (fitsPacked(db.limits(), size, maxLength)) {
            byte[] b = db.scratch(BUILD_SLOT, Listpack.HEADER_BYTES);
            int length = Listpack.init(b);
            for (SkipList.Node x = z.first(); x != null; x = x.next()) {
                b = db.scratch(BUILD_SLOT, length + PackedZSet.addedBytes(x.member().length));
                length = PackedZSet.append(b, length, x.member(), 0, x.member().length, x.score());
            }
            putNew(db, key, Encoding.ZSET_PACKED, b, length, null, now);
        } else {
            putNew(db, key, Encoding.ZSET, null, 0, z, now);
        }
        return size;
    }

    /**
     * Writes a destination: the *STORE commands replace the key, deadline included (Redis's {@code setKey}), where a
     * change to a collection keeps it.
     */
    static void putNew(Db db, byte[] key, byte encoding, byte[] b, int length, SkipList z, long now) {
        // Overwrite, then drop the deadline: deleting first would make an existing key look new ("new" published).
        long a = z != null ? db.putObject(key, encoding, z, now) : db.putPacked(key, encoding, b, length, now);
        db.setDeadline(a, Db.PERSISTENT);
    }
}
