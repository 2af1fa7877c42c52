package dev.miniredis.command;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

/**
 * The arithmetic of HINCRBYFLOAT and INCRBYFLOAT, done exactly as Redis does it in C's {@code long double}: on x86-64
 * that is the x87 80-bit extended format, a 64-bit significand (where a {@code double} has 53) and an exponent
 * range up to about 1.19e4932. Java has no such type, so we compute with exact {@link BigDecimal}s and round to that
 * format by hand at the three places C rounds:
 * <ol>
 *   <li><b>parsing</b> ({@code string2ld}, which calls {@code strtold}): the decimal (or hex) text is read exactly and
 *       rounded to the nearest extended value, ties to even;</li>
 *   <li><b>adding</b> ({@code value += incr}): the exact sum of two extended values, rounded again the same way;</li>
 *   <li><b>printing</b> ({@code ld2string} with {@code "%.17Lf"}): the exact binary value rounded to 17 decimals,
 *       ties to even as glibc's printf does, then trailing zeros and a bare dot removed, and {@code -0} written
 *       {@code 0}.</li>
 * </ol>
 * That is why {@code HINCRBYFLOAT k f 0.1} then {@code 0.2} answers {@code 0.3} in Redis (the 64-bit significand
 * carries the error well past the 17th decimal), where a {@code double} would answer {@code 0.30000000000000004}.
 *
 * <p>A value here is a {@link BigDecimal} holding an extended number exactly, or {@link #INFINITY}, which stands for
 * both infinities and NaN: every caller answers them with the same error, so the sign and NaN-ness never matter. This
 * is slow next to a hardware {@code fadd} (microseconds, not nanoseconds), and only these two rarely-used commands pay
 * for it.
 *
 * <p>Stateless; any thread.
 */
public final class LongDoubles {
    private LongDoubles() {
    }

    /**
     * Stands for any infinity or NaN (an identity, compare with {@code ==}; its numeric value means nothing).
     */
    public static final BigDecimal INFINITY = new BigDecimal(BigInteger.TWO.pow(16384));

    /** Redis refuses number strings this long or longer ({@code MAX_LONG_DOUBLE_CHARS}, its buffer's size). */
    private static final int MAX_CHARS = 5 * 1024;
    private static final int SIGNIFICAND_BITS = 64;
    /** The exponent of the last significand bit of the smallest subnormal, 2^-16445. */
    private static final int MIN_EXPONENT = -16382 - (SIGNIFICAND_BITS - 1);
    /** The largest exponent of the last significand bit: the largest finite value is (2^64 - 1) * 2^16320. */
    private static final int MAX_EXPONENT = 16383 - (SIGNIFICAND_BITS - 1);
    private static final BigInteger TOP = BigInteger.ONE.shiftLeft(SIGNIFICAND_BITS);

    /**
     * Parses a number as Redis's {@code string2ld} does: all of the bytes must be one {@code strtold} number (decimal
     * with an optional exponent, hex with an optional {@code p} exponent, {@code inf} or {@code infinity}), with no
     * space before or anything after, shorter than 5120 bytes, not NaN, and not so big it becomes infinite or so small
     * (but not zero) it becomes zero.
     *
     * @param b holds the text
     * @param off where it starts
     * @param len how many bytes
     * @return the nearest extended value exactly, {@link #INFINITY} for {@code inf}, or null if Redis refuses it
     */
    public static BigDecimal parse(byte[] b, int off, int len) {
        if (len == 0 || len >= MAX_CHARS) return null;
        int end = off + len;
        int i = off;
        boolean negative = false;
        if (b[i] == '+' || b[i] == '-') {
            negative = b[i] == '-';
            i++;
        }
        if (i == end) return null;
        if (matchesWord(b, i, end, "infinity") || matchesWord(b, i, end, "inf")) return INFINITY;
        // "nan" parses, and is refused for being NaN; anything else that starts with a letter does not parse at all.
        BigDecimal v;
        if (end - i > 2 && b[i] == '0' && (b[i + 1] == 'x' || b[i + 1] == 'X')) v = parseHex(b, i + 2, end);
        else v = parseDecimal(b, i, end);
        if (v == null) return null;
        return negative ? v.negate() : v;
    }

    /**
     * {@link #parse(byte[], int, int)} of a whole array.
     *
     * @param b the text
     * @return the value, {@link #INFINITY}, or null if Redis refuses it
     */
    public static BigDecimal parse(byte[] b) {
        return parse(b, 0, b.length);
    }

