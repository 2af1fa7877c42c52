package dev.miniredis.db.types;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The skip list and the packed sorted set against one java.util model (a TreeSet ordered by score then unsigned member
 * bytes, and a HashMap of scores) under seeded random operations: inserts, score updates, removals, rank questions,
 * score and member range counts, rank range removals. After each step the skip list's order both ways, every rank and
 * the spans' consistency are checked against the model, and the pack's walk too. The seed is in every failure.
 */
@Timeout(60)
class SkipListTest {
    private record Element(String member, double score) {
    }

    private static final Comparator<Element> ORDER = (x, y) -> {
        int c = Double.compare(x.score + 0.0, y.score + 0.0); // -0 and 0 tie, as C's < and == say
        return c != 0 ? c : Arrays.compareUnsigned(b(x.member), b(y.member));
    };

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String s(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    private static double score(SplittableRandom r) {
        return switch (r.nextInt(7)) {
            case 6 -> { // integers at the pack's byte-width boundaries, and past 2^53 (stored as doubles)
                long[] edges = {127, 128, -128, -129, 32767, 32768, -32769, 1L << 31, -(1L << 31) - 1, 1L << 47,
                        (1L << 53) - 1, 1L << 53, -(1L << 53), (1L << 55) + 8, Long.MIN_VALUE};
                yield edges[r.nextInt(edges.length)] + (r.nextBoolean() ? 0 : r.nextInt(3) - 1);
            }
            case 0 -> r.nextInt(5);                    // many ties: the member decides
            case 1 -> r.nextBoolean() ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
            case 2 -> r.nextBoolean() ? -0.0 : 0.0;
            default -> r.nextDouble() * 200 - 100;
        };
    }

    private static String member(SplittableRandom r) {
        return switch (r.nextInt(4)) {
            case 0 -> "";
            case 1 -> "\u00e9" + r.nextInt(10);         // high bytes: unsigned order
            default -> "m" + r.nextInt(r.nextBoolean() ? 30 : 3000);
        };
    }

    @Test
    void skipListAndPackMatchAModelUnderRandomOperations() {
        long seed = new SplittableRandom().nextLong();
        SplittableRandom r = new SplittableRandom(seed);
        SkipList z = new SkipList();
        byte[] pack = new byte[1 << 20];
        int length = Listpack.init(pack);
        TreeSet<Element> model = new TreeSet<>(ORDER);
        Map<String, Double> scores = new HashMap<>();
        for (int step = 0; step < 30_000; step++) {
            String m = member(r);
            double sc = score(r);
            String as = "seed " + seed + ", step " + step;
            switch (r.nextInt(8)) {
                case 0, 1, 2 -> { // add or update
                    Double old = scores.get(m);
                    SkipList.Node x = z.find(b(m));
                    int pos = PackedZSet.find(pack, length, b(m));
                    if (old == null) {
                        assertThat(x).as(as).isNull();
                        assertThat(pos).as(as).isNegative();
                        z.insert(b(m), sc);
                        length = PackedZSet.insert(pack, length, b(m), sc);
                    } else {
                        model.remove(new Element(m, old));
                        z.update(x, sc);
                        length = PackedZSet.remove(pack, length, pos);
                        length = PackedZSet.insert(pack, length, b(m), sc);
                    }
                    model.add(new Element(m, sc));
                    scores.put(m, sc);
                }
                case 3 -> { // remove
                    Double old = scores.remove(m);
                    assertThat(z.remove(b(m))).as(as).isEqualTo(old != null);
                    int pos = PackedZSet.find(pack, length, b(m));
                    if (old != null) {
                        model.remove(new Element(m, old));
                        length = PackedZSet.remove(pack, length, pos);
                    }
                }
                case 4 -> { // counts below a score bound
                    boolean orEqual = r.nextBoolean();
                    long expected = model.stream().filter(e -> e.score < sc || orEqual && e.score == sc).count();
                    assertThat(z.countScoreBelow(sc, orEqual)).as(as).isEqualTo((int) expected);
                    assertThat(PackedZSet.countScoreBelow(pack, length, sc, orEqual)).as(as).isEqualTo((int) expected);
                }
                case 5 -> { // rank range removal, rarely and small, so the set keeps growing
                    if (model.size() < 50 || r.nextInt(4) != 0) break;
                    int from = r.nextInt(model.size());
                    int to = Math.min(model.size(), from + r.nextInt(5));
                    List<Element> all = new ArrayList<>(model);
                    for (Element e : all.subList(from, to)) {
                        model.remove(e);
                        scores.remove(e.member);
                    }
                    z.removeRanks(from, to);
                    length = PackedZSet.removeRanks(pack, length, PackedZSet.seek(pack, from), to - from);
                }
                default -> { // rank and element by rank
                    if (model.isEmpty()) break;
                    List<Element> all = new ArrayList<>(model);
                    int rank = r.nextInt(all.size());
                    Element e = all.get(rank);
                    SkipList.Node x = z.byRank(rank);
                    assertThat(s(x.member())).as(as).isEqualTo(e.member);
                    assertThat(z.rank(z.find(b(e.member)))).as(as).isEqualTo(rank);
                    int pos = PackedZSet.find(pack, length, b(e.member));
                    assertThat(PackedZSet.rank(pack, pos)).as(as).isEqualTo(rank);
                }
            }
            if (step % 500 == 0 || step < 200) check(z, pack, length, model, as);
        }
        check(z, pack, length, model, "seed " + seed + ", at the end");
    }

    // Order forwards and backwards, sizes, scores through the table, and every node's rank.
    private static void check(SkipList z, byte[] pack, int length, TreeSet<Element> model, String as) {
        List<String> expected = new ArrayList<>();
        for (Element e : model) expected.add(e.member + "=" + (e.score + 0.0));
        List<String> forwards = new ArrayList<>();
        for (SkipList.Node x = z.first(); x != null; x = x.next()) forwards.add(s(x.member()) + "=" + (x.score() + 0));
        assertThat(forwards).as(as).isEqualTo(expected);
        List<String> backwards = new ArrayList<>();
        for (SkipList.Node x = z.last(); x != null; x = x.previous()) {
            backwards.add(0, s(x.member()) + "=" + (x.score() + 0.0));
        }
        assertThat(backwards).as(as).isEqualTo(expected);
        assertThat(z.size()).as(as).isEqualTo(model.size());
        int rank = 0;
        for (SkipList.Node x = z.first(); x != null; x = x.next(), rank++) {
            assertThat(z.rank(x)).as(as).isEqualTo(rank);
            assertThat(z.find(x.member())).as(as).isSameAs(x);
        }
        List<String> packed = new ArrayList<>();
        for (int pos = Listpack.HEADER_BYTES; pos < length; ) {
            int scorePos = Listpack.next(pack, pos);
            packed.add(s(Listpack.copy(pack, pos)) + "=" + PackedZSet.score(pack, scorePos));
            pos = Listpack.next(pack, scorePos);
        }
        assertThat(packed).as(as).isEqualTo(expected);
        assertThat(PackedZSet.size(pack)).as(as).isEqualTo(model.size());
        assertThat(z.memoryBytes()).as(as).isPositive();
    }

    @Test
    void countsMembersBelowABoundWhenScoresAreEqual() {
        SkipList z = new SkipList();
        for (String m : new String[] {"b", "a", "d", "c", "\u00e9", ""}) z.insert(b(m), 0);
        assertThat(z.countMemberBelow(b("c"), false)).isEqualTo(3); // "", a, b
        assertThat(z.countMemberBelow(b("c"), true)).isEqualTo(4);
        assertThat(z.countMemberBelow(b("\u00ff"), false)).isEqualTo(6);
        assertThat(z.countMemberBelow(b(""), false)).isZero();
    }

    @Test
    void anUpdateThatKeepsTheOrderChangesTheScoreInPlace() {
        SkipList z = new SkipList();
        z.insert(b("a"), 1);
        SkipList.Node bNode = z.insert(b("b"), 2);
        z.insert(b("c"), 3);
        assertThat(z.update(bNode, 2.5)).isSameAs(bNode);
        SkipList.Node moved = z.update(bNode, 10);
        assertThat(z.last()).isSameAs(moved);
        assertThat(z.rank(moved)).isEqualTo(2);
    }
}
