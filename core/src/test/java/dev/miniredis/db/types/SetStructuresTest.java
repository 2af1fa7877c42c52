package dev.miniredis.db.types;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The two set encodings against java.util models under seeded random operations: {@link IntSet} against a
 * {@code TreeSet<Long>} (order, width upgrades, binary search), {@link MemberSet} against a {@code HashSet<String>}
 * (adds, removes, random members, SSCAN across resizes). The seed is printed on failure.
 */
@Timeout(30)
class SetStructuresTest {
    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static long value(SplittableRandom r) {
        return switch (r.nextInt(6)) {
            case 0, 1 -> r.nextInt(200) - 100;                          // 2 bytes
            case 2 -> r.nextInt(200_000) - 100_000;                      // up to 4 bytes
            case 3 -> r.nextLong(-20_000_000_000L, 20_000_000_000L);    // 8 bytes
            case 4 -> r.nextBoolean() ? Long.MAX_VALUE - r.nextInt(3) : Long.MIN_VALUE + r.nextInt(3);
            default -> r.nextBoolean() ? Short.MAX_VALUE + r.nextInt(3) - 1 : Integer.MIN_VALUE + r.nextInt(3) - 1;
        };
    }

    @Test
    void intSetMatchesASortedSetModel() {
        long seed = new SplittableRandom().nextLong();
        SplittableRandom r = new SplittableRandom(seed);
        for (int round = 0; round < 300; round++) {
            byte[] b = new byte[16];
            int length = IntSet.init(b);
            TreeSet<Long> model = new TreeSet<>();
            int widest = 2;
            for (int op = 0; op < 300; op++) {
                long v = r.nextInt(4) == 0 && !model.isEmpty() ? new ArrayList<>(model).get(r.nextInt(model.size()))
                        : value(r);
                if (r.nextInt(3) > 0) {
                    if (b.length < IntSet.capacityForAdd(b, length)) {
                        b = java.util.Arrays.copyOf(b, IntSet.capacityForAdd(b, length));
                    }
                    int grown = IntSet.add(b, length, v);
                    assertThat(grown != length).as("seed %d: add %d", seed, v).isEqualTo(model.add(v));
                    length = grown;
                    widest = Math.max(widest, IntSet.widthFor(v));
                } else {
                    int at = IntSet.indexOf(b, length, v);
                    assertThat(at >= 0).as("seed %d: find %d", seed, v).isEqualTo(model.contains(v));
                    if (at >= 0) {
                        length = IntSet.removeAt(b, length, at);
                        model.remove(v);
                    } else {
                        assertThat(-at - 1).as("seed %d: insertion point of %d", seed, v)
                                .isEqualTo(model.headSet(v).size());
                    }
                }
                // Same members in the same (ascending) order; the width only ever grows, to what the widest needed.
                assertThat(IntSet.count(b, length)).as("seed %d", seed).isEqualTo(model.size());
                assertThat(IntSet.width(b)).as("seed %d", seed).isEqualTo(widest);
                assertThat(length).isEqualTo(IntSet.HEADER_BYTES + model.size() * widest);
                int i = 0;
                for (long m : model) assertThat(IntSet.get(b, i++)).as("seed %d", seed).isEqualTo(m);
            }
        }
    }

    @Test
    void integersAreWhatString2llAccepts() {
        for (String yes : new String[] {"0", "1", "-1", "12", "9223372036854775807", "-9223372036854775808"}) {
            assertThat(IntSet.isInteger(b(yes))).as(yes).isTrue();
            assertThat(IntSet.parse(b(yes))).isEqualTo(Long.parseLong(yes));
        }
        for (String no : new String[] {"", "-", "01", "-0", "+1", " 1", "1 ", "1.0", "0x1", "9223372036854775808",
                "-9223372036854775809", "99999999999999999999", "1a"}) {
            assertThat(IntSet.isInteger(b(no))).as(no).isFalse();
        }
    }

