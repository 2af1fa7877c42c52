package dev.miniredis.persist;

import java.util.ArrayList;
import java.util.List;

/**
 * Redis's listpack, the packed form of small hashes and sorted sets and of each node of a list (Redis 7.0), exactly as
 * {@code listpack.c} lays it out, so the blobs we write are the blobs Redis uses in memory.
 *
 * <pre>
 *   +-----------+----------+---------+---------+- - -+------+
 *   | total     | count    | entry 0 | entry 1 | ... | 0xFF |
 *   | 4 bytes LE| 2 bytes LE (65535: "too many, count them")  |
 *   +-----------+----------+---------+---------+- - -+------+
 *
 *   entry:  encoding [+ data]  backlen
 *     0xxxxxxx                           7-bit unsigned integer 0..127
 *     10xxxxxx  data                     string up to 63 bytes
 *     110xxxxx  yyyyyyyy                 13-bit signed integer (-4096..4095), high bits first
 *     1110xxxx  yyyyyyyy  data           string up to 4095 bytes, length high bits first
 *     11110000  4 bytes LE length, data  longer string
 *     11110001 / 11110010 / 11110011 / 11110100   16 / 24 / 32 / 64-bit integer, little-endian
 * </pre>
 * {@code backlen} is the entry's length (encoding plus data) again, in 1 to 5 bytes of 7 bits, written so that it
 * reads <em>backwards</em> from the next entry: the byte nearest the next entry holds the lowest 7 bits, and every byte
 * but the farthest has its high bit set. That is what lets Redis walk a listpack from its tail (LRANGE with negative
 * indexes, RPOP) without a pointer per entry. A string that is a canonical integer (see {@link Rdb#isCanonicalLong}) is
 * stored as the smallest integer form, as {@code lpAppend} does.
 *
 * <p>The encoder appends into a scratch array it owns and reuses; not thread-safe.
 */
public final class ListpackCodec {
    static final int HEADER_BYTES = 6;
    static final int END = 0xff;
    /** A count of 65535 in the header means "count the entries". */
    static final int UNKNOWN_COUNT = 0xffff;

    private byte[] buf = new byte[256];
    private int size;
    private int count;

    /** Starts a new listpack in the scratch array, forgetting the previous one. */
    public void reset() {
        size = HEADER_BYTES;
        count = 0;
    }

    /**
     * The bytes the listpack would take with one more entry {@code element}, without adding it: for splitting a list
     * into nodes of a bounded size.
     *
     * @param element the candidate entry
     * @return the total size after appending it, terminator included
     */
    public int sizeWith(byte[] element) {
        int entry = entryLength(element);
        return size + entry + backlenBytes(entry) + 1;
    }

    /**
     * Appends one entry: the smallest integer form if the bytes are a canonical integer, a string otherwise.
     *
     * @param element the entry's bytes
     */
    public void append(byte[] element) {
        int entry = entryLength(element);
        ensure(entry + 5 + 1);
        int start = size;
        if (Rdb.isCanonicalLong(element)) {
            writeInteger(Rdb.parseCanonicalLong(element));
        } else {
            int n = element.length;
            if (n < 64) {
                buf[size++] = (byte) (0x80 | n);
            } else if (n < 4096) {
                buf[size++] = (byte) (0xe0 | (n >>> 8));
                buf[size++] = (byte) n;
            } else {
                buf[size++] = (byte) 0xf0;
                putIntLE(n);
            }
            System.arraycopy(element, 0, buf, size, n);
            size += n;
        }
        size += writeBacklen(buf, size, size - start);
        count++;
    }

    private void writeInteger(long v) {
        if (v >= 0 && v <= 127) {
            buf[size++] = (byte) v;
        } else if (v >= -4096 && v <= 4095) {
            long u = v < 0 ? (1 << 13) + v : v;
            buf[size++] = (byte) (0xc0 | (u >>> 8));
            buf[size++] = (byte) u;
        } else if (v >= Short.MIN_VALUE && v <= Short.MAX_VALUE) {
            buf[size++] = (byte) 0xf1;
            putLE(v, 2);
        } else if (v >= -(1 << 23) && v < (1 << 23)) {
            buf[size++] = (byte) 0xf2;
            putLE(v, 3);
        } else if (v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE) {
            buf[size++] = (byte) 0xf3;
            putLE(v, 4);
        } else {
            buf[size++] = (byte) 0xf4;
            putLE(v, 8);
        }
    }

