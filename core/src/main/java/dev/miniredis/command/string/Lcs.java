package dev.miniredis.command.string;

import dev.miniredis.command.Args;
import dev.miniredis.command.Category;
import dev.miniredis.command.Command;
import dev.miniredis.command.CommandError;
import dev.miniredis.command.CommandSpec;
import dev.miniredis.command.Context;
import dev.miniredis.command.Flag;
import dev.miniredis.db.Db;
import dev.miniredis.protocol.RespWriter;

/**
 * {@code LCS key1 key2 [LEN] [IDX] [MINMATCHLEN n] [WITHMATCHLEN]}: the longest common subsequence of two strings
 * (missing keys are empty): the subsequence itself, its length with {@code LEN}, or with {@code IDX} the matching
 * ranges in both strings, last first, as a map of {@code matches} and {@code len} (a RESP3 map, a flat array in RESP2).
 *
 * <h2>The algorithm</h2>
 * Redis's, the textbook dynamic programme: a table where cell {@code (i, j)} holds the LCS length of the first {@code i}
 * bytes of one string and the first {@code j} of the other, filled row by row, then walked back from the bottom-right
 * corner to spell the subsequence and cut it into ranges. The walk decides ties the way Redis does (up when the cell
 * above is strictly larger, else left), so with several subsequences of the same length we answer the same one.
 *
 * <p>The table has {@code (len1 + 1) * (len2 + 1)} cells of 4 bytes, which is why Redis refuses when that would pass
 * proto-max-bulk-len (512 MB): two strings of about 11 600 bytes. We refuse at the same size. The table is an
 * {@code int[]} allocated for the command and dropped after it: LCS is a rare, slow command, and a table kept for reuse
 * would hold up to 512 MB for good. With {@code LEN} alone two rows are enough, and that is all we allocate; with an
 * empty string no table is needed at all.
 *
 * <p>As in Redis, both keys are looked up before the options are read: a key of another type is reported first, with
 * LCS's own error text, not WRONGTYPE.
 */
record Lcs(byte[][] argv) implements Command {
    static final CommandSpec SPEC = CommandSpec.of("lcs", -3, Flag.READONLY).keys(1, 2, 1)
            .categories(Category.STRING).group("string").since("7.0.0")
            .summary("Finds the longest common substring.").parser(Lcs::parse);

    private static final long MAX_TABLE_BYTES = Strings.MAX_BYTES;

    static Command parse(Args args) {
        return new Lcs(args.all());
    }

    @Override
    public void execute(Context ctx) {
        Db db = ctx.db();
        long a = db.get(argv[1], ctx.now());
        long b = db.get(argv[2], ctx.now());
        if ((a != Db.NIL && db.type(a) != Db.TYPE_STRING) || (b != Db.NIL && db.type(b) != Db.TYPE_STRING)) {
            throw new CommandError("ERR The specified keys must contain string values");
        }
        boolean idx = false;
        boolean len = false;
        boolean withMatchLen = false;
        long minMatchLen = 0;
        for (int j = 3; j < argv.length; j++) {
            boolean more = j + 1 < argv.length;
            if (Args.equalsIgnoreCase(argv[j], "idx")) {
                idx = true;
            } else if (Args.equalsIgnoreCase(argv[j], "len")) {
                len = true;
            } else if (Args.equalsIgnoreCase(argv[j], "withmatchlen")) {
                withMatchLen = true;
            } else if (Args.equalsIgnoreCase(argv[j], "minmatchlen") && more) {
                minMatchLen = Math.max(0, Args.parseLong(argv[++j]));
            } else {
                throw CommandError.SYNTAX;
            }
        }
        if (idx && len) throw new CommandError("ERR If you want both the length and indexes, please just use IDX.");
        int aLength = Strings.length(db, a);
        int bLength = Strings.length(db, b);
        if ((long) (aLength + 1) * (bLength + 1) * 4 > MAX_TABLE_BYTES) {
            throw new CommandError("ERR Insufficient memory, transient memory for LCS exceeds proto-max-bulk-len");
        }
        byte[] x = Strings.buffer(db, 0, aLength);
        byte[] y = Strings.buffer(db, 1, bLength);
        if (aLength > 0) db.copyValue(a, 0, x, 0, aLength);
        if (bLength > 0) db.copyValue(b, 0, y, 0, bLength);
        if (len && !idx) {
            // The length is the same either way round: let the rows run along the shorter string.
            ctx.reply().integer(bLength <= aLength ? lengthOnly(x, aLength, y, bLength)
                    : lengthOnly(y, bLength, x, aLength));
            return;
        }
        int[] table = null; // an empty string has nothing in common with anything: no table to fill, none to walk
        int total = 0;
        if (aLength > 0 && bLength > 0) {
            try {
                table = table(x, aLength, y, bLength);
            } catch (OutOfMemoryError e) {
                throw new CommandError("ERR Insufficient memory, failed allocating transient memory for LCS");
            }
            total = table[aLength * (bLength + 1) + bLength];
        }
        RespWriter out = ctx.reply();
        if (!idx) {
            byte[] common = Strings.buffer(db, 2, total);
            walk(table, x, aLength, y, bLength, common, total, minMatchLen, false, null);
            out.bulk(common, 0, total);
            return;
        }
        out.map(2);
        out.bulk("matches");
        out.array(walk(table, x, aLength, y, bLength, null, total, minMatchLen, withMatchLen, null));
        walk(table, x, aLength, y, bLength, null, total, minMatchLen, withMatchLen, out);
        out.bulk("len");
        out.integer(total);
    }

