package dev.miniredis.command.string;

import dev.miniredis.testing.RawClient;
import dev.miniredis.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The commands that rebuild a string in a reusable buffer (SETRANGE, SETBIT, BITOP, APPEND next to them) against a
 * {@code Map<String, byte[]>} model, through a real server on an ephemeral port: seeded random sequences on a few keys,
 * every reply and every value checked. This runs without redis-server (the differential test needs one); what it
 * guards is the bookkeeping: zero padding over a scratch array that still holds the last command's bytes, lengths,
 * and values that cross the size where scratch arrays give way to arrays of their own.
 */
@Timeout(120)
class StringModelTest {
    private static final long SEED = 7_2026_1130L;
    private static final String[] KEYS = {"a", "b", "c"};

    private final Map<String, byte[]> model = new HashMap<>();

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    private static String bulk(byte[] b) {
        return b == null ? "$-1\r\n" : "$" + b.length + "\r\n" + text(b) + "\r\n";
    }

    private byte[] value(String key) {
        return model.getOrDefault(key, new byte[0]);
    }

    private static byte[] randomBytes(SplittableRandom r, int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) b[i] = (byte) r.nextInt(256);
        return b;
    }

    @Test
    void rebuiltStringsMatchTheModel() throws Exception {
        SplittableRandom r = new SplittableRandom(SEED);
        try (TestServer server = new TestServer(); RawClient c = server.connect()) {
            for (int step = 0; step < 4_000; step++) {
                String k = KEYS[r.nextInt(KEYS.length)];
                // Now and then a value past the 64 KB where scratch arrays stop, to cross over both ways.
                int reach = r.nextInt(50) == 0 ? Strings.SCRATCH_LIMIT + 1000 : 200;
                String[] command;
                String expected;
                switch (r.nextInt(9)) {
                    case 0 -> {
                        byte[] v = randomBytes(r, r.nextInt(60));
                        command = new String[] {"SET", k, text(v)};
                        model.put(k, v);
                        expected = "+OK\r\n";
                    }
                    case 1 -> {
                        int offset = r.nextInt(reach);
                        byte[] v = randomBytes(r, r.nextInt(20));
                        command = new String[] {"SETRANGE", k, String.valueOf(offset), text(v)};
                        byte[] old = value(k);
                        if (v.length > 0) {
                            byte[] now = Arrays.copyOf(old, Math.max(old.length, offset + v.length));
                            System.arraycopy(v, 0, now, offset, v.length);
                            model.put(k, now);
                        }
                        expected = ":" + value(k).length + "\r\n";
                    }
                    case 2 -> {
                        long bit = r.nextInt(reach * 8);
                        int on = r.nextInt(2);
                        command = new String[] {"SETBIT", k, String.valueOf(bit), String.valueOf(on)};
                        byte[] now = Arrays.copyOf(value(k), (int) Math.max(value(k).length, bit / 8 + 1));
                        int mask = 0x80 >>> (bit % 8);
                        expected = ":" + ((now[(int) (bit / 8)] & mask) != 0 ? 1 : 0) + "\r\n";
                        now[(int) (bit / 8)] = (byte) (on == 1 ? now[(int) (bit / 8)] | mask : now[(int) (bit / 8)] & ~mask);
                        model.put(k, now);
                    }
                    case 3 -> {
                        byte[] v = randomBytes(r, r.nextInt(30));
                        command = new String[] {"APPEND", k, text(v)};
                        byte[] old = value(k);
                        byte[] now = Arrays.copyOf(old, old.length + v.length);
                        System.arraycopy(v, 0, now, old.length, v.length);
                        model.put(k, now);
                        expected = ":" + now.length + "\r\n";
                    }
                    case 4 -> {
                        String op = new String[] {"AND", "OR", "XOR", "NOT"}[r.nextInt(4)];
                        String x = KEYS[r.nextInt(KEYS.length)];
                        String y = KEYS[r.nextInt(KEYS.length)];
                        command = op.equals("NOT") ? new String[] {"BITOP", op, k, x}
                                : new String[] {"BITOP", op, k, x, y};
                        byte[] bx = value(x);
                        byte[] by = op.equals("NOT") ? new byte[0] : value(y);
                        int n = Math.max(bx.length, by.length);
                        byte[] out = new byte[n];
                        for (int i = 0; i < n; i++) {
                            int p = i < bx.length ? bx[i] : 0;
                            int q = i < by.length ? by[i] : 0;
                            out[i] = (byte) switch (op) {
                                case "AND" -> p & q;
                                case "OR" -> p | q;
                                case "XOR" -> p ^ q;
                                default -> ~p;
                            };
                        }
                        if (n == 0) model.remove(k);
                        else model.put(k, out);
                        expected = ":" + n + "\r\n";
                    }
                    case 5 -> {
                        command = new String[] {"GET", k};
                        expected = bulk(model.get(k));
                    }
                    case 6 -> {
                        byte[] v = value(k);
                        int from = r.nextInt(v.length + 5);
                        int to = r.nextInt(v.length + 5);
                        command = new String[] {"GETRANGE", k, String.valueOf(from), String.valueOf(to)};
                        int end = Math.min(to, v.length - 1);
                        expected = bulk(from > end ? new byte[0] : Arrays.copyOfRange(v, from, end + 1));
                    }
                    case 7 -> {
                        command = new String[] {"BITCOUNT", k};
                        long ones = 0;
                        for (byte b : value(k)) ones += Integer.bitCount(b & 0xff);
                        expected = ":" + ones + "\r\n";
                    }
                    default -> {
                        command = new String[] {"DEL", k};
                        expected = ":" + (model.remove(k) != null ? 1 : 0) + "\r\n";
                    }
                }
                assertThat(c.call(command)).as("seed %d, step %d: %s", SEED, step, command[0] + " " + command[1])
                        .isEqualTo(expected);
            }
            for (String k : KEYS) assertThat(c.call("GET", k)).isEqualTo(bulk(model.get(k)));
        }
    }
}