    /**
     * The encoding and data bytes of an entry, without its backlen.
     *
     * @param e the entry's bytes
     * @return its encoded length
     */
    static int entryLength(byte[] e) {
        if (Rdb.isCanonicalLong(e)) {
            long v = Rdb.parseCanonicalLong(e);
            if (v >= 0 && v <= 127) return 1;
            if (v >= -4096 && v <= 4095) return 2;
            if (v >= Short.MIN_VALUE && v <= Short.MAX_VALUE) return 3;
            if (v >= -(1 << 23) && v < (1 << 23)) return 4;
            if (v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE) return 5;
            return 9;
        }
        int n = e.length;
        return n < 64 ? 1 + n : n < 4096 ? 2 + n : 5 + n;
    }

    /**
     * How many bytes the backlen of an entry of {@code length} bytes takes (Redis's thresholds, {@code <} not
     * {@code <=}: a length of exactly 16383 takes 3 bytes).
     */
    static int backlenBytes(int length) {
        if (length <= 127) return 1;
        if (length < 16383) return 2;
        if (length < 2097151) return 3;
        if (length < 268435455) return 4;
        return 5;
    }

    private static int writeBacklen(byte[] b, int at, int l) {
        int n = backlenBytes(l);
        // Lowest 7 bits last, the farthest byte without the continuation bit: see the class comment.
        for (int i = n - 1; i >= 0; i--) {
            int shift = 7 * (n - 1 - i);
            int bits = (l >>> shift) & 127;
            b[at + i] = (byte) (i == 0 ? bits : bits | 128);
        }
        return n;
    }

    /**
     * Finishes the listpack: terminator and header.
     *
     * @return its total size; the bytes are {@link #bytes()}{@code [0, size)}
     */
    public int finish() {
        ensure(1);
        buf[size++] = (byte) END;
        buf[0] = (byte) size;
        buf[1] = (byte) (size >>> 8);
        buf[2] = (byte) (size >>> 16);
        buf[3] = (byte) (size >>> 24);
        int c = count < UNKNOWN_COUNT ? count : UNKNOWN_COUNT;
        buf[4] = (byte) c;
        buf[5] = (byte) (c >>> 8);
        return size;
    }

    /**
     * The scratch array holding the listpack {@link #finish()} completed.
     *
     * @return the array, valid until the next {@link #reset()}
     */
    public byte[] bytes() {
        return buf;
    }

    /**
     * Entries appended since {@link #reset()}.
     *
     * @return the count
     */
    public int count() {
        return count;
    }

    private void ensure(int more) {
        if (size + more > buf.length) buf = java.util.Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
    }

    private void putIntLE(int v) {
        putLE(v, 4);
    }

    private void putLE(long v, int bytes) {
        for (int i = 0; i < bytes; i++) buf[size++] = (byte) (v >>> (8 * i));
    }

