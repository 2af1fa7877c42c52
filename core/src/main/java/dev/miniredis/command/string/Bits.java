package dev.miniredis.command.string;

import dev.miniredis.command.CommandError;
import dev.miniredis.db.Db;
import dev.miniredis.protocol.Numbers;

/**
 * What the bit commands (SETBIT, GETBIT, BITCOUNT, BITPOS, BITFIELD) share: a string seen as a row of bits, and the
 * rules for naming one.
 *
 * <h2>Bit numbering</h2>
 * Bit 0 is the <em>most</em> significant bit of the first byte, bit 7 its least significant, bit 8 the top bit of the
 * second byte, and so on: the string read left to right as written in binary. {@code SETBIT k 1 1} on an empty key makes
 * the byte {@code 0b0100_0000}. BITFIELD's integers are read the same way, so an aligned {@code u16} is big-endian.
 *
 * <h2>Ranges</h2>
 * BITCOUNT and BITPOS can scan a long string. They read it through the keyspace in chunks of a reusable scratch array
 * ({@link #CHUNK_BYTES} at a time), so counting the bits of a 100 MB bitmap needs no 100 MB array.
 */
final class Bits {
    /** Redis's error for a bad bit offset: not an integer, negative, or past the 512 MB a string may have. */
    static final CommandError BAD_OFFSET = new CommandError("ERR bit offset is not an integer or out of range");

    /** How much of a value {@link #count} and {@link #position} read at a time. */
    static final int CHUNK_BYTES = 1 << 14;

    private Bits() {
    }

    /**
     * Parses a bit offset by Redis's {@code getBitOffsetFromArgument}: a decimal integer from 0 up to (but not including)
     * 512 MB times 8. With {@code hash} (BITFIELD), {@code #n} means {@code n * width}: the n-th integer of that width.
     * The multiplication wraps as Redis's does, and a negative product is out of range.
     *
     * @param arg the argument's bytes
     * @param hash whether {@code #n} is allowed
     * @param width the integer width {@code #n} multiplies by (BITFIELD), 0 otherwise
     * @return the offset in bits
     */
    static long offset(byte[] arg, boolean hash, int width) {
        boolean useHash = hash && width > 0 && arg.length > 0 && arg[0] == '#';
        long offset;
        try {
            offset = useHash ? Numbers.parseLong(arg, 1, arg.length - 1) : Numbers.parseLong(arg);
        } catch (NumberFormatException e) {
            throw BAD_OFFSET;
        }
        if (useHash) offset *= width;
        if (offset < 0 || (offset >> 3) >= Strings.MAX_BYTES) throw BAD_OFFSET;
        return offset;
    }

    /**
     * Counts the set bits from bit {@code first} to bit {@code last}, both included, of the string at {@code a}.
     *
     * @param db the keyspace
     * @param a a live string's address
     * @param first the first bit, at least 0
     * @param last the last bit, inside the string, at least {@code first}
     * @return the number of 1 bits
     */
    static long count(Db db, long a, long first, long last) {
        int fromByte = (int) (first >>> 3);
        int toByte = (int) (last >>> 3);
        byte[] chunk = db.scratch(0, CHUNK_BYTES);
        long count = 0;
        for (int at = fromByte; at <= toByte; ) {
            int n = Math.min(CHUNK_BYTES, toByte - at + 1);
            db.copyValue(a, at, chunk, 0, n);
            for (int i = 0; i < n; i++) count += Integer.bitCount(chunk[i] & 0xff);
            at += n;
        }
        // The edge bytes may be only partly in the range: take back the bits outside it.
        int head = ~(0xff >>> (first & 7)) & 0xff;              // bits of the first byte before `first`
        int tail = 0xff >>> ((last & 7) + 1);                    // bits of the last byte after `last`
        if (head != 0) count -= Integer.bitCount(byteAt(db, a, fromByte) & head);
        if (tail != 0) count -= Integer.bitCount(byteAt(db, a, toByte) & tail);
        return count;
    }

    /**
     * The first bit equal to {@code bit} from bit {@code first} to bit {@code last}, both included.
     *
     * @param db the keyspace
     * @param a a live string's address
     * @param first the first bit, at least 0
     * @param last the last bit, inside the string, at least {@code first}
     * @param bit 0 or 1
     * @return the bit's position in the whole string, or -1 if the range holds none
     */
    static long position(Db db, long a, long first, long last, int bit) {
        int fromByte = (int) (first >>> 3);
        int toByte = (int) (last >>> 3);
        byte[] chunk = db.scratch(0, CHUNK_BYTES);
        int flip = bit == 0 ? 0xff : 0; // looking for a 0 is looking for a 1 in the complement
        for (int at = fromByte; at <= toByte; ) {
            int n = Math.min(CHUNK_BYTES, toByte - at + 1);
            db.copyValue(a, at, chunk, 0, n);
            for (int i = 0; i < n; i++) {
                int b = (chunk[i] & 0xff) ^ flip;
                int index = at + i;
                if (index == fromByte) b &= 0xff >>> (first & 7);
                if (index == toByte) b &= 0xff << (7 - (last & 7));
                if (b != 0) return 8L * index + Integer.numberOfLeadingZeros(b) - 24;
            }
            at += n;
        }
        return -1;
    }

    private static int byteAt(Db db, long a, int index) {
        byte[] one = db.scratch(1, 1);
        db.copyValue(a, index, one, 0, 1);
        return one[0] & 0xff;
    }

    /**
     * Reads {@code width} bits from bit {@code offset} of {@code p} as an unsigned number, bits past {@code length}
     * bytes reading as 0: Redis's {@code getUnsignedBitfield} on a zero-padded string.
     *
     * @param p the bytes
     * @param length how many of them belong to the string
     * @param offset the first bit
     * @param width 1 to 64
     * @return the bits, the first one most significant
     */
    static long getUnsigned(byte[] p, int length, long offset, int width) {
        long value = 0;
        for (int j = 0; j < width; j++, offset++) {
            int index = (int) (offset >>> 3);
            int bit = index < length ? (p[index] >>> (7 - (offset & 7))) & 1 : 0;
            value = value << 1 | bit;
        }
        return value;
    }

    /**
     * {@link #getUnsigned} read as a two's complement number of {@code width} bits.
     *
     * @param p the bytes
     * @param length how many of them belong to the string
     * @param offset the first bit
     * @param width 1 to 64
     * @return the value, sign-extended
     */
    static long getSigned(byte[] p, int length, long offset, int width) {
        long value = getUnsigned(p, length, offset, width);
        if (width < 64 && (value & 1L << (width - 1)) != 0) value |= -1L << width;
        return value;
    }

    /**
     * Writes the low {@code width} bits of {@code value} at bit {@code offset}, the most significant first.
     *
     * @param p the bytes, long enough to hold the last bit written
     * @param offset the first bit
     * @param width 1 to 64
     * @param value the bits to write
     */
    static void set(byte[] p, long offset, int width, long value) {
        for (int j = 0; j < width; j++, offset++) {
            int bit = (int) (value >>> (width - 1 - j)) & 1;
            int index = (int) (offset >>> 3);
            int shift = 7 - (int) (offset & 7);
            p[index] = (byte) (p[index] & ~(1 << shift) | bit << shift);
        }
    }
}
