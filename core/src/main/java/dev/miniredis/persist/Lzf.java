package dev.miniredis.persist;

/**
 * LZF, the small and fast compression Redis uses for strings in RDB files ({@code rdbcompression yes}).
 *
 * <p>The compressed form is a sequence of chunks, each starting with a control byte:
 * <pre>
 *   000LLLLL  + L+1 literal bytes                       copy them as they are (1..32 bytes)
 *   LLLooooo  oooooooo                                 back reference, L = 1..6: copy L+2 bytes
 *   111ooooo  LLLLLLLL  oooooooo                       back reference, long: copy 7+L+2 bytes (up to 264)
 * </pre>
 * A back reference copies from {@code offset + 1} bytes behind the output's end, byte by byte, so it may overlap what
 * it is writing: {@code "aaaaaaaa"} compresses to a literal {@code "a"} and a reference one byte back. The offset has
 * 13 bits: references reach at most 8 KB back.
 *
 * <p>Our compressor finds matches with a table of the last position of each 3-byte hash, as liblzf does, but it is
 * not liblzf's code and its output is not byte for byte the same as Redis's: any valid LZF stream decompresses to the
 * same string, which is all a reader needs. Not thread-safe (the table is reused); one per writer.
 */
public final class Lzf {
    private static final int HASH_BITS = 14;
    private static final int MAX_OFFSET = 1 << 13;
    private static final int MAX_LITERAL = 32;
    private static final int MAX_MATCH = 264;  // 7 + 255 + 2
    /** The most a compressed byte can expand to: a 3-byte reference copies at most 264 bytes. */
    static final int MAX_RATIO = 88;

    // Last position of each 3-byte hash, plus base. Entries below base are from earlier calls and count as empty, so the
    // table needs no clearing per string (64 KB of writes, more than compressing a short string costs).
    private final int[] table = new int[1 << HASH_BITS];
    private int base = Integer.MAX_VALUE;

    /**
     * Compresses {@code in} into {@code out}, giving up when the result would not fit in {@code outLimit} bytes.
     * Redis stores a string compressed only when that saves more than 4 bytes, so callers pass {@code length - 4}.
     *
     * @param in the bytes to compress
     * @param length how many of them
     * @param out where the compressed bytes go
     * @param outLimit the most bytes the result may take (at most {@code out.length})
     * @return the compressed length, or 0 if it did not fit
     */
    public int compress(byte[] in, int length, byte[] out, int outLimit) {
        if (length < 4 || outLimit <= 1) return 0;
        if (base > Integer.MAX_VALUE - length - 1) {     // the first call, or base would overflow: start afresh
            java.util.Arrays.fill(table, Integer.MIN_VALUE);
            base = 0;
        }
        int from = base;
        base += length + 1;
        int ip = 0;
        int op = 1;          // out[0] is reserved for the first literal run's control byte
        int literals = 0;
        while (ip + 2 < length) {
            int h = hash(in, ip);
            int stored = table[h];
            int ref = stored >= from ? stored - from : -1;  // set by an earlier call: empty
            table[h] = from + ip;
            int offset = ip - ref - 1;
            if (ref >= 0 && offset < MAX_OFFSET && in[ref] == in[ip] && in[ref + 1] == in[ip + 1]
                    && in[ref + 2] == in[ip + 2]) {
                int match = 3;
                int maxMatch = Math.min(length - ip, MAX_MATCH);
                while (match < maxMatch && in[ref + match] == in[ip + match]) match++;
                if (op + 3 + 1 > outLimit) return 0;
                if (literals == 0) op--;                         // no literals: drop the reserved control byte
                else out[op - literals - 1] = (byte) (literals - 1);
                int code = match - 2;                            // 1..262
                if (code < 7) {
                    out[op++] = (byte) ((code << 5) | (offset >>> 8));
                } else {
                    out[op++] = (byte) ((7 << 5) | (offset >>> 8));
                    out[op++] = (byte) (code - 7);
                }
                out[op++] = (byte) offset;
                ip += match;
                literals = 0;
                op++;                                            // reserve the next run's control byte
                continue;
            }
            if (op >= outLimit) return 0;
            out[op++] = in[ip++];
            if (++literals == MAX_LITERAL) {
                out[op - literals - 1] = (byte) (literals - 1);
                literals = 0;
                op++;
            }
        }
        while (ip < length) {
            if (op >= outLimit) return 0;
            out[op++] = in[ip++];
            if (++literals == MAX_LITERAL) {
                out[op - literals - 1] = (byte) (literals - 1);
                literals = 0;
                op++;
            }
        }
        if (literals == 0) op--;
        else out[op - literals - 1] = (byte) (literals - 1);
        return op <= outLimit ? op : 0;
    }

    private static int hash(byte[] b, int i) {
        int v = (b[i] & 0xff) << 16 | (b[i + 1] & 0xff) << 8 | (b[i + 2] & 0xff);
        return (v * 0x9E3779B1) >>> (32 - HASH_BITS);
    }

    /**
     * Decompresses {@code in} into exactly {@code out.length} bytes, checking every reference against both ends.
     *
     * @param in compressed bytes
     * @param out sized to the original length the file states
     * @throws RdbException if the stream is corrupt or does not produce exactly {@code out.length} bytes
     */
    public static void decompress(byte[] in, byte[] out) throws RdbException {
        int ip = 0;
        int op = 0;
        while (ip < in.length) {
            int ctrl = in[ip++] & 0xff;
            if (ctrl < 32) {
                int run = ctrl + 1;
                if (ip + run > in.length || op + run > out.length) throw corrupt("a literal run overruns");
                System.arraycopy(in, ip, out, op, run);
                ip += run;
                op += run;
                continue;
            }
            int len = ctrl >>> 5;
            if (ip >= in.length) throw corrupt("a back reference is cut short");
            if (len == 7) {
                len += in[ip++] & 0xff;
                if (ip >= in.length) throw corrupt("a back reference is cut short");
            }
            int ref = op - ((ctrl & 0x1f) << 8) - (in[ip++] & 0xff) - 1;
            len += 2;
            if (ref < 0) throw corrupt("a back reference points before the start");
            if (op + len > out.length) throw corrupt("a back reference overruns");
            for (int k = 0; k < len; k++) out[op++] = out[ref++];
        }
        if (op != out.length) throw corrupt("it gives " + op + " bytes, the file says " + out.length);
    }

    private static RdbException corrupt(String what) {
        return new RdbException("corrupt LZF string: " + what);
    }
}
