package dev.miniredis.db.types;

import java.util.Arrays;

/**
 * A small sorted set packed in a {@link Listpack}: member, score, member, score ... in (score, member) order. A score
 * is an integer when it is one (below 2^53 in size) in as few bytes as it needs, little-endian two's complement, 1 to
 * 7; any other score is the 8 bytes of the double. The entry's length tells which. Redis's listpack does the same
 * (it stores the score as text, and text that is an integer as a small int), so the common leaderboard of integer
 * points costs two bytes a score, not nine, and a 10-member set of short names is a hundred-odd bytes in the record,
 * with no object at all.
 * <pre>
 *   | count=6 | 5 alice | 1 [7] | 3 bob | 8 [2.5 as a double] | 5 carol | 2 [1000] |
 * </pre>
 * Everything is a linear walk: a sorted set stays packed only while it is small ({@code zset-max-listpack-entries},
 * 128 members), and a walk over a few kilobytes in one array is fast. Ranks are positions in the walk.
 *
 * <p>Negative zero is stored as zero (it is an integer): Redis's listpack turns {@code -0} into the integer 0 just
 * the same, so a packed set never answers {@code -0} while a skip list does. We match it.
 */
public final class PackedZSet {
    private PackedZSet() {
    }

    /** The most bytes a score entry takes in the pack: a one-byte length and the eight bytes of a double. */
    public static final int SCORE_ENTRY_BYTES = 9;

    /**
     * Elements held.
     *
     * @param b the pack
     * @return members (half the entries)
     */
    public static int size(byte[] b) {
        return Listpack.count(b) / 2;
    }

    /**
     * The score stored in the entry at {@code pos}.
     *
     * @param b the pack
     * @param pos a score entry's position
     * @return the score
     */
    public static double score(byte[] b, int pos) {
        int n = b[pos]; // 1 to 7: an integer; 8: a double (the length is one varint byte)
        int d = pos + 1;
        long bits = b[d + n - 1]; // the top byte, sign-extended
        for (int i = n - 2; i >= 0; i--) bits = bits << 8 | (b[d + i] & 0xff);
        return n == 8 ? Double.longBitsToDouble(bits) : bits;
    }

    // The bytes a score's value takes: the fewest that hold it as a signed integer, or 8 for the double.
    private static int scoreBytes(double score) {
        if (score != Math.rint(score) || Math.abs(score) >= 0x1p53) return 8;
        long v = (long) score;
        int n = 1;
        while (n < 7 && (v >> (8 * n - 1)) != 0 && (v >> (8 * n - 1)) != -1) n++;
        return n;
    }

    /**
     * The position of {@code member}'s entry (its score follows it), walking from the start.
     *
     * @param b the pack
     * @param length the pack's length
     * @param member the member's bytes
     * @return its position, or -1
     */
    public static int find(byte[] b, int length, byte[] member) {
        for (int pos = Listpack.HEADER_BYTES; pos < length; pos = Listpack.next(b, Listpack.next(b, pos))) {
            if (Listpack.equalsAt(b, pos, member, 0, member.length)) return pos;
        }
        return -1;
    }

    /**
     * Inserts a member (not present) where its (score, member) belongs. The array needs room for
     * {@link #addedBytes} more.
     *
     * @param b the pack
     * @param length the pack's length
     * @param member the member's bytes
     * @param score its score
     * @return the pack's new length
     */
    public static int insert(byte[] b, int length, byte[] member, double score) {
        score += 0.0; // -0 + 0 is +0: see the class comment
        int pos = Listpack.HEADER_BYTES;
        while (pos < length) {
            int scorePos = Listpack.next(b, pos);
            double s = score(b, scorePos);
            if (s > score || s == score && Listpack.compareAt(b, pos, member) > 0) break;
            pos = Listpack.next(b, scorePos);
        }
        return insertAt(b, length, pos, member, score);
    }

    /**
     * Appends a member known to sort after every other one (when copying an ordered source, as conversions and
     * *STORE commands do). The array needs room for {@link #addedBytes} more.
     *
     * @param b the pack
     * @param length the pack's length
     * @param member holds the member's bytes
     * @param off where they start
     * @param len how many
     * @param score its score
     * @return the pack's new length
     */
    public static int append(byte[] b, int length, byte[] member, int off, int len, double score) {
        length = Listpack.insert(b, length, length, member, off, len);
        length = putScore(b, length, length, score + 0.0);
        Listpack.setCount(b, Listpack.count(b) + 2);
        return length;
    }

