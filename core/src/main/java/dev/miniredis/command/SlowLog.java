package dev.miniredis.command;

import java.nio.charset.StandardCharsets;

/**
 * SLOWLOG's memory: the last {@code slowlog-max-len} commands that ran for at least {@code slowlog-log-slower-than}
 * microseconds, newest first, in a ring buffer.
 *
 * <pre>
 *   entries: [ e7 | e8 | e9 | e4 | e5 | e6 ]     capacity 6, size 6
 *                          ^ head: the next write goes here (overwriting the oldest, e4)
 *   SLOWLOG GET walks backwards from head-1: e9 e8 e7 e6 e5 e4
 * </pre>
 *
 * An entry is what Redis keeps: an id that only grows (RESET does not rewind it), the Unix time in seconds, the duration
 * in microseconds, the arguments (at most 32, the last one then saying {@code "... (N more arguments)"}, each at most 128
 * bytes followed by {@code "... (N more bytes)"}), the client's address and name. The arguments are copied: the parser
 * reuses its argument arrays for the next command. Copying happens only for a command that is logged, so the usual
 * command pays one comparison here.
 *
 * <p>Changing {@code slowlog-max-len} takes effect at the next entry, as in Redis (which trims the list after each push):
 * until then LEN and GET still see the old entries.
 *
 * <p>Loop thread only.
 */
public final class SlowLog {
    /** Redis's SLOWLOG_ENTRY_MAX_ARGC and SLOWLOG_ENTRY_MAX_STRING. */
    static final int MAX_ARGS = 32;
    static final int MAX_ARG_BYTES = 128;

    /** One logged command. */
    public record Entry(long id, long timeSeconds, long durationMicros, byte[][] args, String address, byte[] name) {
    }

    private Entry[] ring = new Entry[0];
    private int head;
    private int size;
    private long nextId;
    private long slowerThanMicros = 10_000;
    private long maxLen = 128;

    /**
     * {@code slowlog-log-slower-than}: negative switches logging off, 0 logs every command.
     *
     * @return the threshold in microseconds
     */
    public long slowerThanMicros() {
        return slowerThanMicros;
    }

    /**
     * Sets {@code slowlog-log-slower-than}.
     *
     * @param micros the threshold; negative disables the log
     */
    public void slowerThanMicros(long micros) {
        this.slowerThanMicros = micros;
    }

    /**
     * {@code slowlog-max-len}.
     *
     * @return the most entries kept
     */
    public long maxLen() {
        return maxLen;
    }

    /**
     * Sets {@code slowlog-max-len}; the entries over it go at the next push, as in Redis.
     *
     * @param maxLen the most entries kept
     */
    public void maxLen(long maxLen) {
        this.maxLen = maxLen;
    }

    /** Whether a command that ran this long is logged: the one check every command pays. */
    boolean wants(long durationMicros) {
        return slowerThanMicros >= 0 && durationMicros >= slowerThanMicros;
    }

    void add(byte[][] argv, long timeSeconds, long durationMicros, String address, byte[] name) {
        int argc = Math.min(argv.length, MAX_ARGS);
        byte[][] args = new byte[argc][];
        for (int i = 0; i < argc; i++) {
            if (argc == MAX_ARGS && i == MAX_ARGS - 1 && argv.length > MAX_ARGS) {
                args[i] = ("... (" + (argv.length - MAX_ARGS + 1) + " more arguments)").getBytes(StandardCharsets.US_ASCII);
            } else if (argv[i].length > MAX_ARG_BYTES) {
                byte[] cut = java.util.Arrays.copyOf(argv[i], MAX_ARG_BYTES);
                byte[] tail = ("... (" + (argv[i].length - MAX_ARG_BYTES) + " more bytes)").getBytes(StandardCharsets.US_ASCII);
                args[i] = java.util.Arrays.copyOf(cut, MAX_ARG_BYTES + tail.length);
                System.arraycopy(tail, 0, args[i], MAX_ARG_BYTES, tail.length);
            } else {
                args[i] = argv[i].clone();
            }
        }
        push(new Entry(nextId++, timeSeconds, durationMicros, args, address, name == null ? new byte[0] : name.clone()));
    }

    private void push(Entry e) {
        if (maxLen == 0) {
            ring = new Entry[0];
            head = 0;
            size = 0;
            return;
        }
        // The ring grows by doubling as entries come, up to maxLen (which may be huge: CONFIG SET accepts any long), and
        // shrinks to maxLen when that was lowered, keeping the newest.
        if (ring.length > maxLen) resize((int) maxLen);
        else if (size == ring.length && ring.length < maxLen) resize((int) Math.min(maxLen, Math.max(16, ring.length * 2L)));
        ring[head] = e;
        head = (head + 1) % ring.length;
        if (size < ring.length) size++;
    }

    // Keeps the newest min(size, capacity) entries, in order, in a ring of the new capacity.
    private void resize(int capacity) {
        Entry[] next = new Entry[capacity];
        int keep = Math.min(size, capacity);
        for (int i = 0; i < keep; i++) next[keep - 1 - i] = newest(i);
        ring = next;
        size = keep;
        head = keep % capacity;
    }

    /**
     * Entries held ({@code SLOWLOG LEN}).
     *
     * @return the count
     */
    public int size() {
        return size;
    }

    /**
     * The i-th newest entry.
     *
     * @param i 0 for the newest, up to {@code size() - 1}
     * @return the entry
     */
    public Entry newest(int i) {
        return ring[Math.floorMod(head - 1 - i, ring.length)];
    }

    /** {@code SLOWLOG RESET}: forget every entry; ids keep counting up. */
    public void reset() {
        java.util.Arrays.fill(ring, null);
        head = 0;
        size = 0;
    }
}
