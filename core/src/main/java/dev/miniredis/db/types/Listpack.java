package dev.miniredis.db.types;

import java.util.Arrays;

/**
 * The packed form of a small collection: a count, then entries, each a varint length and that many bytes. It is
 * Redis's listpack idea with the details cut down to what a lesson needs (Redis also packs small integers into one
 * byte and stores each entry's length again at its end, so it can walk backwards; we walk forwards only, and a small
 * collection is short enough for that).
 *
 * <pre>
 *   0          4                                                          length
 *   +----------+---------+---------+---------+---------+- - - - - - - - -+
 *   |  count   | len | a | len | b | len | c | ...                        |
 *   | 4 bytes  | varint, bytes                                             |
 *   +----------+---------+---------+---------+---------+- - - - - - - - -+
 *               ^ HEADER_BYTES: the first entry's position
 * </pre>
 * A hash packs field, value, field, value; a sorted set member, score (8 bytes of a double), in score order; a list
 * its elements. The bytes live in the record off the heap; a command copies them into a scratch array
 * ({@code Db.readPacked}), reads or edits them there with these static methods, and writes them back
 * ({@code Db.putPacked}). Every method works on {@code (byte[] b, int length)}: the array is usually longer than the
 * packed bytes. Methods that grow the bytes need the caller to have made room (see {@link #entryBytes}).
 *
 * <p>Positions are offsets of an entry's length varint; {@link #next} steps over one entry.
 */
public final class Listpack {
    private Listpack() {
    }

    /** The count's bytes before the first entry. */
    public static final int HEADER_BYTES = 4;

    /**
     * Starts an empty pack.
     *
     * @param b at least {@link #HEADER_BYTES} long
     * @return the pack's length, {@link #HEADER_BYTES}
     */
    public static int init(byte[] b) {
        setCount(b, 0);
        return HEADER_BYTES;
    }

    /**
     * The number of entries.
     *
     * @param b the pack
     * @return entries (a hash of n fields has 2n)
     */
    public static int count(byte[] b) {
        return (b[0] & 0xff) | (b[1] & 0xff) << 8 | (b[2] & 0xff) << 16 | (b[3] & 0xff) << 24;
    }

    /**
     * Sets the number of entries; the editing methods below do not, since a hash adds two entries per field.
     *
     * @param b the pack
     * @param count the new count
     */
    public static void setCount(byte[] b, int count) {
        b[0] = (byte) count;
        b[1] = (byte) (count >>> 8);
        b[2] = (byte) (count >>> 16);
        b[3] = (byte) (count >>> 24);
    }

    /**
     * The bytes an entry of {@code len} bytes takes: its varint and its bytes.
     *
     * @param len the entry's length
     * @return bytes in the pack
     */
    public static int entryBytes(int len) {
        return varintBytes(len) + len;
    }

    /**
     * The length of the entry at {@code pos}.
     *
     * @param b the pack
     * @param pos an entry's position
     * @return its length in bytes
     */
    public static int length(byte[] b, int pos) {
        int v = 0;
        for (int shift = 0; ; shift += 7) {
            int x = b[pos++];
            v |= (x & 0x7f) << shift;
            if (x >= 0) return v;
        }
    }

    /**
     * Where the bytes of the entry at {@code pos} start.
     *
     * @param b the pack
     * @param pos an entry's position
     * @return the index of its first byte
     */
    public static int data(byte[] b, int pos) {
        while (b[pos] < 0) pos++;
        return pos + 1;
    }

    /**
     * The position after the entry at {@code pos}.
     *
     * @param b the pack
     * @param pos an entry's position
     * @return the next entry's position (or the pack's length after the last)
     */
    public static int next(byte[] b, int pos) {
        int len = length(b, pos);
        return data(b, pos) + len;
    }

