package dev.miniredis.command.hash;

import dev.miniredis.db.Db;
import dev.miniredis.db.Encoding;
import dev.miniredis.db.types.HashTable;
import dev.miniredis.db.types.Listpack;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packed form and the conversion against a LinkedHashMap model (its order is a listpack's: new fields at the end,
 * a changed value keeps its place), under seeded random writes and removals with random thresholds. The encoding must
 * follow Redis's rule: converted once any write breaks a limit, never back, until the key is deleted.
 */
@Timeout(30)
class HashesTest {
    private static final long NOW = 1_000_000;
    private static final byte[] KEY = b("h");

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String s(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    private static String field(HashTable table, int e) {
        return new String(table.entry(e), 0, table.fieldLength(e), StandardCharsets.ISO_8859_1);
    }

    private static String value(HashTable table, int e) {
        return new String(table.entry(e), table.fieldLength(e), table.valueLength(e), StandardCharsets.ISO_8859_1);
    }

    @Test
    void packedHashesFollowAModelAndConvertAtTheThresholds() {
        long seed = new SplittableRandom().nextLong();
        SplittableRandom r = new SplittableRandom(seed);
        Db db = new Db();
        Map<String, String> model = new LinkedHashMap<>();
        boolean converted = false;
        for (int step = 0; step < 50_000; step++) {
            if (r.nextInt(500) == 0) {
                db.limits().hashMaxListpackEntries = new long[] {0, 1, 4, 16, 128, 512}[r.nextInt(6)];
                db.limits().hashMaxListpackValue = new long[] {0, 4, 16, 64, 64, 64}[r.nextInt(6)];
            }
            long a = db.lookup(KEY, NOW);
            int n = 1 + r.nextInt(3);
            byte[][] argv = new byte[2 + 2 * n][];
            argv[0] = b("hset");
            argv[1] = KEY;
            for (int i = 0; i < n; i++) {
                argv[2 + 2 * i] = b("f" + r.nextInt(r.nextInt(100) == 0 ? 600 : 30));
                argv[3 + 2 * i] = b("v".repeat(r.nextInt(r.nextInt(20) == 0 ? 100 : 10)));
            }
            if (r.nextInt(3) > 0) {
                boolean tooLong = false;
                int created = 0;
                for (int i = 2; i < argv.length; i += 2) {
                    tooLong |= argv[i].length > db.limits().hashMaxListpackValue
                            || argv[i + 1].length > db.limits().hashMaxListpackValue;
                    if (model.put(s(argv[i]), s(argv[i + 1])) == null) created++;
                }
                converted |= tooLong || model.size() > db.limits().hashMaxListpackEntries;
                assertThat(Hashes.put(db, KEY, a, argv, 2, argv.length, NOW)).as("seed %d", seed).isEqualTo(created);
            } else if (a != Db.NIL) {
                int removed = 0;
                for (int i = 2; i < argv.length; i += 2) {
                    if (model.remove(s(argv[i])) != null) removed++;
                }
                // HDEL's fields: every other argument, so pass the fields alone.
                byte[][] fields = new byte[2 + n][];
                for (int i = 0; i < n; i++) fields[2 + i] = argv[2 + 2 * i];
                assertThat(Hashes.delete(db, KEY, a, fields, 2, NOW)).as("seed %d", seed).isEqualTo(removed);
                if (model.isEmpty()) converted = false; // the key is gone: the next hash starts packed
            }
            check(db, model, converted, seed);
        }
    }

    private static void check(Db db, Map<String, String> model, boolean converted, long seed) {
        long a = db.lookup(KEY, NOW);
        if (model.isEmpty()) {
            assertThat(a).as("seed %d: an empty hash has no key", seed).isEqualTo(Db.NIL);
            return;
        }
        assertThat(db.type(a)).as("seed %d", seed).isEqualTo(converted ? Encoding.HASH : Encoding.HASH_PACKED);
        assertThat(Hashes.length(db, a)).as("seed %d", seed).isEqualTo(model.size());
        if (converted) {
            HashTable table = (HashTable) db.object(a);
            Map<String, String> actual = new LinkedHashMap<>();
            table.forEach(e -> actual.put(field(table, e), value(table, e)));
            assertThat(actual).as("seed %d", seed).isEqualTo(model);
            return;
        }
        byte[] packed = db.readPacked(a, 1);
        List<String> actual = new ArrayList<>();
        int pos = Listpack.HEADER_BYTES;
        for (int i = 0; i < Listpack.count(packed); i++) {
            actual.add(s(Listpack.copy(packed, pos)));
            pos = Listpack.next(packed, pos);
        }
        assertThat(pos).as("seed %d", seed).isEqualTo(db.valueLength(a));
        List<String> expected = new ArrayList<>();
        model.forEach((f, v) -> {
            expected.add(f);
            expected.add(v);
        });
        assertThat(actual).as("seed %d: listpack order", seed).isEqualTo(expected);
    }
}
