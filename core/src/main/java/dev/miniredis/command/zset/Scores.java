package dev.miniredis.command.zset;

import dev.miniredis.command.CommandError;

import java.nio.charset.StandardCharsets;

/**
 * Scores as Redis reads them: C's {@code strtod}, with the checks Redis adds around it.
 *
 * <p>Redis reads a score in two places with two sets of rules, and clients notice the difference:
 * <ul>
 *   <li><b>A value</b> (ZADD, ZINCRBY, WEIGHTS; {@code getDoubleFromObject}): the whole argument must be a number, no
 *       leading space ({@code isspace} is checked first, because {@code strtod} would skip it), not NaN, and not out of
 *       range: {@code 1e400} and {@code 1e-400} are errors (ERANGE with an infinite or zero result), while
 *       {@code 1e-310}, a denormal, is accepted.</li>
 *   <li><b>A range bound</b> (ZRANGEBYSCORE, ZCOUNT; {@code zslParseRange}): an optional {@code (} for an exclusive
 *       bound, then {@code strtod} must use up the rest. Nothing else is checked: leading spaces pass, {@code 1e400} is
 *       infinity, and the empty string is 0 ({@code strtod("")} consumes nothing and stops at the terminator, which is
 *       all Redis asks).</li>
 * </ul>
 * Both accept what {@code strtod} does: a sign, decimal digits with a point and an exponent, {@code inf} and
 * {@code infinity} in any case, and hex floats ({@code 0x10} is 16).
 *
 * <p>The common score, a short integer, is parsed digit by digit. Anything else is first checked against the
 * {@code strtod} grammar here, then converted by {@link Double#parseDouble}, which rounds correctly; that goes
 * through a {@code String}, a small cost we accept off the common path rather than write a correctly rounded decimal
 * parser.
 */
final class Scores {
    private Scores() {
    }

    /** A score argument that is not a number. */
    static final CommandError NOT_A_FLOAT = new CommandError("ERR value is not a valid float");
    /** A score range bound that is not a number. */
    static final CommandError RANGE_NOT_A_FLOAT = new CommandError("ERR min or max is not a float");
    /** ZINCRBY or ZADD INCR of infinity by minus infinity. */
    static final CommandError NAN_RESULT = new CommandError("ERR resulting score is not a number (NaN)");

    /**
     * A score value by {@code getDoubleFromObject}'s rules.
     *
     * @param b the argument
     * @param error the reply when it is not a number
     * @return the score, never NaN
     */
    static double value(byte[] b, CommandError error) {
        if (b.length == 0 || isSpace(b[0])) throw error;
        double d = strtod(b, 0, true);
        if (Double.isNaN(d)) throw error;
        return d;
    }

    /**
     * A score value: {@link #value(byte[], CommandError)} with Redis's usual error.
     *
     * @param b the argument
     * @return the score
     */
    static double value(byte[] b) {
        return value(b, NOT_A_FLOAT);
    }

    /**
     * The number of a range bound from {@code from} on (after any {@code (}), by {@code zslParseRange}'s rules.
     *
     * @param b the argument
     * @param from where the number starts
     * @return the bound
     */
    static double bound(byte[] b, int from) {
        int i = from;
        while (i < b.length && isSpace(b[i])) i++;
        if (i == b.length && i == from) return 0; // strtod("") is 0, and Redis takes it
        double d = strtod(b, i, false);
        if (Double.isNaN(d)) throw RANGE_NOT_A_FLOAT;
        return d;
    }

    /**
     * A number as SORT reads it ({@link SortScores}): {@link #bound}'s strtod over the whole argument, plus the ERANGE
     * check; NaN when it is not a number.
     */
    static double sortValue(byte[] b) {
        int i = 0;
        while (i < b.length && isSpace(b[i])) i++;
        if (b.length == 0) return 0;               // strtod("") converts nothing and stops on the terminator
        if (i == b.length) return Double.NaN;       // only spaces: no conversion, the pointer stays on a space
        return strtod(b, i, true);
    }

    private static boolean isSpace(byte c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000b' || c == '\f' || c == '\r';
    }

