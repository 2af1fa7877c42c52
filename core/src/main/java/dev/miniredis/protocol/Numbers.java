package dev.miniredis.protocol;

/**
 * Integers to and from ASCII bytes, digit by digit, without going through {@code String}.
 *
 * <p>{@link #parseLong} follows the rules of Redis's {@code string2ll}, because Redis uses that function both for lengths in
 * the protocol and for values such as {@code INCR}'s: an optional {@code -}, then either a lone {@code 0} or digits that do
 * not start with {@code 0}. No {@code +}, no spaces, no leading zeros, nothing outside the range of a {@code long}. So
 * {@code "01"} and {@code "-0"} are not integers to Redis, and they are not to us.
 */
public final class Numbers {
    private Numbers() {
    }

    /** The longest decimal form of a long: {@code -9223372036854775808} is 20 bytes. */
    public static final int MAX_LONG_DIGITS = 20;

    /**
     * Parses {@code bytes} as a whole; throws {@link NumberFormatException} (an error path, never the hot one)
     * otherwise.
     *
     * @param bytes ASCII digits, optionally preceded by {@code -}
     * @return the value
     * @throws NumberFormatException if the bytes are not an integer by {@code string2ll}'s rules
     */
    public static long parseLong(byte[] bytes) {
        return parseLong(bytes, 0, bytes.length);
    }

    /**
     * Parses {@code bytes[from, from+length)} with {@code string2ll}'s rules.
     *
     * @param bytes the buffer holding the number
     * @param from index of its first byte
     * @param length how many bytes it has
     * @return the value
     * @throws NumberFormatException if the range is not an integer by {@code string2ll}'s rules
     */
    public static long parseLong(byte[] bytes, int from, int length) {
        if (length == 0 || length > MAX_LONG_DIGITS) throw notAnInteger();
        int i = from;
        int end = from + length;
        if (length == 1 && bytes[i] == '0') return 0;
        boolean negative = bytes[i] == '-';
        if (negative && ++i == end) throw notAnInteger();
        if (bytes[i] < '1' || bytes[i] > '9') throw notAnInteger(); // also rejects "00", "-0", "+1"
        // Accumulate as a negative number: the negative range is one larger, so Long.MIN_VALUE fits.
        long value = 0;
        for (; i < end; i++) {
            int digit = bytes[i] - '0';
            if (digit < 0 || digit > 9) throw notAnInteger();
            if (value < (Long.MIN_VALUE + digit) / 10) throw notAnInteger(); // value * 10 - digit would overflow
            value = value * 10 - digit;
        }
        if (negative) return value;
        if (value == Long.MIN_VALUE) throw notAnInteger();
        return -value;
    }

    private static NumberFormatException notAnInteger() {
        return new NumberFormatException("not an integer");
    }

    /**
     * Number of bytes {@code value} takes in decimal, sign included.
     *
     * @param value any long
     * @return from 1 to {@link #MAX_LONG_DIGITS}
     */
    public static int decimalLength(long value) {
        if (value < 0) return value == Long.MIN_VALUE ? 20 : 1 + decimalLength(-value);
        int length = 1;
        for (long limit = 10; value >= limit && length < 19; limit *= 10) length++;
        return length;
    }

    /**
     * Writes {@code value} in decimal into {@code dst} starting at {@code at}; returns the index after the last digit.
     * Digits are produced from the right, so we first measure the length and then fill backwards.
     *
     * @param value the number to write
     * @param dst the destination, with at least {@link #decimalLength}{@code (value)} bytes free from {@code at}
     * @param at where the first byte goes
     * @return the index just past the last digit
     */
    public static int writeLong(long value, byte[] dst, int at) {
        int length = decimalLength(value);
        int end = at + length;
        int i = end;
        if (value < 0) {
            dst[at] = '-';
            // Work with negative remainders so Long.MIN_VALUE needs no special case.
            do {
                dst[--i] = (byte) ('0' - (value % 10));
                value /= 10;
            } while (value != 0);
        } else {
            do {
                dst[--i] = (byte) ('0' + (value % 10));
                value /= 10;
            } while (value != 0);
        }
        return end;
    }

    /**
     * The decimal bytes of {@code value}, for storing a number as a string value (INCR).
     *
     * @param value the number
     * @return a new array holding its decimal form
     */
    public static byte[] toBytes(long value) {
        byte[] bytes = new byte[decimalLength(value)];
        writeLong(value, bytes, 0);
        return bytes;
    }
}
