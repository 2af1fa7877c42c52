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

/** HashTable against a HashMap model under seeded random operations: contents, byte accounting, scans, random picks. */
@Timeout(30)
class HashTableTest {
    private static String s(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    // What memoryBytes must be: the map's own estimate plus every value array, whatever the history.
    private static long expectedBytes(HashTable table, Map<String, String> model) {
        long values = 0;
        for (String v : model.values()) values += BytesMap.arrayBytes(v.length());
        return 16 + table.map().memoryBytes() + values;
    }

    @Test
    void matchesAHashMapUnderRandomOperations() {
        long seed = new SplittableRandom().nextLong();
        SplittableRandom r = new SplittableRandom(seed);
        HashTable table = new HashTable();
        Map<String, String> model = new HashMap<>();
        for (int i = 0; i < 100_000; i++) {
            String field = "f" + r.nextInt(r.nextBoolean() ? 40 : 3_000);
            String value = "v".repeat(r.nextInt(100));
            switch (r.nextInt(5)) {
                case 0, 1 -> assertThat(table.put(b(field), b(value))).as("seed %d", seed)
                        .isEqualTo(model.put(field, value) == null);
                case 2 -> assertThat(table.remove(b(field))).as("seed %d", seed)
                        .isEqualTo(model.remove(field) != null);
                case 3 -> {
                    byte[] v = table.get(b(field));
                    assertThat(v == null ? null : s(v)).as("seed %d", seed).isEqualTo(model.get(field));
                }
                default -> {
                    // Shrink it all the way now and then: the table resizes down and up again.
                    if (r.nextInt(2_000) == 0) {
                        for (String f : new HashSet<>(model.keySet())) assertThat(table.remove(b(f))).isTrue();
                        model.clear();
                    }
                }
            }
            assertThat(table.size()).as("seed %d", seed).isEqualTo(model.size());
            if (i % 1_000 == 0) {
                assertThat(table.memoryBytes()).as("seed %d", seed).isEqualTo(expectedBytes(table, model));
                Map<String, String> seen = new HashMap<>();
                long cursor = 0;
                do {
                    cursor = table.map().scan(cursor, e -> seen.put(s(table.map().key(e)), s(table.map().value(e))));
                } while (cursor != 0);
                assertThat(seen).as("seed %d", seed).isEqualTo(model);
            }
        }
    }

    @Test
    void fairRandomEntryIsUniform() {
        long seed = new SplittableRandom().nextLong();
        SplittableRandom r = new SplittableRandom(seed);
        HashTable table = new HashTable();
        int fields = 50;
        for (int i = 0; i < 200; i++) table.put(b("f" + i), b("v"));
        for (int i = fields; i < 200; i++) table.remove(b("f" + i)); // leave holes in the entry arrays
        Map<String, Integer> counts = new HashMap<>();
        int draws = 100_000;
        for (int i = 0; i < draws; i++) {
            int e = table.map().fairRandomEntry(r);
            counts.merge(s(table.map().key(e)), 1, Integer::sum);
        }
        assertThat(counts).hasSize(fields);
        double expected = (double) draws / fields;
        double chiSquare = 0;
        for (int c : counts.values()) chiSquare += (c - expected) * (c - expected) / expected;
        // 49 degrees of freedom: the 99.99th percentile is about 95.
        assertThat(chiSquare).as("seed %d", seed).isLessThan(95);
        Set<Integer> live = new HashSet<>();
        table.map().forEach(live::add);
        for (int i = 0; i < 1_000; i++) assertThat(live).contains(table.map().fairRandomEntry(r));
    }
}