    /**
     * Whether a value is {@link #INFINITY}: what C's {@code isnan(x) || isinf(x)} tests.
     *
     * @param v a value from this class
     * @return true for the infinity-or-NaN stand-in
     */
    public static boolean isInfinite(BigDecimal v) {
        return v == INFINITY;
    }

    /**
     * {@code a + b} in extended precision: the exact sum rounded to 64 significant bits, ties to even; an overflow, or
     * an infinite operand, gives {@link #INFINITY}.
     *
     * @param a an extended value (from {@link #parse} or a previous sum)
     * @param b another
     * @return the rounded sum, or {@link #INFINITY}
     */
    public static BigDecimal add(BigDecimal a, BigDecimal b) {
        if (a == INFINITY || b == INFINITY) return INFINITY;
        BigDecimal sum = a.add(b);
        if (sum.signum() == 0) return BigDecimal.ZERO;
        // An exact rational num / den; a decimal's denominator is a power of ten.
        BigInteger num = sum.unscaledValue().abs();
        BigInteger den = BigInteger.ONE;
        if (sum.scale() > 0) den = BigInteger.TEN.pow(sum.scale());
        else num = num.multiply(BigInteger.TEN.pow(-sum.scale()));
        BigDecimal r = round(num, den);
        if (r == INFINITY) return INFINITY;
        return sum.signum() < 0 ? r.negate() : r;
    }

    /**
     * The text Redis stores and replies: {@code "%.17Lf"}, trailing zeros after the dot removed, then the dot if
     * nothing follows it, and {@code -0} turned into {@code 0}.
     *
     * @param v a finite extended value
     * @return ASCII bytes
     */
    public static byte[] format(BigDecimal v) {
        if (v == INFINITY) throw new IllegalArgumentException("not finite");
        BigDecimal r = v.setScale(17, RoundingMode.HALF_EVEN);
        if (r.signum() == 0) return new byte[] {'0'};
        String s = r.toPlainString();
        int l = s.length();
        while (s.charAt(l - 1) == '0') l--;
        if (s.charAt(l - 1) == '.') l--;
        byte[] out = new byte[l];
        for (int i = 0; i < l; i++) out[i] = (byte) s.charAt(i);
        return out;
    }

    // ---- parsing --------------------------------------------------------------------------------------------------

    // strtold matches "inf" and "infinity" in any case; the whole rest of the text must be the word.
    private static boolean matchesWord(byte[] b, int i, int end, String word) {
        if (end - i != word.length()) return false;
        for (int k = 0; k < word.length(); k++) {
            if ((b[i + k] | 0x20) != word.charAt(k)) return false;
        }
        return true;
    }

    private static int digit(byte c, int radix) {
        int d;
        if (c >= '0' && c <= '9') d = c - '0';
        else if (radix == 16 && (c | 0x20) >= 'a' && (c | 0x20) <= 'f') d = (c | 0x20) - 'a' + 10;
        else return -1;
        return d;
    }

    // digits [. digits] [e [sign] digits], at least one digit in the mantissa, nothing after.
    private static BigDecimal parseDecimal(byte[] b, int i, int end) {
        StringBuilder digits = new StringBuilder();
        int fractionDigits = 0;
        boolean seenDot = false;
        boolean any = false;
        for (; i < end; i++) {
            byte c = b[i];
            if (c == '.' && !seenDot) {
                seenDot = true;
            } else if (c >= '0' && c <= '9') {
                any = true;
                if (digits.length() > 0 || c != '0') digits.append((char) c);
                if (seenDot) fractionDigits++;
            } else {
                break;
            }
        }
        if (!any) return null;
        long exponent = 0;
        if (i < end) {
            if ((b[i] | 0x20) != 'e') return null;
            exponent = parseExponent(b, i + 1, end);
            if (exponent == Long.MIN_VALUE) return null; // "1e" or "1e+" leaves the 'e' unparsed: trailing junk
        }
        if (digits.length() == 0) return BigDecimal.ZERO; // zero with any exponent at all is plain zero
        // The value is digits * 10^(exponent - fractionDigits), between 10^(magnitude - 1) and 10^magnitude.
        long power = exponent - fractionDigits;
        long magnitude = digits.length() + power;
        if (magnitude > 4934) return null;               // at least 1e4934: past the largest, ~1.19e4932
        if (magnitude < -4952) return null;              // under 1e-4952: rounds to zero (the least is ~3.6e-4951)
        BigInteger unscaled = new BigInteger(digits.toString());
        BigInteger num = unscaled;
        BigInteger den = BigInteger.ONE;
        if (power >= 0) num = num.multiply(BigInteger.TEN.pow((int) power));
        else den = BigInteger.TEN.pow((int) -power);
        BigDecimal v = round(num, den);
        return v == INFINITY || v.signum() == 0 ? null : v; // strtold's ERANGE with inf or 0: Redis refuses it
    }

