package dev.miniredis.persist;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads a zipmap, the packed form of small hashes before Redis 2.6. Redis 7.0 still loads it (as a listpack), so we do
 * too; it is a few lines.
 *
 * <pre>
 *   zmlen(1)  len key  len free value [free bytes]  len key ...  0xFF
 *   len: 1 byte if below 254, else 254 and 4 bytes little-endian;  free: 1 byte, unused bytes after the value
 * </pre>
 */
public final class ZipmapCodec {
    private ZipmapCodec() {
    }

    /**
     * Fields and values of a zipmap, alternating.
     *
     * @param zm a zipmap blob
     * @return field, value, field, value, ...
     * @throws RdbException if the blob is not a well-formed zipmap
     */
    public static List<byte[]> decode(byte[] zm) throws RdbException {
        List<byte[]> out = new ArrayList<>();
        int p = 1;
        boolean field = true;
        while (true) {
            if (p >= zm.length) throw corrupt("no terminator");
            int b = zm[p] & 0xff;
            if (b == 0xff) {
                if (!field) throw corrupt("a field without a value");
                if (p != zm.length - 1) throw corrupt("bytes after the terminator");
                return out;
            }
            long n;
            if (b < 254) {
                n = b;
                p += 1;
            } else if (b == 254) {
                if (p + 5 > zm.length) throw corrupt("a length overruns the blob");
                n = ListpackCodec.readLE(zm, p + 1, 4);
                p += 5;
            } else {
                throw corrupt("bad length byte 0x" + Integer.toHexString(b));
            }
            int free = 0;
            if (!field) {
                if (p >= zm.length) throw corrupt("a value overruns the blob");
                free = zm[p++] & 0xff;
            }
            if (p + n + free > zm.length) throw corrupt("an entry overruns the blob");
            out.add(java.util.Arrays.copyOfRange(zm, p, p + (int) n));
            p += (int) n + free;
            field = !field;
        }
    }

    private static RdbException corrupt(String detail) {
        return new RdbException("corrupt zipmap: " + detail);
    }
}