    private static int insertAt(byte[] b, int length, int pos, byte[] member, double score) {
        length = Listpack.insert(b, length, pos, member, 0, member.length);
        length = putScore(b, length, Listpack.next(b, pos), score);
        Listpack.setCount(b, Listpack.count(b) + 2);
        return length;
    }

    private static int putScore(byte[] b, int length, int pos, double score) {
        int n = scoreBytes(score);
        System.arraycopy(b, pos, b, pos + 1 + n, length - pos);
        b[pos] = (byte) n;
        long bits = n == 8 ? Double.doubleToRawLongBits(score) : (long) score;
        for (int i = 1; i <= n; i++, bits >>>= 8) b[pos + i] = (byte) bits;
        return length + 1 + n;
    }

    /**
     * The most bytes inserting a member of {@code memberLength} bytes adds.
     *
     * @param memberLength the member's length
     * @return bytes to have free in the array
     */
    public static int addedBytes(int memberLength) {
        return Listpack.entryBytes(memberLength) + SCORE_ENTRY_BYTES;
    }

    /**
     * Removes the member at {@code pos} and its score.
     *
     * @param b the pack
     * @param length the pack's length
     * @param pos a member entry's position
     * @return the pack's new length
     */
    public static int remove(byte[] b, int length, int pos) {
        return removeRanks(b, length, pos, 1);
    }

    /**
     * Removes {@code n} members from the member entry at {@code pos} on.
     *
     * @param b the pack
     * @param length the pack's length
     * @param pos a member entry's position
     * @param n how many members
     * @return the pack's new length
     */
    public static int removeRanks(byte[] b, int length, int pos, int n) {
        Listpack.setCount(b, Listpack.count(b) - 2 * n);
        return Listpack.delete(b, length, pos, 2 * n);
    }

    /**
     * The position of the member of 0-based rank {@code r} (or the pack's end for {@code r == size}).
     *
     * @param b the pack
     * @param r the rank
     * @return its member entry's position
     */
    public static int seek(byte[] b, int r) {
        return Listpack.seek(b, 2 * r);
    }

    /**
     * The 0-based rank of the member entry at {@code pos}.
     *
     * @param b the pack
     * @param pos a member entry's position
     * @return its rank
     */
    public static int rank(byte[] b, int pos) {
        int r = 0;
        for (int p = Listpack.HEADER_BYTES; p < pos; p = Listpack.next(b, Listpack.next(b, p))) r++;
        return r;
    }

    /**
     * How many members have a score below {@code bound} ({@code orEqual}: at most): where a score range starts or ends.
     *
     * @param b the pack
     * @param length the pack's length
     * @param bound the score
     * @param orEqual whether equal scores count too
     * @return the count
     */
    public static int countScoreBelow(byte[] b, int length, double bound, boolean orEqual) {
        int r = 0;
        for (int pos = Listpack.HEADER_BYTES; pos < length; r++) {
            int scorePos = Listpack.next(b, pos);
            double s = score(b, scorePos);
            if (!(s < bound || orEqual && s == bound)) break;
            pos = Listpack.next(b, scorePos);
        }
        return r;
    }

    /**
     * How many members from rank {@code from} on, in a row, have a member below {@code bound} ({@code orEqual}: at
     * most). From rank 0 it is where a lex range starts; from the range's start, how long it runs. (With equal scores,
     * as ZRANGEBYLEX requires, that is a plain count; with mixed scores it is the walk Redis's listpack code does.)
     *
     * @param b the pack
     * @param length the pack's length
     * @param from the first rank looked at
     * @param bound the member bytes
     * @param orEqual whether an equal member counts too
     * @return how many in a row, from {@code from}
     */
    public static int countMemberBelow(byte[] b, int length, int from, byte[] bound, boolean orEqual) {
        int r = 0;
        for (int pos = seek(b, from); pos < length; r++) {
            int c = Listpack.compareAt(b, pos, bound);
            if (c > 0 || c == 0 && !orEqual) break;
            pos = Listpack.next(b, Listpack.next(b, pos));
        }
        return r;
    }

    /**
     * Whether two member entries hold the same bytes (for tests and merges).
     *
     * @param b the pack
     * @param pos a member entry's position
     * @param member the bytes to compare with
     * @return true if equal
     */
    public static boolean memberEquals(byte[] b, int pos, byte[] member) {
        int d = Listpack.data(b, pos);
        return Arrays.equals(b, d, d + Listpack.length(b, pos), member, 0, member.length);
    }
}
