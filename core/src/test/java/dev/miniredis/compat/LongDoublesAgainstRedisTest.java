package dev.miniredis.compat;

import dev.miniredis.command.LongDoubles;
import dev.miniredis.testing.RawClient;
import dev.miniredis.testing.RealRedis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@link LongDoubles} against the real thing: seeded random operands (short and long, negative, with exponents near
 * the extended range's ends, hex, exact binary fractions whose 17th decimal is a tie, and malformed ones) go through
 * HINCRBYFLOAT on a real redis-server, and every reply must be what LongDoubles predicts, error or digits. Each field
 * is incremented several times, so the stored text is parsed again, as it is in Redis.
 */
@Timeout(120)
class LongDoublesAgainstRedisTest {
    private static final String[] ODD = {"", " 1", "1 ", "inf", "-inf", "+inf", "INFINITY", "nan", "-nan", "1e", "1e+",
            "0x", "0x.", "0x1p", ".", "+", "-", "+-1", "1_000", "1.5.3", ".5", "5.", "-.5e-3", "0x1p3", "0X1.8P-2",
            "0x.8p-16381", "0x1p-16445", "0x1p-16446", "0x1p16383", "0x1p16384", "1e4932",
            "1.18973149535723176502e4932",
            "1.18973149535723176508e4932", "-1.18973149535723176502e4932", "3.6e-4951", "1.8e-4951", "1e-5000",
            "1e5000", "0e99999999999", "-0", "0.0000", "1\u0000", "12345678901234567890123456789", "0.1", "0.2",
            "0.3", "10.5", "1e300", "-1e-300", "9223372036854775807", "-9223372036854775808", "18446744073709551616"};

    private static String operand(Random r) {
        switch (r.nextInt(9)) {
            case 0:
                return ODD[r.nextInt(ODD.length)];
            case 1:
                return (r.nextBoolean() ? "-" : "") + digits(r, 1 + r.nextInt(25));
            case 2:
                return (r.nextBoolean() ? "-" : "") + digits(r, 1 + r.nextInt(20)) + "." + digits(r, 1 + r.nextInt(30));
            case 3: {
                int range = r.nextInt(4) == 0 ? 5000 : 40;
                return (r.nextBoolean() ? "-" : "") + digits(r, 1 + r.nextInt(20)) + (r.nextBoolean() ? "e" : "E")
                        + (r.nextInt(2000) - 1000 == 0 ? "" : r.nextBoolean() ? "-" : "+") + r.nextInt(range);
            }
            case 4: {
                // An exact binary fraction k / 2^m: its 18th decimal may be a 5, so "%.17Lf" has to break a tie.
                int m = 15 + r.nextInt(30);
                BigDecimal v = new BigDecimal(BigInteger.valueOf(r.nextInt(1 << 20)))
                        .divide(new BigDecimal(BigInteger.TWO.pow(m)));
                return (r.nextBoolean() ? "-" : "") + v.toPlainString();
            }
            case 5: {
                StringBuilder hex = new StringBuilder(r.nextBoolean() ? "0x" : "-0X");
                for (int i = 1 + r.nextInt(20); i > 0; i--) hex.append("0123456789abcdefABCDEF".charAt(r.nextInt(22)));
                if (r.nextBoolean()) hex.append('.').append(Integer.toHexString(r.nextInt(1 << 16)));
                if (r.nextBoolean()) hex.append('p').append(r.nextInt(33000) - 16500);
                return hex.toString();
            }
            case 6:
                return "0." + "0".repeat(r.nextInt(20)) + digits(r, 1 + r.nextInt(5));
            case 7:
                return digits(r, 1 + r.nextInt(3)) + "." + digits(r, 1 + r.nextInt(3));
            default:
                return String.valueOf(r.nextInt(2001) - 1000) + "." + r.nextInt(10);
        }
    }

    private static String digits(Random r, int n) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < n; i++) s.append((char) ('0' + r.nextInt(10)));
        return s.toString();
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String bulk(byte[] text) {
        return "$" + text.length + "\r\n" + new String(text, StandardCharsets.ISO_8859_1) + "\r\n";
    }

    // What HINCRBYFLOAT answers, computed by LongDoubles, given the field's current text (null: absent).
    private static String predict(String current, String increment) {
        BigDecimal inc = LongDoubles.parse(b(increment));
        if (inc == null) return "-ERR value is not a valid float\r\n";
        if (LongDoubles.isInfinite(inc)) return "-ERR value is NaN or Infinity\r\n";
        BigDecimal value = BigDecimal.ZERO;
        if (current != null) {
            value = LongDoubles.parse(b(current));
            if (value == null) return "-ERR hash value is not a float\r\n";
        }
        BigDecimal sum = LongDoubles.add(value, inc);
        if (LongDoubles.isInfinite(sum)) return "-ERR increment would produce NaN or Infinity\r\n";
        return bulk(LongDoubles.format(sum));
    }

    @Test
    void incrementsGiveRedisDigits() throws Exception {
        assumeTrue(RealRedis.available(), "redis-server is not installed");
        long seed = Differential.seed();
        Random r = new Random(seed);
        try (RealRedis redis = new RealRedis(); RawClient c = redis.connect()) {
            String[] fields = new String[8];   // what each field holds, as we predict it; null: absent
            for (int batch = 0; batch < 60; batch++) {
                List<String[]> commands = new ArrayList<>();
                List<String> expected = new ArrayList<>();
                for (int i = 0; i < 100; i++) {
                    int f = r.nextInt(fields.length);
                    String field = "f" + f;
                    if (r.nextInt(6) == 0) {
                        String text = r.nextInt(4) == 0 ? "abc" : operand(r);
                        commands.add(new String[] {"HSET", "k", field, text});
                        expected.add(fields[f] == null ? ":1\r\n" : ":0\r\n");
                        fields[f] = text;
                        continue;
                    }
                    String increment = operand(r);
                    String reply = predict(fields[f], increment);
                    commands.add(new String[] {"HINCRBYFLOAT", "k", field, increment});
                    expected.add(reply);
                    if (reply.startsWith("$")) fields[f] = reply.substring(reply.indexOf('\n') + 1, reply.length() - 2);
                }
                for (String[] command : commands) c.command(command); // pipelined: all sent, then all read
                for (int i = 0; i < commands.size(); i++) {
                    String actual = new String(c.readReplyBytes(), StandardCharsets.ISO_8859_1);
                    assertThat(expected.get(i)).as("seed %d (replay with -Ddiff.seed=%d), %s", seed, seed,
                            String.join(" ", commands.get(i))).isEqualTo(actual);
                }
            }
        }
    }

    @Test
    void knownValues() {
        assertThat(LongDoubles.format(LongDoubles.add(LongDoubles.parse(b("0.1")), LongDoubles.parse(b("0.2")))))
                .isEqualTo(b("0.3"));
        assertThat(LongDoubles.format(LongDoubles.parse(b("0.000003814697265625")))) // a tie at the 17th decimal
                .isEqualTo(b("0.00000381469726562"));
        assertThat(LongDoubles.format(LongDoubles.parse(b("-1e-20")))).isEqualTo(b("0"));
        assertThat(LongDoubles.format(LongDoubles.parse(b("1e300")))).hasSize(301);
        assertThat(LongDoubles.parse(b("1e-5000"))).isNull();
        assertThat(LongDoubles.parse(b("nan"))).isNull();
        assertThat(LongDoubles.isInfinite(LongDoubles.parse(b("-Infinity")))).isTrue();
        assertThat(LongDoubles.parse(b("1." + "0".repeat(5117)))).isNotNull();
        assertThat(LongDoubles.parse(b("1." + "0".repeat(5118)))).isNull(); // 5120 bytes: Redis's buffer is full
    }
}
