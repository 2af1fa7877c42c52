package dev.miniredis.persist;

/**
 * The checksum at the end of an RDB file: Redis's CRC-64 with the Jones polynomial ({@code 0xad93d23594c935a9}),
 * reflected input and output, initial value 0 and no final xor. The check value of {@code "123456789"} is
 * {@code 0xe9c6d914c4b8d9ca}, the one Redis's own {@code crc64} test prints.
 *
 * <p>"Reflected" means the bits of each byte are taken lowest first, so the register shifts right and the table is
 * built from the bit-reversed polynomial ({@code 0x95ac9329ac4bc9b5}). One table of 256 entries, one byte per step:
 * Redis uses a faster slicing-by-8 variant, but the value is the same.
 *
 * <p>Not thread-safe; one per writer or reader. The file stores the value little-endian, 8 bytes, after the EOF opcode.
 */
public final class Crc64 {
    private static final long REFLECTED_POLY = 0x95ac9329ac4bc9b5L;
    private static final long[] TABLE = new long[256];

    static {
        for (int n = 0; n < 256; n++) {
            long crc = n;
            for (int k = 0; k < 8; k++) crc = (crc & 1) != 0 ? (crc >>> 1) ^ REFLECTED_POLY : crc >>> 1;
            TABLE[n] = crc;
        }
    }

    private long crc;

    /**
     * Adds bytes to the checksum.
     *
     * @param b the bytes
     * @param from the first one
     * @param length how many
     */
    public void update(byte[] b, int from, int length) {
        long c = crc;
        for (int i = from, end = from + length; i < end; i++) c = TABLE[(int) ((c ^ b[i]) & 0xff)] ^ (c >>> 8);
        crc = c;
    }

    /**
     * The checksum of everything added so far.
     *
     * @return the CRC-64 value
     */
    public long value() {
        return crc;
    }
}
