package dev.miniredis.client;

import dev.miniredis.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The hash family through the project's own {@link Client}: binary fields and values (every byte value, not UTF-8)
 * survive both forms, a hash converts at the threshold with its contents intact, and errors arrive as errors.
 */
@Timeout(60)
class HashesThroughClientTest {
    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    // A field or value of n bytes cycling through all 256 byte values, starting at `from`.
    private static byte[] binary(int from, int n) {
        byte[] x = new byte[n];
        for (int i = 0; i < n; i++) x[i] = (byte) (from + i);
        return x;
    }

    private static Map<String, byte[]> pairs(Object flat) {
        List<?> list = (List<?>) flat;
        Map<String, byte[]> map = new HashMap<>();
        for (int i = 0; i < list.size(); i += 2) {
            map.put(new String((byte[]) list.get(i), StandardCharsets.ISO_8859_1), (byte[]) list.get(i + 1));
        }
        return map;
    }

    @Test
    void binaryFieldsSurviveBothFormsAndTheConversion() throws Exception {
        try (TestServer server = new TestServer();
             Client c = Client.connect("127.0.0.1", server.port(), Duration.ofSeconds(30))) {
            Map<String, byte[]> expected = new HashMap<>();
            List<byte[]> command = new ArrayList<>(List.of(b("HSET"), b("h")));
            for (int i = 0; i < 40; i++) {
                byte[] field = binary(i * 7, 1 + i % 9);
                byte[] value = binary(i * 13, i % 30);
                command.add(field);
                command.add(value);
                expected.put(new String(field, StandardCharsets.ISO_8859_1), value);
            }
            assertThat(c.send(command.toArray(byte[][]::new))).isEqualTo((long) expected.size());
            assertThat(new String((byte[]) c.send("OBJECT", "ENCODING", "h"), StandardCharsets.US_ASCII))
                    .isEqualTo("listpack");
            assertThat(pairs(c.send("HGETALL", "h"))).usingRecursiveComparison().isEqualTo(expected);

            byte[] big = binary(200, 300); // longer than hash-max-listpack-value: converts
            assertThat(c.send(b("HSET"), b("h"), binary(14, 3), big)).isEqualTo(0L);
            expected.put(new String(binary(14, 3), StandardCharsets.ISO_8859_1), big);
            assertThat(new String((byte[]) c.send("OBJECT", "ENCODING", "h"), StandardCharsets.US_ASCII))
                    .isEqualTo("hashtable");
            assertThat(pairs(c.send("HGETALL", "h"))).usingRecursiveComparison().isEqualTo(expected);
            assertThat((byte[]) c.send(b("HGET"), b("h"), binary(14, 3))).isEqualTo(big);
            assertThat(c.send("HLEN", "h")).isEqualTo((long) expected.size());

            assertThat(c.send("HINCRBYFLOAT", "n", "f", "0.1")).isEqualTo(b("0.1"));
            assertThat(c.send("HINCRBYFLOAT", "n", "f", "0.2")).isEqualTo(b("0.3"));
            assertThatThrownBy(() -> c.send("HINCRBY", "n", "f", "1"))
                    .hasMessageContaining("hash value is not an integer");
            assertThatThrownBy(() -> c.send("GET", "h")).hasMessageContaining("WRONGTYPE");
        }
    }
}
