package dev.miniredis.command.hash;

import dev.miniredis.protocol.ReplyParser;
import dev.miniredis.testing.RawClient;
import dev.miniredis.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * HRANDFIELD's picks are uniform, checked the way Redis's own test suite checks them: a chi-square statistic over many
 * draws, for each way of drawing (independent draws, distinct subsets, one field) and both forms (packed and
 * hashtable). The thresholds are far in the tail (a false alarm about once in a million runs), so a biased sampler
 * fails and a fair one does not.
 */
@Timeout(60)
class HRandFieldDistributionTest {
    private static final int FIELDS = 20;

    private static Object call(RawClient client, String... command) throws Exception {
        byte[] reply = client.command(command).readReplyBytes();
        return new ReplyParser().next(ByteBuffer.wrap(reply));
    }

    private static String s(Object bulk) {
        return new String((byte[]) bulk, StandardCharsets.ISO_8859_1);
    }

    // With FIELDS - 1 = 19 degrees of freedom, P(chi-square > 60) is about 3e-6.
    private static void assertUniform(Map<String, Integer> counts, String what) {
        assertThat(counts).as(what).hasSize(FIELDS);
        double total = 0;
        for (int c : counts.values()) total += c;
        double expected = total / FIELDS;
        double chiSquare = 0;
        for (int c : counts.values()) chiSquare += (c - expected) * (c - expected) / expected;
        assertThat(chiSquare).as("%s: chi-square of %s", what, counts).isLessThan(60);
    }

    @Test
    void picksAreUniformInBothForms() throws Exception {
        try (TestServer server = new TestServer(); RawClient client = server.connect()) {
            for (int i = 0; i < FIELDS; i++) call(client, "HSET", "packed", "f" + i, "v" + i);
            for (int i = 0; i < FIELDS; i++) call(client, "HSET", "big", "f" + i, "x".repeat(70)); // hashtable
            assertThat(s(call(client, "OBJECT", "ENCODING", "packed"))).isEqualTo("listpack");
            assertThat(s(call(client, "OBJECT", "ENCODING", "big"))).isEqualTo("hashtable");
            for (String key : new String[] {"packed", "big"}) {
                Map<String, Integer> draws = new HashMap<>();
                for (Object field : (List<?>) call(client, "HRANDFIELD", key, "-40000")) {
                    draws.merge(s(field), 1, Integer::sum);
                }
                assertUniform(draws, key + " independent draws");

                Map<String, Integer> subsets = new HashMap<>();
                for (int i = 0; i < 8_000; i++) {
                    List<?> picks = (List<?>) call(client, "HRANDFIELD", key, "5"); // 5 * 3 <= 20: draw and reject
                    Set<String> distinct = new HashSet<>();
                    for (Object field : picks) distinct.add(s(field));
                    assertThat(distinct).hasSize(5);
                    for (String field : distinct) subsets.merge(field, 1, Integer::sum);
                }
                assertUniform(subsets, key + " subsets of 5");

                Map<String, Integer> large = new HashMap<>();
                for (int i = 0; i < 3_000; i++) {
                    List<?> picks = (List<?>) call(client, "HRANDFIELD", key, "13"); // 13 * 3 > 20: shuffle
                    for (Object field : picks) large.merge(s(field), 1, Integer::sum);
                }
                assertUniform(large, key + " subsets of 13");

                Map<String, Integer> single = new HashMap<>();
                for (int i = 0; i < 20_000; i++) single.merge(s(call(client, "HRANDFIELD", key)), 1, Integer::sum);
                assertUniform(single, key + " one field");
            }
        }
    }
}