    /**
     * The position of entry number {@code index}, walking from the first.
     *
     * @param b the pack
     * @param index 0 to {@link #count} (the count gives the end)
     * @return its position
     */
    public static int seek(byte[] b, int index) {
        int pos = HEADER_BYTES;
        for (int i = 0; i < index; i++) pos = next(b, pos);
        return pos;
    }

    /**
     * Whether the entry at {@code pos} holds exactly {@code key[off .. off + len)}.
     *
     * @param b the pack
     * @param pos an entry's position
     * @param key the bytes to compare with
     * @param off where they start
     * @param len how many
     * @return true if equal
     */
    public static boolean equalsAt(byte[] b, int pos, byte[] key, int off, int len) {
        if (length(b, pos) != len) return false;
        int d = data(b, pos);
        return Arrays.equals(b, d, d + len, key, off, off + len);
    }

    /**
     * Compares the entry at {@code pos} with {@code key} as unsigned bytes (memcmp order, as Redis sorts members).
     *
     * @param b the pack
     * @param pos an entry's position
     * @param key the bytes to compare with
     * @return negative, zero or positive as the entry sorts before, with or after the key
     */
    public static int compareAt(byte[] b, int pos, byte[] key) {
        int d = data(b, pos);
        return Arrays.compareUnsigned(b, d, d + length(b, pos), key, 0, key.length);
    }

    /**
     * The entry at {@code pos} in a new array (for replies that must keep it, and conversions).
     *
     * @param b the pack
     * @param pos an entry's position
     * @return a copy of its bytes
     */
    public static byte[] copy(byte[] b, int pos) {
        int d = data(b, pos);
        return Arrays.copyOfRange(b, d, d + length(b, pos));
    }

    /**
     * Inserts an entry at {@code pos}, shifting the rest up. The array must have room for {@link #entryBytes} more.
     * Does not change the count.
     *
     * @param b the pack
     * @param length the pack's length
     * @param pos where the new entry goes (an entry's position, or {@code length} to append)
     * @param src holds the entry's bytes
     * @param off where they start
     * @param len how many
     * @return the pack's new length
     */
    public static int insert(byte[] b, int length, int pos, byte[] src, int off, int len) {
        int size = entryBytes(len);
        System.arraycopy(b, pos, b, pos + size, length - pos);
        int d = writeVarint(b, pos, len);
        System.arraycopy(src, off, b, d, len);
        return length + size;
    }

    /**
     * Removes {@code n} entries starting at {@code pos}, shifting the rest down. Does not change the count.
     *
     * @param b the pack
     * @param length the pack's length
     * @param pos the first entry to remove
     * @param n how many entries
     * @return the pack's new length
     */
    public static int delete(byte[] b, int length, int pos, int n) {
        int end = pos;
        for (int i = 0; i < n; i++) end = next(b, end);
        System.arraycopy(b, end, b, pos, length - end);
        return length - (end - pos);
    }

    /**
     * Replaces the entry at {@code pos} with new bytes. If it grows, the array must have room for the difference.
     *
     * @param b the pack
     * @param length the pack's length
     * @param pos the entry to replace
     * @param src holds the new bytes
     * @param off where they start
     * @param len how many
     * @return the pack's new length
     */
    public static int replace(byte[] b, int length, int pos, byte[] src, int off, int len) {
        int oldEnd = next(b, pos);
        int newEnd = pos + entryBytes(len);
        System.arraycopy(b, oldEnd, b, newEnd, length - oldEnd);
        int d = writeVarint(b, pos, len);
        System.arraycopy(src, off, b, d, len);
        return length + (newEnd - oldEnd);
    }

    private static int varintBytes(int v) {
        int n = 1;
        while ((v >>>= 7) != 0) n++;
        return n;
    }

    private static int writeVarint(byte[] b, int pos, int v) {
        while ((v & ~0x7f) != 0) {
            b[pos++] = (byte) (v & 0x7f | 0x80);
            v >>>= 7;
        }
        b[pos++] = (byte) v;
        return pos;
    }
}