    // The LCS length with two rows of the table: what LEN needs.
    private static int lengthOnly(byte[] x, int m, byte[] y, int n) {
        int[] previous = new int[n + 1];
        int[] current = new int[n + 1];
        for (int i = 1; i <= m; i++) {
            for (int j = 1; j <= n; j++) {
                current[j] = x[i - 1] == y[j - 1] ? previous[j - 1] + 1 : Math.max(previous[j], current[j - 1]);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[n];
    }

    // Cell (i, j) at i * (n + 1) + j: the LCS length of x[0..i) and y[0..j).
    private static int[] table(byte[] x, int m, byte[] y, int n) {
        int width = n + 1;
        int[] t = new int[(m + 1) * width];
        for (int i = 1; i <= m; i++) {
            for (int j = 1; j <= n; j++) {
                t[i * width + j] = x[i - 1] == y[j - 1] ? t[(i - 1) * width + j - 1] + 1
                        : Math.max(t[(i - 1) * width + j], t[i * width + j - 1]);
            }
        }
        return t;
    }

    /**
     * Walks the table back from the corner as Redis's {@code lcsCommand} does: fills {@code common} (if given) with the
     * subsequence, and writes each range at least {@code minMatchLen} long to {@code out} (if given). Returns the number
     * of such ranges, so a first walk without {@code out} gives the array's length before a second writes it.
     */
    private static int walk(int[] t, byte[] x, int m, byte[] y, int n, byte[] common, int total, long minMatchLen,
                            boolean withMatchLen, RespWriter out) {
        int width = n + 1;
        int i = m;
        int j = n;
        int index = total;
        // The range being grown backwards; aStart == m means "no range yet", as in Redis.
        int aStart = m, aEnd = 0, bStart = 0, bEnd = 0;
        int ranges = 0;
        while (i > 0 && j > 0) {
            boolean emit = false;
            if (x[i - 1] == y[j - 1]) {
                if (common != null) common[index - 1] = x[i - 1];
                if (aStart == m) {
                    aStart = i - 1;
                    aEnd = i - 1;
                    bStart = j - 1;
                    bEnd = j - 1;
                } else if (aStart == i && bStart == j) {
                    aStart--;
                    bStart--;
                } else {
                    emit = true;
                }
                if (aStart == 0 || bStart == 0) emit = true; // a string's first byte: the walk ends here
                index--;
                i--;
                j--;
            } else {
                if (t[(i - 1) * width + j] > t[i * width + j - 1]) i--;
                else j--;
                if (aStart != m) emit = true;
            }
            if (emit) {
                long matchLength = aEnd - aStart + 1;
                if (minMatchLen == 0 || matchLength >= minMatchLen) {
                    if (out != null) {
                        out.array(withMatchLen ? 3 : 2);
                        out.array(2).integer(aStart).integer(aEnd);
                        out.array(2).integer(bStart).integer(bEnd);
                        if (withMatchLen) out.integer(matchLength);
                    }
                    ranges++;
                }
                aStart = m;
            }
        }
        return ranges;
    }
}
