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

    /** The longest form {@link #formatDouble17g} writes: {@code -2.2250738585072014e-308} is 24 bytes. */
    public static final int MAX_DOUBLE_CHARS = 24;

    private static final java.math.MathContext SEVENTEEN_DIGITS =
            new java.math.MathContext(17, java.math.RoundingMode.HALF_EVEN);

    /**
     * Writes {@code d} as C's {@code printf("%.17g", d)} does, which is how Redis 7.0 prints a sorted set's scores: 17
     * significant digits, correctly rounded, then trailing zeros (and a trailing point) removed; fixed notation when
     * the decimal exponent X is in {@code [-4, 17)}, else {@code d.ddde+XX} with at least two exponent digits.
     * Infinities are {@code inf} and {@code -inf}, NaN {@code nan}, negative zero {@code -0}.
     *
     * <p>Java's {@code %g} is no help: it never strips zeros and switches to scientific notation by other rules. Two
     * paths: an integer below 10^17 (the common score) prints digit by digit with no garbage; any other value goes
     * through the exact decimal expansion of the double ({@code BigDecimal}), rounded half-even to 17 digits as glibc
     * rounds, which allocates a little. A shortest-digits algorithm such as Ryu would avoid that, at ten times the code.
     *
     * @param d the value
     * @param dst where to write, with {@link #MAX_DOUBLE_CHARS} bytes free from {@code at}
     * @param at where the first byte goes
     * @return the index just past the last byte written
     */
    public static int formatDouble17g(double d, byte[] dst, int at) {
        if (Double.isNaN(d)) return ascii("nan", dst, at);
        if (Double.isInfinite(d)) return ascii(d > 0 ? "inf" : "-inf", dst, at);
        if (d == 0) return ascii(1 / d < 0 ? "-0" : "0", dst, at);
        if (d == Math.rint(d) && Math.abs(d) < 1e17) return writeLong((long) d, dst, at);
        java.math.BigDecimal exact = new java.math.BigDecimal(d).round(SEVENTEEN_DIGITS);
        String digits = exact.unscaledValue().abs().toString();
        int exponent = digits.length() - 1 - exact.scale(); // the X of printf: d.ddd times 10^X
        int n = digits.length();
        while (n > 1 && digits.charAt(n - 1) == '0') n--; // %g drops trailing zeros
        int p = at;
        if (d < 0) dst[p++] = '-';
        if (exponent < -4 || exponent >= 17) {
            dst[p++] = (byte) digits.charAt(0);
            if (n > 1) {
                dst[p++] = '.';
                for (int i = 1; i < n; i++) dst[p++] = (byte) digits.charAt(i);
            }
            dst[p++] = 'e';
            dst[p++] = (byte) (exponent < 0 ? '-' : '+');
            int e = Math.abs(exponent);
            if (e >= 100) dst[p++] = (byte) ('0' + e / 100);
            dst[p++] = (byte) ('0' + e / 10 % 10);
            dst[p++] = (byte) ('0' + e % 10);
        } else if (exponent < 0) {
            dst[p++] = '0';
            dst[p++] = '.';
            for (int i = -1; i > exponent; i--) dst[p++] = '0';
            for (int i = 0; i < n; i++) dst[p++] = (byte) digits.charAt(i);
        } else {
            for (int i = 0; i <= exponent; i++) dst[p++] = (byte) (i < n ? digits.charAt(i) : '0');
            if (n > exponent + 1) {
                dst[p++] = '.';
                for (int i = exponent + 1; i < n; i++) dst[p++] = (byte) digits.charAt(i);
            }
        }
        return p;
    }

    private static int ascii(String s, byte[] dst, int at) {
        for (int i = 0; i < s.length(); i++) dst[at++] = (byte) s.charAt(i);
        return at;
    }
}
