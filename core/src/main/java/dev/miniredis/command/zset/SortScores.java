package dev.miniredis.command.zset;

/**
 * SORT's numbers, read with the {@code strtod} of {@link Scores}, by the rules of Redis's {@code sortCommandGeneric}:
 * leading spaces pass (strtod skips them), the empty string is 0 (strtod stops at once on the terminator, which is all
 * Redis checks), and anything not entirely a number, NaN, or out of range (ERANGE) is refused. It lives beside
 * {@link Scores} so that there is one strtod in the code base.
 */
public final class SortScores {
    private SortScores() {
    }

    /**
     * The number SORT sorts {@code b} by.
     *
     * @param b an element, or the value of its BY key
     * @return the number, or NaN if SORT must answer "One or more scores can't be converted into double"
     */
    public static double parse(byte[] b) {
        return Scores.sortValue(b);
    }
}