    /**
     * Every entry of a listpack, integers as their decimal bytes. Checks the header's size, every entry's bounds, each
     * backlen and the terminator, so a corrupt blob fails here rather than later.
     *
     * @param lp a listpack blob, exactly as long as its header says
     * @param what what it holds, for messages ("hash", "list node")
     * @return its entries in order
     * @throws RdbException if the blob is not a well-formed listpack
     */
    public static List<byte[]> decode(byte[] lp, String what) throws RdbException {
        if (lp.length < HEADER_BYTES + 1) throw corrupt(what, "only " + lp.length + " bytes");
        long total = (lp[0] & 0xffL) | (lp[1] & 0xffL) << 8 | (lp[2] & 0xffL) << 16 | (lp[3] & 0xffL) << 24;
        if (total != lp.length) throw corrupt(what, "header says " + total + " bytes, blob has " + lp.length);
        int declared = (lp[4] & 0xff) | (lp[5] & 0xff) << 8;
        List<byte[]> out = new ArrayList<>(Math.min(declared, lp.length));
        int p = HEADER_BYTES;
        while (true) {
            if (p >= lp.length) throw corrupt(what, "no terminator");
            int b = lp[p] & 0xff;
            if (b == END) break;
            int start = p;
            byte[] entry;
            if ((b & 0x80) == 0) {
                entry = Rdb.decimal(b);
                p += 1;
            } else if ((b & 0xc0) == 0x80) {
                int n = b & 0x3f;
                entry = slice(lp, p + 1, n, what);
                p += 1 + n;
            } else if ((b & 0xe0) == 0xc0) {
                need(lp, p, 2, what);
                int u = (b & 0x1f) << 8 | (lp[p + 1] & 0xff);
                entry = Rdb.decimal(u >= 1 << 12 ? u - (1 << 13) : u);
                p += 2;
            } else if ((b & 0xf0) == 0xe0) {
                need(lp, p, 2, what);
                int n = (b & 0x0f) << 8 | (lp[p + 1] & 0xff);
                entry = slice(lp, p + 2, n, what);
                p += 2 + n;
            } else {
                switch (b) {
                    case 0xf0 -> {
                        need(lp, p, 5, what);
                        long n = readLE(lp, p + 1, 4) & 0xffffffffL;
                        if (n > lp.length) throw corrupt(what, "a string of " + n + " bytes in a blob of " + lp.length);
                        entry = slice(lp, p + 5, (int) n, what);
                        p += 5 + (int) n;
                    }
                    case 0xf1 -> { need(lp, p, 3, what); entry = Rdb.decimal(signed(readLE(lp, p + 1, 2), 16)); p += 3; }
                    case 0xf2 -> { need(lp, p, 4, what); entry = Rdb.decimal(signed(readLE(lp, p + 1, 3), 24)); p += 4; }
                    case 0xf3 -> { need(lp, p, 5, what); entry = Rdb.decimal(signed(readLE(lp, p + 1, 4), 32)); p += 5; }
                    case 0xf4 -> { need(lp, p, 9, what); entry = Rdb.decimal(readLE(lp, p + 1, 8)); p += 9; }
                    default -> throw corrupt(what, "unknown entry encoding 0x" + Integer.toHexString(b) + " at " + p);
                }
            }
            int length = p - start;
            int n = backlenBytes(length);
            need(lp, p, n, what);
            if (readBacklen(lp, p + n - 1) != length) throw corrupt(what, "a backlen does not match its entry at " + start);
            p += n;
            out.add(entry);
        }
        if (p != lp.length - 1) throw corrupt(what, "bytes after the terminator");
        if (declared != UNKNOWN_COUNT && declared != out.size()) {
            throw corrupt(what, "header says " + declared + " entries, found " + out.size());
        }
        return out;
    }

    // Reads a backlen backwards from its last byte, as lpDecodeBacklen does.
    private static long readBacklen(byte[] lp, int last) {
        long v = 0;
        int shift = 0;
        for (int p = last; ; p--) {
            v |= (long) (lp[p] & 127) << shift;
            if ((lp[p] & 128) == 0) return v;
            shift += 7;
            if (shift > 28) return -1;
        }
    }

    private static long signed(long v, int bits) {
        return (v << (64 - bits)) >> (64 - bits);
    }

    static long readLE(byte[] b, int at, int bytes) {
        long v = 0;
        for (int i = 0; i < bytes; i++) v |= (b[at + i] & 0xffL) << (8 * i);
        return v;
    }

    private static void need(byte[] lp, int p, int n, String what) throws RdbException {
        if (p + n > lp.length - 1) throw corrupt(what, "an entry at " + p + " overruns the blob");
    }

    private static byte[] slice(byte[] lp, int from, int n, String what) throws RdbException {
        need(lp, from, n, what);
        return java.util.Arrays.copyOfRange(lp, from, from + n);
    }

    private static RdbException corrupt(String what, String detail) {
        return new RdbException("corrupt listpack in a " + what + ": " + detail);
    }
}
