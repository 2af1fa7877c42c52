package dev.miniredis.persist;

import java.util.ArrayList;
import java.util.List;

/**
 * Redis's intset, the packed form of a small set of integers: a sorted array of fixed-width little-endian integers,
 * the width the smallest that holds every member.
 *
 * <pre>
 *   +-----------+-----------+---------+---------+- - -+
 *   | encoding  | length    | value 0 | value 1 | ... |      encoding: 2, 4 or 8 (bytes per value)
 *   | 4 bytes LE| 4 bytes LE| ascending, no duplicates |
 *   +-----------+-----------+---------+---------+- - -+
 * </pre>
 * Redis finds a member by binary search, so the order is part of the format: a reader must check it.
 */
public final class IntsetCodec {
    private IntsetCodec() {
    }

    /**
     * The intset of some integers.
     *
     * @param sorted distinct values in ascending order
     * @param count how many of them to use
     * @return the blob
     */
    public static byte[] encode(long[] sorted, int count) {
        int width = 2;
        for (int i = 0; i < count; i++) {
            long v = sorted[i];
            if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
                width = 8;
                break;
            }
            if (v < Short.MIN_VALUE || v > Short.MAX_VALUE) width = 4;
        }
        byte[] out = new byte[8 + width * count];
        putLE(out, 0, width, 4);
        putLE(out, 4, count, 4);
        for (int i = 0; i < count; i++) putLE(out, 8 + i * width, sorted[i], width);
        return out;
    }

    private static void putLE(byte[] b, int at, long v, int bytes) {
        for (int i = 0; i < bytes; i++) b[at + i] = (byte) (v >>> (8 * i));
    }

    /**
     * The members of an intset as decimal bytes; checks the width, the size and the order.
     *
     * @param blob an intset
     * @return its members in ascending order
     * @throws RdbException if the blob is not a well-formed intset
     */
    public static List<byte[]> decode(byte[] blob) throws RdbException {
        if (blob.length < 8) throw corrupt("only " + blob.length + " bytes");
        long width = ListpackCodec.readLE(blob, 0, 4);
        long count = ListpackCodec.readLE(blob, 4, 4);
        if (width != 2 && width != 4 && width != 8) throw corrupt("encoding " + width);
        if (8 + width * count != blob.length) throw corrupt(count + " values of " + width + " bytes in " + blob.length);
        List<byte[]> out = new ArrayList<>((int) count);
        long previous = 0;
        for (int i = 0; i < count; i++) {
            long v = ListpackCodec.readLE(blob, 8 + i * (int) width, (int) width);
            int bits = 8 * (int) width;
            v = (v << (64 - bits)) >> (64 - bits);
            if (i > 0 && v <= previous) throw corrupt("values not in ascending order");
            previous = v;
            out.add(Rdb.decimal(v));
        }
        return out;
    }

    private static RdbException corrupt(String detail) {
        return new RdbException("corrupt intset: " + detail);
    }
}