    // hexdigits [. hexdigits] [p [sign] digits], after the "0x".
    private static BigDecimal parseHex(byte[] b, int i, int end) {
        BigInteger mantissa = BigInteger.ZERO;
        long fractionBits = 0;
        boolean seenDot = false;
        boolean any = false;
        for (; i < end; i++) {
            byte c = b[i];
            if (c == '.' && !seenDot) {
                seenDot = true;
                continue;
            }
            int d = digit(c, 16);
            if (d < 0) break;
            any = true;
            mantissa = mantissa.shiftLeft(4).or(BigInteger.valueOf(d));
            if (seenDot) fractionBits += 4;
        }
        // "0x" with no hex digit parses as "0" and leaves "x...": trailing junk.
        if (!any) return null;
        long exponent = 0;
        if (i < end) {
            if ((b[i] | 0x20) != 'p') return null;
            exponent = parseExponent(b, i + 1, end);
            if (exponent == Long.MIN_VALUE) return null;
        }
        if (mantissa.signum() == 0) return BigDecimal.ZERO;
        long power = exponent - fractionBits;
        long magnitude = mantissa.bitLength() + power; // the value is below 2^magnitude, at least 2^(magnitude - 1)
        if (magnitude > 16385) return null;
        if (magnitude < -16446) return null;
        BigInteger num = mantissa;
        BigInteger den = BigInteger.ONE;
        if (power >= 0) num = num.shiftLeft((int) power);
        else den = den.shiftLeft((int) -power);
        BigDecimal v = round(num, den);
        return v == INFINITY || v.signum() == 0 ? null : v;
    }

    // [sign] digits to the end; Long.MIN_VALUE if there are none or something follows. Saturates far beyond any use.
    private static long parseExponent(byte[] b, int i, int end) {
        boolean negative = false;
        if (i < end && (b[i] == '+' || b[i] == '-')) {
            negative = b[i] == '-';
            i++;
        }
        if (i == end) return Long.MIN_VALUE;
        long e = 0;
        for (; i < end; i++) {
            int d = b[i] - '0';
            if (d < 0 || d > 9) return Long.MIN_VALUE;
            if (e < 1_000_000_000L) e = e * 10 + d;
        }
        return negative ? -e : e;
    }

    // ---- rounding -------------------------------------------------------------------------------------------------

    /**
     * Rounds the positive rational {@code num / den} to the nearest extended value, ties to even: a 64-bit significand
     * {@code q} times {@code 2^e}, with {@code e} no lower than the subnormals' {@link #MIN_EXPONENT}.
     */
    private static BigDecimal round(BigInteger num, BigInteger den) {
        // floor(log2(num / den)) is bitLength(num) - bitLength(den) or one less; aim q at 64 or 65 bits, then fix.
        int e = num.bitLength() - den.bitLength() - SIGNIFICAND_BITS;
        BigInteger[] qr = divide(num, den, e);
        if (qr[0].bitLength() > SIGNIFICAND_BITS) {
            e++;
            qr = divide(num, den, e);
        }
        if (e < MIN_EXPONENT) {
            e = MIN_EXPONENT; // a subnormal: fewer significant bits, the last one fixed at 2^-16445
            qr = divide(num, den, e);
        }
        BigInteger q = qr[0];
        // Round to nearest, ties to even: compare twice the remainder with the divisor.
        BigInteger divisor = e >= 0 ? den.shiftLeft(e) : den;
        int half = qr[1].shiftLeft(1).compareTo(divisor);
        if (half > 0 || (half == 0 && q.testBit(0))) q = q.add(BigInteger.ONE);
        if (q.equals(TOP)) {
            q = q.shiftRight(1);
            e++;
        }
        if (e > MAX_EXPONENT) return INFINITY;
        if (q.signum() == 0) return BigDecimal.ZERO;
        if (e >= 0) return new BigDecimal(q.shiftLeft(e));
        // q * 2^e = q * 5^-e / 10^-e: exact in decimal.
        return new BigDecimal(q.multiply(BigInteger.valueOf(5).pow(-e)), -e);
    }

    // floor(num / den / 2^e) and its remainder, where the divisor is den * 2^e (or num is scaled up by 2^-e).
    private static BigInteger[] divide(BigInteger num, BigInteger den, int e) {
        if (e >= 0) return num.divideAndRemainder(den.shiftLeft(e));
        return num.shiftLeft(-e).divideAndRemainder(den);
    }
}
