package dev.miniredis.persist;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads Redis's ziplist, the packed form before listpacks (Redis 2.6 to 6.2). Redis 7.0 no longer writes it, but it
 * still loads files that hold it, converting each to a listpack; so do we.
 *
 * <pre>
 *   +--------+--------+-------+---------+---------+- - -+------+
 *   | zlbytes| zltail | zllen | entry 0 | entry 1 | ... | 0xFF |
 *   | 4 LE   | 4 LE   | 2 LE  |         |         |     |      |
 *   +--------+--------+-------+---------+---------+- - -+------+
 *
 *   entry:  prevlen  encoding  [data]
 *     prevlen: 1 byte if the previous entry is shorter than 254 bytes, else 0xFE and 4 bytes LE
 *     00xxxxxx                        string up to 63 bytes
 *     01xxxxxx yyyyyyyy               string up to 16383 bytes, length big-endian
 *     10000000 + 4 bytes big-endian   longer string
 *     11000000 / 11010000 / 11100000  16 / 32 / 64-bit integer, little-endian
 *     11110000                        24-bit integer
 *     11111110                        8-bit integer
 *     1111xxxx (0001..1101)           the integer xxxx - 1, 0..12, no data
 * </pre>
 * The difference from a listpack is the direction of the length: a ziplist entry starts with its predecessor's length
 * (so walking backwards reads it first), which made inserting in the middle cascade when a length grew past 253. A
 * listpack puts each entry's own length at its end and has no cascade.
 */
public final class ZiplistCodec {
    private ZiplistCodec() {
    }

    private static final int HEADER_BYTES = 10;

    /**
     * Every entry of a ziplist, integers as their decimal bytes; checks bounds, the header and the terminator.
     *
     * @param zl a ziplist blob
     * @param what what it holds, for messages
     * @return its entries in order
     * @throws RdbException if the blob is not a well-formed ziplist
     */
    public static List<byte[]> decode(byte[] zl, String what) throws RdbException {
        if (zl.length < HEADER_BYTES + 1) throw corrupt(what, "only " + zl.length + " bytes");
        long total = ListpackCodec.readLE(zl, 0, 4);
        if (total != zl.length) throw corrupt(what, "header says " + total + " bytes, blob has " + zl.length);
        int declared = (int) ListpackCodec.readLE(zl, 8, 2);
        List<byte[]> out = new ArrayList<>(Math.min(declared, zl.length));
        int p = HEADER_BYTES;
        int previousLength = 0;
        while (true) {
            if (p >= zl.length) throw corrupt(what, "no terminator");
            if ((zl[p] & 0xff) == 0xff) break;
            int start = p;
            int prevlen = zl[p] & 0xff;
            if (prevlen == 0xfe) {
                need(zl, p, 5, what);
                prevlen = (int) ListpackCodec.readLE(zl, p + 1, 4);
                p += 5;
            } else {
                p += 1;
            }
            if (prevlen != previousLength) throw corrupt(what, "an entry's prevlen does not match at " + start);
            need(zl, p, 1, what);
            int b = zl[p] & 0xff;
            byte[] entry;
            switch (b >>> 6) {
                case 0 -> {
                    entry = slice(zl, p + 1, b & 0x3f, what);
                    p += 1 + entry.length;
                }
                case 1 -> {
                    need(zl, p, 2, what);
                    entry = slice(zl, p + 2, (b & 0x3f) << 8 | (zl[p + 1] & 0xff), what);
                    p += 2 + entry.length;
                }
                case 2 -> {
                    need(zl, p, 5, what);
                    long n = (zl[p + 1] & 0xffL) << 24 | (zl[p + 2] & 0xffL) << 16 | (zl[p + 3] & 0xffL) << 8
                            | (zl[p + 4] & 0xffL);
                    if (n > zl.length) throw corrupt(what, "a string of " + n + " bytes in a blob of " + zl.length);
                    entry = slice(zl, p + 5, (int) n, what);
                    p += 5 + (int) n;
                }
                default -> {
                    int width = switch (b) {
                        case 0xc0 -> 2;
                        case 0xd0 -> 4;
                        case 0xe0 -> 8;
                        case 0xf0 -> 3;
                        case 0xfe -> 1;
                        default -> {
                            if (b >= 0xf1 && b <= 0xfd) yield 0;
                            throw corrupt(what, "unknown entry encoding 0x" + Integer.toHexString(b) + " at " + p);
                        }
                    };
                    need(zl, p, 1 + width, what);
                    long v = width == 0 ? (b & 0x0f) - 1 : ListpackCodec.readLE(zl, p + 1, width);
                    if (width > 0 && width < 8) v = (v << (64 - 8 * width)) >> (64 - 8 * width);
                    entry = Rdb.decimal(v);
                    p += 1 + width;
                }
            }
            previousLength = p - start;
            out.add(entry);
        }
        if (p != zl.length - 1) throw corrupt(what, "bytes after the terminator");
        if (declared != 0xffff && declared != out.size()) {
            throw corrupt(what, "header says " + declared + " entries, found " + out.size());
        }
        return out;
    }

    private static void need(byte[] zl, int p, int n, String what) throws RdbException {
        if (p + n > zl.length - 1) throw corrupt(what, "an entry at " + p + " overruns the blob");
    }

    private static byte[] slice(byte[] zl, int from, int n, String what) throws RdbException {
        need(zl, from, n, what);
        return java.util.Arrays.copyOfRange(zl, from, from + n);
    }

    private static RdbException corrupt(String what, String detail) {
        return new RdbException("corrupt ziplist in a " + what + ": " + detail);
    }
}
