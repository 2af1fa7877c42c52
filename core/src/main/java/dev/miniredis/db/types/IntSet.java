package dev.miniredis.db.types;

/**
 * The packed form of a small set of integers, Redis's {@code intset}: sorted integers, all of one width, so that a
 * member is found by binary search and a set of ten small numbers takes 21 bytes.
 *
 * <pre>
 *   [w][ v0 (w bytes) ][ v1 ][ v2 ] ...       w = 2, 4 or 8; v0 &lt; v1 &lt; v2 ..., little-endian, two's complement
 * </pre>
 *
 * <b>Width.</b> One byte of header says how wide every value is: 2 bytes while all members fit a {@code short}, 4 for an
 * {@code int}, 8 for a {@code long}. Adding a member that does not fit <em>upgrades</em> the whole set to the wider width
 * (Redis's {@code intsetUpgradeAndAdd}): every value is rewritten, from the last to the first so that no value is
 * overwritten before it moved. The set never narrows again, as in Redis. Redis keeps the width and the count in an
 * 8-byte header; the record already knows its length, so here the count is {@code (length - 1) / width} and the header
 * is one byte.
 *
 * <p>Like {@link Listpack}, these are static methods over a {@code byte[]} the caller owns (a scratch array the store
 * copied the record into), with the length passed in and the new length returned: no object per set. A caller that
 * adds must first make room for {@link #capacityForAdd} bytes.
 *
 * <p>Which members are integers is decided by Redis's {@code string2ll} rules ({@link #isInteger}): {@code "12"} is,
 * {@code "012"}, {@code "+12"}, {@code "-0"} and {@code " 12"} are not, since the set must give back the very bytes it
 * was given and an integer is given back as its canonical decimal form.
 */
public final class IntSet {
    private IntSet() {
    }

    /** Bytes before the first value: the width. */
    public static final int HEADER_BYTES = 1;

    /**
     * Makes {@code b} an empty intset of the narrowest width.
     *
     * @param b at least {@link #HEADER_BYTES} long
     * @return the length of the empty set
     */
    public static int init(byte[] b) {
        b[0] = 2;
        return HEADER_BYTES;
    }

    /**
     * The width of every value.
     *
     * @param b an intset
     * @return 2, 4 or 8
     */
    public static int width(byte[] b) {
        return b[0];
    }

    /**
     * Members held.
     *
     * @param b an intset
     * @param length its length in bytes
     * @return the number of integers
     */
    public static int count(byte[] b, int length) {
        return (length - HEADER_BYTES) / b[0];
    }

    /**
     * The member at sorted position {@code i}.
     *
     * @param b an intset
     * @param i from 0 to {@code count - 1}
     * @return the integer
     */
    public static long get(byte[] b, int i) {
        int w = b[0];
        return read(b, HEADER_BYTES + i * w, w);
    }

