package dev.miniredis.command;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The counters behind INFO's {@code commandstats} and {@code errorstats} sections and {@code total_error_replies}: per
 * command, how often it ran, how long it took in total, how often it was refused before running (wrong arity, NOAUTH,
 * OOM, subscribed mode) and how often it ran and answered with an error; per error code, how many error replies carried
 * it.
 *
 * <p>Counters are primitive arrays indexed by each spec's slot (a number every {@link CommandSpec} draws once when it is
 * built), so counting a command is three array writes, no map lookup and no allocation. Specs are shared by every
 * table in the JVM, the counters belong to one table: two servers in one test JVM do not count each other's commands.
 *
 * <p>Error codes go into a sorted map, as Redis keeps them in a radix tree (so INFO lists them alphabetically). Errors
 * are the rare path: parsing the code out of the message allocates, and that is fine there. As in Redis the code is the
 * first word of the message when it comes within the first 32 bytes, else {@code ERR}.
 *
 * <p>Loop thread only, like the table that owns it.
 */
public final class CommandStats {
    private long[] calls = new long[256];
    private long[] micros = new long[256];
    private long[] rejected = new long[256];
    private long[] failed = new long[256];
    private CommandSpec[] specs = new CommandSpec[256];
    private final Map<String, long[]> errorCodes = new TreeMap<>();
    private long totalErrorReplies;

    void called(CommandSpec spec, long durationMicros, boolean failedCall) {
        int slot = slot(spec);
        calls[slot]++;
        micros[slot] += durationMicros;
        if (failedCall) failed[slot]++;
    }

    void rejected(CommandSpec spec) {
        if (spec == Unknown.COMMAND || spec == Unknown.SUBCOMMAND) return; // Redis has no row for what it cannot name
        int slot = slot(spec);  // first: it may grow the arrays
        rejected[slot]++;
    }

    private int slot(CommandSpec spec) {
        int slot = spec.statsSlot();
        if (slot >= specs.length) grow(slot + 1);
        if (specs[slot] == null) specs[slot] = spec;   // a reference store costs a GC barrier: only the first time
        return slot;
    }

    private void grow(int atLeast) {
        int n = Math.max(atLeast, specs.length * 2);
        calls = Arrays.copyOf(calls, n);
        micros = Arrays.copyOf(micros, n);
        rejected = Arrays.copyOf(rejected, n);
        failed = Arrays.copyOf(failed, n);
        specs = Arrays.copyOf(specs, n);
    }

    /**
     * One error reply was written to some client (the writers' {@code ErrorListener}).
     *
     * @param message the error line, code first
     */
    public void errorReplied(String message) {
        totalErrorReplies++;
        int space = message.indexOf(' ');
        String code = space > 0 && space < 32 ? message.substring(0, space) : "ERR";
        errorCodes.computeIfAbsent(code, c -> new long[1])[0]++;
    }

    /**
     * Error replies since the start or the last CONFIG RESETSTAT ({@code total_error_replies}).
     *
     * @return the count
     */
    public long totalErrorReplies() {
        return totalErrorReplies;
    }

    /**
     * The {@code errorstats} lines' data, alphabetically by code.
     *
     * @return code to count, a new map
     */
    public Map<String, Long> errorCounts() {
        Map<String, Long> copy = new TreeMap<>();
        errorCodes.forEach((code, n) -> copy.put(code, n[0]));
        return copy;
    }

    /** One row of {@code commandstats}. */
    public record Row(String name, long calls, long micros, long rejectedCalls, long failedCalls) {
    }

    /**
     * Every command that ran or was refused at least once, by name (Redis walks its hash table, an order that changes
     * from process to process; a sorted list is the honest stable choice).
     *
     * @return the rows, a new list
     */
    public List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < specs.length; i++) {
            if (specs[i] == null || (calls[i] == 0 && rejected[i] == 0 && failed[i] == 0)) continue;
            rows.add(new Row(specs[i].name(), calls[i], micros[i], rejected[i], failed[i]));
        }
        rows.sort(Comparator.comparing(Row::name));
        return rows;
    }

    /** CONFIG RESETSTAT: every counter back to zero, as Redis's resetCommandTableStats and resetErrorTableStats do. */
    public void reset() {
        Arrays.fill(calls, 0);
        Arrays.fill(micros, 0);
        Arrays.fill(rejected, 0);
        Arrays.fill(failed, 0);
        errorCodes.clear();
        totalErrorReplies = 0;
    }
}
