package dev.miniredis.command;

/**
 * What SCAN, SSCAN, HSCAN and ZSCAN share: the cursor, read as Redis reads it, and the {@code MATCH pattern} /
 * {@code COUNT count} options (and SCAN's {@code TYPE type}). Each command decides <em>when</em> to parse the options:
 * SCAN at once; the others only after they know the key exists, since Redis answers an empty scan for a missing key
 * whatever the options say.
 */
public final class ScanOptions {
    private static final CommandError INVALID_CURSOR = new CommandError("ERR invalid cursor");

    /** The MATCH pattern, or null to match everything (a pattern of just {@code *} is dropped: it would match all). */
    public final byte[] pattern;
    /** COUNT: how much work one step does, 10 by default. */
    public final long count;
    /** SCAN's TYPE filter, or null. */
    public final byte[] type;

    private ScanOptions(byte[] pattern, long count, byte[] type) {
        this.pattern = pattern;
        this.count = count;
        this.type = type;
    }

    /**
     * The options in {@code argv[from..]}: pairs of name and value, in any order, each may repeat (the last wins).
     *
     * @param argv the command
     * @param from where the options start
     * @param allowType whether {@code TYPE} is an option (SCAN only)
     * @return the options
     * @throws CommandError a syntax error (an unknown option, one without a value, COUNT below 1) or a COUNT that is
     *                      not an integer
     */
    public static ScanOptions parse(byte[][] argv, int from, boolean allowType) {
        byte[] pattern = null;
        long count = 10;
        byte[] type = null;
        for (int i = from; i < argv.length; i += 2) {
            boolean hasValue = argv.length - i >= 2;
            if (hasValue && Args.equalsIgnoreCase(argv[i], "count")) {
                count = Args.parseLong(argv[i + 1]);
                if (count < 1) throw CommandError.SYNTAX;
            } else if (hasValue && Args.equalsIgnoreCase(argv[i], "match")) {
                byte[] p = argv[i + 1];
                pattern = p.length == 1 && p[0] == '*' ? null : p;
            } else if (allowType && hasValue && Args.equalsIgnoreCase(argv[i], "type")) {
                type = argv[i + 1];
            } else {
                throw CommandError.SYNTAX;
            }
        }
        return new ScanOptions(pattern, count, type);
    }

    /**
     * The cursor as C's {@code strtoul} reads it, which is what Redis uses: an optional sign ({@code -1} wraps around to
     * the largest unsigned value), decimal digits, nothing after them, no leading space, no overflow; an empty cursor
     * is 0 ({@code strtoul("")} stops at once without complaint).
     *
     * @param bytes the cursor argument
     * @return the cursor, as the bits of an unsigned long
     * @throws CommandError {@code ERR invalid cursor}
     */
    public static long parseCursor(byte[] bytes) {
        int i = 0;
        boolean negative = false;
        if (bytes.length > 0 && (bytes[0] == '+' || bytes[0] == '-')) {
            negative = bytes[0] == '-';
            i++;
        }
        if (i == bytes.length) {
            if (i == 0) return 0;
            throw INVALID_CURSOR;
        }
        long value = 0;
        for (; i < bytes.length; i++) {
            int digit = bytes[i] - '0';
            if (digit < 0 || digit > 9) throw INVALID_CURSOR;
            if (Long.compareUnsigned(value, Long.divideUnsigned(-1L - digit, 10)) > 0) throw INVALID_CURSOR;
            value = value * 10 + digit;
        }
        return negative ? -value : value;
    }
}