    /**
     * The width a value needs: Redis's {@code _intsetValueEncoding}.
     *
     * @param value any long
     * @return 2, 4 or 8
     */
    public static int widthFor(long value) {
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) return 8;
        if (value < Short.MIN_VALUE || value > Short.MAX_VALUE) return 4;
        return 2;
    }

    /**
     * Binary search, as {@link java.util.Arrays#binarySearch(long[], long)} answers.
     *
     * @param b an intset
     * @param length its length
     * @param value the integer looked for
     * @return its position, or {@code -(insertion point) - 1}
     */
    public static int indexOf(byte[] b, int length, long value) {
        int w = b[0];
        // A value wider than the set's width cannot be in it: Redis answers from the header alone.
        if (widthFor(value) > w) return value < 0 ? -1 : -count(b, length) - 1;
        int lo = 0;
        int hi = count(b, length) - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            long v = read(b, HEADER_BYTES + mid * w, w);
            if (v < value) lo = mid + 1;
            else if (v > value) hi = mid - 1;
            else return mid;
        }
        return -lo - 1;
    }

    /**
     * Whether {@code value} is a member.
     *
     * @param b an intset
     * @param length its length
     * @param value the integer
     * @return true if present
     */
    public static boolean contains(byte[] b, int length, long value) {
        return indexOf(b, length, value) >= 0;
    }

    /**
     * The room {@link #add} may need: one more value at the widest width.
     *
     * @param b an intset
     * @param length its length
     * @return bytes the array must hold before an add
     */
    public static int capacityForAdd(byte[] b, int length) {
        return HEADER_BYTES + (count(b, length) + 1) * 8;
    }

    /**
     * Adds {@code value} if absent, upgrading the width if it needs a wider one.
     *
     * @param b an intset, at least {@link #capacityForAdd} long
     * @param length its length
     * @param value the integer to add
     * @return the new length; equal to {@code length} if the value was already there
     */
    public static int add(byte[] b, int length, long value) {
        int w = b[0];
        int n = count(b, length);
        int need = widthFor(value);
        if (need > w) {
            // Upgrade: the new value is below or above every member (it does not fit the old width), so it goes first
            // or last; move every value to its wider slot, last first, so nothing is overwritten before it moved.
            boolean first = value < 0;
            int shift = first ? 1 : 0;
            for (int i = n - 1; i >= 0; i--) {
                write(b, HEADER_BYTES + (i + shift) * need, need, read(b, HEADER_BYTES + i * w, w));
            }
            b[0] = (byte) need;
            write(b, HEADER_BYTES + (first ? 0 : n) * need, need, value);
            return HEADER_BYTES + (n + 1) * need;
        }
        int at = indexOf(b, length, value);
        if (at >= 0) return length;
        at = -at - 1;
        int from = HEADER_BYTES + at * w;
        System.arraycopy(b, from, b, from + w, length - from);
        write(b, from, w, value);
        return length + w;
    }

    /**
     * Removes the member at position {@code i}. The width stays, as in Redis.
     *
     * @param b an intset
     * @param length its length
     * @param i the position, from {@link #indexOf}
     * @return the new length
     */
    public static int removeAt(byte[] b, int length, int i) {
        int w = b[0];
        int from = HEADER_BYTES + (i + 1) * w;
        System.arraycopy(b, from, b, from - w, length - from);
        return length - w;
    }

    /**
     * Whether {@code s[off .. off + len)} is an integer by Redis's {@code string2ll} rules: an optional {@code -}, then
     * {@code 0} alone or digits not starting with {@code 0}, in the range of a long. Never throws: most members of most
     * sets are not integers, and this is asked on every SADD.
     *
     * @param s holds the bytes
     * @param off where they start
     * @param len how many
     * @return true if {@link #parse} will accept them
     */
    public static boolean isInteger(byte[] s, int off, int len) {
        if (len == 0 || len > 20) return false;
        if (len == 1 && s[off] == '0') return true;
        int i = off;
        int end = off + len;
        boolean negative = s[i] == '-';
        if (negative && ++i == end) return false;
        if (s[i] < '1' || s[i] > '9') return false;
        long value = 0; // accumulated negative, whose range is one larger
        for (; i < end; i++) {
            int digit = s[i] - '0';
            if (digit < 0 || digit > 9) return false;
            if (value < (Long.MIN_VALUE + digit) / 10) return false;
            value = value * 10 - digit;
        }
        return negative || value != Long.MIN_VALUE;
    }

    /**
     * {@link #isInteger} over a whole array.
     *
     * @param s the bytes
     * @return true if they are an integer by {@code string2ll}'s rules
     */
    public static boolean isInteger(byte[] s) {
        return isInteger(s, 0, s.length);
    }

    /**
     * The value of bytes that {@link #isInteger} accepted.
     *
     * @param s the bytes, an integer by {@code string2ll}'s rules
     * @return the value
     */
    public static long parse(byte[] s) {
        if (s.length == 1 && s[0] == '0') return 0;
        boolean negative = s[0] == '-';
        long value = 0;
        for (int i = negative ? 1 : 0; i < s.length; i++) value = value * 10 - (s[i] - '0');
        return negative ? value : -value;
    }

    private static long read(byte[] b, int at, int w) {
        return switch (w) {
            case 2 -> (short) (b[at] & 0xff | b[at + 1] << 8);
            case 4 -> b[at] & 0xff | (b[at + 1] & 0xff) << 8 | (b[at + 2] & 0xff) << 16 | b[at + 3] << 24;
            default -> {
                long v = 0;
                for (int k = 7; k >= 0; k--) v = v << 8 | (b[at + k] & 0xff);
                yield v;
            }
        };
    }

    private static void write(byte[] b, int at, int w, long v) {
        for (int k = 0; k < w; k++) {
            b[at + k] = (byte) v;
            v >>= 8;
        }
    }
}
