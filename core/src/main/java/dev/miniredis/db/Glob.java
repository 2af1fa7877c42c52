package dev.miniredis.db;

/**
 * Redis's glob-style patterns, as KEYS, SCAN MATCH, PSUBSCRIBE and PUBSUB CHANNELS use them:
 * <ul>
 *   <li>{@code *} any run of bytes, {@code ?} exactly one byte;</li>
 *   <li>{@code [abc]} one of the listed bytes, {@code [^abc]} one byte not listed, {@code [a-z]} a range (a reversed range
 *       such as {@code [z-a]} works the same);</li>
 *   <li>{@code \x} the byte {@code x} itself, also inside brackets.</li>
 * </ul>
 * Redis's quirks are kept so both servers agree on odd patterns: an unclosed {@code [} runs to the end of the pattern, and
 * a backslash that ends the pattern matches a backslash.
 *
 * <p>Redis matches recursively; we match iteratively, remembering only the last {@code *} and retrying from one byte
 * further when the rest fails. Since every other token consumes exactly one byte, that gives the same answers, and a
 * pattern like {@code *a*a*a*a*b} cannot take exponential time.
 */
public final class Glob {
    private Glob() {
    }

    /**
     * Case-sensitive match of the whole text against the pattern.
     *
     * @param pattern the glob pattern
     * @param text the bytes to test, such as a key or a channel name
     * @return whether the pattern matches all of {@code text}
     */
    public static boolean matches(byte[] pattern, byte[] text) {
        return matches(pattern, text, false);
    }

    /**
     * Match of the whole text against the pattern, optionally ignoring ASCII case (CONFIG GET matches that way).
     *
     * @param pattern the glob pattern
     * @param text the bytes to test
     * @param ignoreCase whether {@code A}-{@code Z} match {@code a}-{@code z}
     * @return whether the pattern matches all of {@code text}
     */
    public static boolean matches(byte[] pattern, byte[] text, boolean ignoreCase) {
        int p = 0;
        int t = 0;
        int starPattern = -1; // where the pattern resumes after the last '*'
        int starText = -1;    // how much text that '*' has swallowed so far
        while (t < text.length) {
            if (p < pattern.length && pattern[p] == '*') {
                while (p < pattern.length && pattern[p] == '*') p++;
                if (p == pattern.length) return true;
                starPattern = p;
                starText = t;
                continue;
            }
            int next = p < pattern.length ? matchOne(pattern, p, text[t], ignoreCase) : -1;
            if (next >= 0) {
                p = next;
                t++;
            } else if (starPattern >= 0) {
                p = starPattern;   // let the last '*' swallow one more byte and try again
                t = ++starText;
            } else {
                return false;
            }
        }
        while (p < pattern.length && pattern[p] == '*') p++;
        return p == pattern.length;
    }

    // Matches the single token at pattern[p] against one byte; returns the index after the token, or -1.
    private static int matchOne(byte[] pattern, int p, byte c, boolean ignoreCase) {
        byte token = pattern[p];
        if (token == '?') return p + 1;
        if (token == '[') return matchClass(pattern, p + 1, c, ignoreCase);
        if (token == '\\' && p + 1 < pattern.length) {
            p++;
            token = pattern[p];
        }
        return same(token, c, ignoreCase) ? p + 1 : -1;
    }

    // pattern[p] is just past '['. Returns the index after the closing ']' (or the pattern's end), or -1.
    private static int matchClass(byte[] pattern, int p, byte c, boolean ignoreCase) {
        int n = pattern.length;
        boolean negate = p < n && pattern[p] == '^';
        if (negate) p++;
        boolean match = false;
        while (true) {
            if (p >= n) break;                          // unclosed: the class runs to the end of the pattern
            byte b = pattern[p];
            if (b == '\\' && p + 1 < n) {
                p++;
                if (same(pattern[p], c, ignoreCase)) match = true;
            } else if (b == ']') {
                p++;
                break;
            } else if (p + 2 < n && pattern[p + 1] == '-') {
                int start = pattern[p] & 0xff;
                int end = pattern[p + 2] & 0xff;
                if (start > end) {
                    int swap = start;
                    start = end;
                    end = swap;
                }
                int x = c & 0xff;
                if (ignoreCase) {
                    start = lower(start);
                    end = lower(end);
                    x = lower(x);
                }
                if (x >= start && x <= end) match = true;
                p += 2;
            } else if (same(b, c, ignoreCase)) {
                match = true;
            }
            p++;
        }
        if (negate) match = !match;
        return match ? p : -1;
    }

    private static boolean same(byte a, byte b, boolean ignoreCase) {
        return a == b || (ignoreCase && lower(a & 0xff) == lower(b & 0xff));
    }

    private static int lower(int c) {
        return c >= 'A' && c <= 'Z' ? c + 32 : c;
    }
}
