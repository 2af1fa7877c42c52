package dev.miniredis.db.types;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** BytesMap against a HashMap model under seeded random operations, and SCAN's promise across resizes. */
@Timeout(30)
class BytesMapTest {
    private static String s(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void matchesAHashMapUnderRandomOperations() {
        long seed = new SplittableRandom().nextLong();
        SplittableRandom r = new SplittableRandom(seed);
        BytesMap<byte[]> map = new BytesMap<>();
        Map<String, String> model = new HashMap<>();
        for (int i = 0; i < 200_000; i++) {
            String k = "k" + r.nextInt(r.nextBoolean() ? 50 : 5_000);
            switch (r.nextInt(4)) {
                case 0, 1 -> assertThat(map.put(b(k), b("v" + i))).as("seed %d", seed)
                        .isEqualTo(model.put(k, "v" + i) == null);
                case 2 -> {
                    byte[] old = map.remove(b(k));
                    String expected = model.remove(k);
                    assertThat(old == null ? null : s(old)).as("seed %d", seed).isEqualTo(expected);
                }
                default -> {
                    byte[] v = map.get(b(k));
                    assertThat(v == null ? null : s(v)).as("seed %d", seed).isEqualTo(model.get(k));
                }
            }
            assertThat(map.size()).isEqualTo(model.size());
        }
        Map<String, String> seen = new HashMap<>();
        map.forEach(e -> seen.put(s(map.key(e)), s(map.value(e))));
        assertThat(seen).as("seed %d", seed).isEqualTo(model);
        if (map.size() > 0) assertThat(model).containsKey(s(map.key(map.randomEntry(r))));
    }

    @Test
    void scanReturnsEveryKeyPresentThroughoutDespiteResizes() {
        SplittableRandom r = new SplittableRandom(42);
        BytesMap<Object> map = new BytesMap<>();
        Set<String> stay = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            map.put(b("stay" + i), null);
            stay.add("stay" + i);
        }
        Set<String> returned = new HashSet<>();
        long cursor = 0;
        int step = 0;
        do {
            cursor = map.scan(cursor, e -> returned.add(s(map.key(e))));
            // Between steps the table grows and shrinks: churn keys that come and go.
            if (step++ % 3 == 0) for (int i = 0; i < 300; i++) map.put(b("churn" + r.nextInt(100_000)), null);
            else for (int i = 0; i < 300; i++) map.remove(b("churn" + r.nextInt(100_000)));
            if (step == 50) for (int i = 0; i < 20_000; i++) map.remove(b("churn" + i));
        } while (cursor != 0);
        assertThat(returned).containsAll(stay);
    }
}
