package dev.miniredis.command.zset;

import dev.miniredis.db.Db;
import dev.miniredis.protocol.RespWriter;
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
 * ZRANDMEMBER's draws with a seeded random source, on a packed set and on a skip list: every member is drawn about
 * equally often (a chi-square test, as Redis's own test suite checks its sampling commands), and a positive count
 * gives distinct members.
 */
@Timeout(30)
class ZRandMemberTest {
    private static final long NOW = 1_000_000L;

    private static long sortedSet(Db db, String key, int size) {
        byte[] k = key.getBytes(StandardCharsets.ISO_8859_1);
        ZEdit z = ZEdit.create(db, k, NOW, 2);
        for (int i = 0; i < size; i++) z.add(("m" + i).getBytes(StandardCharsets.ISO_8859_1), i % 7);
        z.commit();
        return db.get(k, NOW);
    }

    // The members in a RESP2 array of bulk strings.
    private static String[] members(RespWriter out) {
        String reply = new String(out.pendingCopy(), StandardCharsets.ISO_8859_1);
        String[] lines = reply.split("\r\n");
        int n = Integer.parseInt(lines[0].substring(1));
        String[] members = new String[n];
        for (int i = 0; i < n; i++) members[i] = lines[2 + 2 * i];
        return members;
    }

    private static void drawsAreUniform(int size) {
        Db db = new Db();
        long a = sortedSet(db, "z", size);
        assertThat(ZSets.packed(db, a)).isEqualTo(size <= 128);
        SplittableRandom random = new SplittableRandom(size);
        int draws = size * 200;
        RespWriter out = new RespWriter(1 << 16);
        new ZRandMember("z".getBytes(StandardCharsets.ISO_8859_1), true, -draws, false).reply(db, a, out, random);
        Map<String, Integer> counts = new HashMap<>();
        for (String m : members(out)) counts.merge(m, 1, Integer::sum);
        assertThat(counts).hasSize(size);
        double expected = (double) draws / size;
        double chiSquare = 0;
        for (int c : counts.values()) chiSquare += (c - expected) * (c - expected) / expected;
        // Degrees of freedom size - 1; mean size - 1, standard deviation sqrt(2 (size - 1)). Six deviations: never
        // failing by chance with a fixed seed, and far below what a biased sampler scores.
        assertThat(chiSquare).isLessThan(size - 1 + 6 * Math.sqrt(2.0 * (size - 1)));
    }

    @Test
    void drawsFromAPackAreUniform() {
        drawsAreUniform(20);
    }

    @Test
    void drawsFromASkipListAreUniform() {
        drawsAreUniform(500);
    }

    @Test
    void aPositiveCountGivesDistinctMembers() {
        Db db = new Db();
        for (int size : new int[] {10, 300}) {
            long a = sortedSet(db, "z" + size, size);
            for (long seed = 0; seed < 20; seed++) {
                RespWriter out = new RespWriter(1 << 16);
                new ZRandMember(("z" + size).getBytes(StandardCharsets.ISO_8859_1), true, size - 3, false)
                        .reply(db, a, out, new SplittableRandom(seed));
                Set<String> distinct = new HashSet<>(java.util.List.of(members(out)));
                assertThat(distinct).hasSize(size - 3);
                a = db.get(("z" + size).getBytes(StandardCharsets.ISO_8859_1), NOW);
            }
        }
    }
}
