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

/**
 * HashTable against a HashMap model under seeded random operations: contents, byte accounting, whole scans across
 * resizes, and uniform random picks.
 */
@Timeout(30)
class HashTableTest {
    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String field(HashTable table, int e) {
        return new String(table.entry(e), 0, table.fieldLength(e), StandardCharsets.ISO_8859_1);
    }

    private static String value(HashTable table, int e) {
        return new String(table.entry(e), table.fieldLength(e), table.valueLength(e), StandardCharsets.ISO_8859_1);
    }

    @Test
    void matchesAHashMapUnderRandomOperations() {
        long seed = new SplittableRandom().nextLong();
        SplittableRandom r = new SplittableRandom(seed);
        HashTable table = new HashTable();
        Map<String, String> model = new HashMap<>();
        long emptyBytes = new HashTable().memoryBytes();
        for (int i = 0; i < 100_000; i++) {
            String field = "f" + r.nextInt(r.nextBoolean() ? 40 : 3_000);
            String value = "v".repeat(r.nextInt(100));
            switch (r.nextInt(5)) {
                case 0, 1 -> assertThat(table.put(b(field), b(value))).as("seed %d", seed)
                        .isEqualTo(model.put(field, value) == null);
                case 2 -> assertThat(table.remove(b(field))).as("seed %d", seed)
                        .isEqualTo(model.remove(field) != null);
                case 3 -> {
                    int e = table.find(b(field));
                    assertThat(e < 0 ? null : value(table, e)).as("seed %d", seed).isEqualTo(model.get(field));
                }
                default -> {
                    // Empty it now and then: the table shrinks, and then grows again.
                    if (r.nextInt(2_000) == 0) {
                        for (String f : new HashSet<>(model.keySet())) assertThat(table.remove(b(f))).isTrue();
                        model.clear();
                        assertThat(table.memoryBytes()).isGreaterThanOrEqualTo(emptyBytes);
                    }
                }
            }
            assertThat(table.size()).as("seed %d", seed).isEqualTo(model.size());
            if (i % 1_000 == 0) {
                long entries = 0;
                for (Map.Entry<String, String> m : model.entrySet()) {
                    entries += BytesMap.arrayBytes(m.getKey().length() + m.getValue().length());
                }
                assertThat(table.memoryBytes()).as("seed %d", seed).isGreaterThan(entries);
                Map<String, String> seen = new HashMap<>();
                long cursor = 0;
                do {
                    cursor = table.scan(cursor, e -> seen.put(field(table, e), value(table, e)));
                } while (cursor != 0);
                assertThat(seen).as("seed %d", seed).isEqualTo(model);
            }
        }
        // Every field's bytes are counted exactly: emptied, the table is back to its arrays alone.
        for (String f : new HashSet<>(model.keySet())) table.remove(b(f));
        long arraysOnly = table.memoryBytes();
        table.put(b("abc"), b("12345"));
        assertThat(table.memoryBytes() - arraysOnly).isEqualTo(BytesMap.arrayBytes(8));
    }

    @Test
    void randomEntryIsUniform() {
        long seed = new SplittableRandom().nextLong();
        SplittableRandom r = new SplittableRandom(seed);
        HashTable table = new HashTable();
        int fields = 50;
        for (int i = 0; i < 150; i++) table.put(b("f" + i), b("v"));
        for (int i = fields; i < 150; i++) table.remove(b("f" + i)); // leave holes in the entry arrays
        Map<String, Integer> counts = new HashMap<>();
        int draws = 100_000;
        for (int i = 0; i < draws; i++) counts.merge(field(table, table.randomEntry(r)), 1, Integer::sum);
        assertThat(counts).hasSize(fields);
        double expected = (double) draws / fields;
        double chiSquare = 0;
        for (int c : counts.values()) chiSquare += (c - expected) * (c - expected) / expected;
        // 49 degrees of freedom: the 99.99th percentile is about 95.
        assertThat(chiSquare).as("seed %d", seed).isLessThan(95);
        Set<Integer> live = new HashSet<>();
        table.forEach(live::add);
        for (int i = 0; i < 1_000; i++) assertThat(live).contains(table.randomEntry(r));
    }
}