    @Test
    void memberSetMatchesAHashSetModel() {
        long seed = new SplittableRandom().nextLong();
        SplittableRandom r = new SplittableRandom(seed);
        MemberSet set = new MemberSet();
        Set<String> model = new HashSet<>();
        for (int i = 0; i < 100_000; i++) {
            String m = r.nextInt(10) == 0 ? "" : "m" + r.nextInt(r.nextBoolean() ? 40 : 3_000);
            switch (r.nextInt(5)) {
                case 0, 1 -> assertThat(set.addCopy(b(m))).as("seed %d", seed).isEqualTo(model.add(m));
                case 2 -> assertThat(set.remove(b(m))).as("seed %d", seed).isEqualTo(model.remove(m));
                case 3 -> assertThat(set.contains(b(m))).as("seed %d", seed).isEqualTo(model.contains(m));
                default -> {                                             // a random member, popped
                    int e = set.randomEntry(r);
                    if (model.isEmpty()) {
                        assertThat(e).isEqualTo(-1);
                    } else {
                        String got = new String(set.member(e), StandardCharsets.ISO_8859_1);
                        assertThat(model.remove(got)).as("seed %d: random member %s", seed, got).isTrue();
                        set.removeEntry(e);
                    }
                }
            }
            assertThat(set.size()).as("seed %d", seed).isEqualTo(model.size());
        }
        Set<String> all = new HashSet<>();
        set.forEach(e -> all.add(new String(set.member(e), StandardCharsets.ISO_8859_1)));
        assertThat(all).isEqualTo(model);
        assertThat(set.memoryBytes()).isPositive();
    }

    @Test
    void randomMembersAreUniformByChiSquare() {
        // As Redis's "SRANDMEMBER histogram distribution" test: every member about equally often. Seeded, so the
        // outcome is fixed; checked both while the entry arrays are dense and after most members were removed.
        SplittableRandom r = new SplittableRandom(42);
        MemberSet set = new MemberSet();
        for (int i = 0; i < 4_000; i++) set.addCopy(b("m" + i));
        assertThat(chiSquare(set, r)).isLessThan(chiSquareLimit(set.size()));
        for (int i = 50; i < 4_000; i++) set.remove(b("m" + i));            // sparse: compacted first
        assertThat(chiSquare(set, r)).isLessThan(chiSquareLimit(set.size()));
        Set<String> all = new HashSet<>();
        set.forEach(e -> all.add(new String(set.member(e), StandardCharsets.ISO_8859_1)));
        assertThat(all).hasSize(50);
        for (int i = 0; i < 50; i++) assertThat(set.contains(b("m" + i))).isTrue();
        assertThat(set.addCopy(b("m3"))).isFalse();
        assertThat(set.addCopy(b("new"))).isTrue();
        assertThat(set.remove(b("m7"))).isTrue();
        assertThat(set.size()).isEqualTo(50);
    }

    private static double chiSquare(MemberSet set, SplittableRandom r) {
        int n = set.size();
        int draws = n * 200;
        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i < draws; i++) {
            counts.merge(new String(set.member(set.randomEntry(r)), StandardCharsets.ISO_8859_1), 1, Integer::sum);
        }
        assertThat(counts).hasSize(n);
        double expected = (double) draws / n;
        double chi = 0;
        for (int c : counts.values()) chi += (c - expected) * (c - expected) / expected;
        return chi;
    }

    // About the 99.9th percentile of chi-square with n - 1 degrees of freedom (Wilson-Hilferty).
    private static double chiSquareLimit(int n) {
        double k = n - 1;
        double z = 3.09;
        return k * Math.pow(1 - 2 / (9 * k) + z * Math.sqrt(2 / (9 * k)), 3);
    }

    @Test
    void sscanReturnsEveryMemberPresentThroughoutAcrossResizes() {
        long seed = new SplittableRandom().nextLong();
        SplittableRandom r = new SplittableRandom(seed);
        MemberSet set = new MemberSet();
        for (int i = 0; i < 1_000; i++) set.addCopy(b("keep" + i));
        Map<String, Integer> seen = new HashMap<>();
        long cursor = 0;
        List<String> churn = new ArrayList<>();
        do {
            cursor = set.scan(cursor, e -> seen.merge(new String(set.member(e), StandardCharsets.ISO_8859_1), 1,
                    Integer::sum));
            // Grow and shrink the table between steps: members present all along must still be returned.
            if (r.nextBoolean()) {
                for (int k = 0; k < 200; k++) {
                    String extra = "extra" + r.nextInt(100_000);
                    if (set.addCopy(b(extra))) churn.add(extra);
                }
            } else {
                for (String extra : churn) set.remove(b(extra));
                churn.clear();
            }
        } while (cursor != 0);
        for (int i = 0; i < 1_000; i++) assertThat(seen).as("seed %d", seed).containsKey("keep" + i);
    }
}