    /**
     * {@code strtod} over the whole of {@code b[from..]}; NaN when it is not entirely a number (or is "nan").
     * {@code checkRange} adds the ERANGE test of values: an overflow to infinity, or an underflow to zero.
     */
    private static double strtod(byte[] b, int from, boolean checkRange) {
        int n = b.length;
        int i = from;
        boolean negative = false;
        if (i < n && (b[i] == '+' || b[i] == '-')) negative = b[i++] == '-';
        if (i == n) return Double.NaN;
        // The common case first: up to 15 digits is an exact long, and so an exact double.
        if (n - i <= 15) {
            long v = 0;
            int j = i;
            while (j < n && b[j] >= '0' && b[j] <= '9') v = v * 10 + (b[j++] - '0');
            if (j == n) return negative ? -(double) v : v;
        }
        if (matchesWord(b, i, "inf") || matchesWord(b, i, "infinity")) {
            return negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        boolean hex = n - i > 2 && b[i] == '0' && (b[i + 1] == 'x' || b[i + 1] == 'X');
        boolean valid = hex ? hexFloat(b, i + 2) : decimalFloat(b, i);
        if (!valid) return Double.NaN;
        String text = new String(b, from, n - from, StandardCharsets.ISO_8859_1);
        if (hex && text.indexOf('p') < 0 && text.indexOf('P') < 0) text += "p0"; // Java insists on the exponent
        double d = Double.parseDouble(text);
        if (checkRange) {
            if (Double.isInfinite(d)) return Double.NaN;                  // ERANGE, HUGE_VAL
            if (d == 0 && hasNonZeroDigit(b, i, hex)) return Double.NaN;  // ERANGE, underflow to zero
        }
        return d;
    }

    private static boolean matchesWord(byte[] b, int i, String word) {
        if (b.length - i != word.length()) return false;
        for (int k = 0; k < word.length(); k++) {
            if ((b[i + k] | 0x20) != word.charAt(k)) return false;
        }
        return true;
    }

    // digits [. digits] [e [sign] digits], at least one mantissa digit.
    private static boolean decimalFloat(byte[] b, int i) {
        int n = b.length;
        int digits = 0;
        while (i < n && isDigit(b[i])) {
            i++;
            digits++;
        }
        if (i < n && b[i] == '.') {
            i++;
            while (i < n && isDigit(b[i])) {
                i++;
                digits++;
            }
        }
        if (digits == 0) return false;
        if (i < n && (b[i] == 'e' || b[i] == 'E')) {
            i++;
            if (i < n && (b[i] == '+' || b[i] == '-')) i++;
            int exp = 0;
            while (i < n && isDigit(b[i])) {
                i++;
                exp++;
            }
            if (exp == 0) return false;
        }
        return i == n;
    }

    // hexdigits [. hexdigits] [p [sign] digits], at least one mantissa digit.
    private static boolean hexFloat(byte[] b, int i) {
        int n = b.length;
        int digits = 0;
        while (i < n && Character.digit(b[i], 16) >= 0) {
            i++;
            digits++;
        }
        if (i < n && b[i] == '.') {
            i++;
            while (i < n && Character.digit(b[i], 16) >= 0) {
                i++;
                digits++;
            }
        }
        if (digits == 0) return false;
        if (i < n && (b[i] == 'p' || b[i] == 'P')) {
            i++;
            if (i < n && (b[i] == '+' || b[i] == '-')) i++;
            int exp = 0;
            while (i < n && isDigit(b[i])) {
                i++;
                exp++;
            }
            if (exp == 0) return false;
        }
        return i == n;
    }

    private static boolean hasNonZeroDigit(byte[] b, int i, boolean hex) {
        if (hex) i += 2;
        for (; i < b.length; i++) {
            byte c = b[i];
            if (c == 'e' || c == 'E' || c == 'p' || c == 'P') return false;
            if (c >= '1' && c <= '9' || hex && Character.digit(c, 16) > 0) return true;
        }
        return false;
    }

    private static boolean isDigit(byte c) {
        return c >= '0' && c <= '9';
    }
}
