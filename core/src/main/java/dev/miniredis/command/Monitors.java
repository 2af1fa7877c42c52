package dev.miniredis.command;

import dev.miniredis.protocol.Numbers;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The MONITOR fan-out: every command that ran is written as one line to every connection that sent MONITOR, in Redis's
 * format:
 *
 * <pre>
 *   +1700000000.123456 [0 127.0.0.1:50000] "SET" "k" "v"\r\n
 *    └ seconds.micros   └ db, client address  └ each argument quoted, as the client sent it
 * </pre>
 *
 * Like PUBLISH, the line is encoded once and the same bytes are copied into each monitor's write buffer (RESP3 monitors
 * get the same simple string; Redis does not make it a push). Arguments are quoted as Redis's {@code sdscatrepr} does:
 * {@code \\}, {@code \"}, {@code \n}, {@code \r}, {@code \t}, {@code \a}, {@code \b} escaped, other bytes outside
 * printable ASCII as {@code \xNN}.
 *
 * <p>What is not shown, as in Redis: commands refused before they ran (unknown, wrong arity, NOAUTH, ...), and commands
 * flagged {@code admin} or {@code skip_monitor} (CONFIG, CLIENT LIST, SLOWLOG, DEBUG...). AUTH's and HELLO's secrets
 * arrive here already replaced by {@code (redacted)}.
 *
 * <p>With no monitor the table pays one {@code isEmpty} check per command. Loop thread only.
 */
public final class Monitors {
    private final List<Session> monitors = new ArrayList<>();
    private byte[] line = new byte[256];

    /**
     * Starts streaming to a connection (MONITOR). Adding one twice is harmless.
     *
     * @param s the connection
     */
    public void add(Session s) {
        if (!monitors.contains(s)) monitors.add(s);
    }

    /**
     * Stops streaming to a connection (it closed, or RESET).
     *
     * @param s the connection
     */
    public void remove(Session s) {
        monitors.remove(s);
    }

    /**
     * Whether nobody is monitoring: the usual case, checked once per command.
     *
     * @return true with no monitor
     */
    public boolean isEmpty() {
        return monitors.isEmpty();
    }

    /**
     * How many connections are monitoring.
     *
     * @return the count
     */
    public int size() {
        return monitors.size();
    }

    void feed(long epochMicros, int db, String address, byte[][] argv) {
        int p = 0;
        p = put(p, (byte) '+');
        ensure(p + 64 + address.length());
        p = Numbers.writeLong(epochMicros / 1_000_000, line, p);
        line[p++] = '.';
        long micros = epochMicros % 1_000_000;
        for (long div = 100_000; div > 0; div /= 10) line[p++] = (byte) ('0' + (micros / div) % 10);
        line[p++] = ' ';
        line[p++] = '[';
        p = Numbers.writeLong(db, line, p);
        line[p++] = ' ';
        for (int i = 0; i < address.length(); i++) line[p++] = (byte) address.charAt(i);
        line[p++] = ']';
        for (byte[] arg : argv) {
            ensure(p + 3 + arg.length * 4);
            line[p++] = ' ';
            p = quote(arg, line, p);
        }
        ensure(p + 2);
        line[p++] = '\r';
        line[p++] = '\n';
        byte[] frame = Arrays.copyOf(line, p);
        for (int i = 0; i < monitors.size(); i++) monitors.get(i).sendRaw(frame);
    }

    private int put(int p, byte b) {
        ensure(p + 1);
        line[p] = b;
        return p + 1;
    }

    private void ensure(int size) {
        if (line.length < size) line = Arrays.copyOf(line, Math.max(size, line.length * 2));
    }

    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    /**
     * Redis's {@code sdscatrepr}: the bytes in double quotes, escaped so the line stays one printable line.
     *
     * @param arg the bytes
     * @param out where to write (room for {@code 2 + 4 * arg.length} bytes)
     * @param p where to start
     * @return the position after the closing quote
     */
    static int quote(byte[] arg, byte[] out, int p) {
        out[p++] = '"';
        for (byte b : arg) {
            switch (b) {
                case '\\', '"' -> { out[p++] = '\\'; out[p++] = b; }
                case '\n' -> { out[p++] = '\\'; out[p++] = 'n'; }
                case '\r' -> { out[p++] = '\\'; out[p++] = 'r'; }
                case '\t' -> { out[p++] = '\\'; out[p++] = 't'; }
                case 7 -> { out[p++] = '\\'; out[p++] = 'a'; }
                case '\b' -> { out[p++] = '\\'; out[p++] = 'b'; }
                default -> {
                    if (b >= 0x20 && b <= 0x7e) {
                        out[p++] = b;
                    } else {
                        out[p++] = '\\';
                        out[p++] = 'x';
                        out[p++] = HEX[(b >> 4) & 0xf];
                        out[p++] = HEX[b & 0xf];
                    }
                }
            }
        }
        out[p++] = '"';
        return p;
    }
}
