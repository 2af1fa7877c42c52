package dev.miniredis.db.types;

import dev.miniredis.db.EncodingLimits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The QuickList against a {@code java.util.ArrayList} model: seeded random operations (pushes, pops, cursor walks both
 * ways, removals while walking, replaces, inserts that split full nodes, trims from both ends), with small node limits
 * so that many nodes form, split and empty. After every operation the whole list is read back both ways and compared,
 * and the node invariants are checked. A failure names the seed ({@code -Dquicklist.seed=N} replays it).
 */
@Timeout(60)
class QuickListModelTest {
    private static long seed() {
        String fixed = System.getProperty("quicklist.seed");
        return fixed != null ? Long.parseLong(fixed) : new Random().nextLong();
    }

    private static byte[] element(Random r) {
        int len = switch (r.nextInt(10)) {
            case 0 -> 0;
            case 1 -> 100 + r.nextInt(200);          // a two-byte length
            default -> 1 + r.nextInt(6);
        };
        byte[] e = new byte[len];
        for (int i = 0; i < len; i++) e[i] = (byte) ('a' + r.nextInt(3)); // few letters: equal elements are common
        return e;
    }

    private static byte[] at(QuickList list) {
        return Arrays.copyOfRange(list.nodeBytes(), list.offset(), list.offset() + list.length());
    }

    @Test
    void randomOperationsMatchAnArrayList() {
        long seed = seed();
        for (int limit : new int[] {1, 2, 3, 5, 16, -1, -2}) {
            try {
                run(new Random(seed ^ limit), limit, false);
                run(new Random(seed ^ limit), limit, true);
            } catch (AssertionError e) {
                throw new AssertionError("seed " + seed + " (replay with -Dquicklist.seed=" + seed + "), limit "
                        + limit + ": " + e.getMessage(), e);
            }
        }
    }

    // viewStart: begin as a wrap() of a packed node, as commands do for small lists, and convert by copyOf when it grows.
    private static void run(Random r, int limit, boolean viewStart) {
        EncodingLimits limits = new EncodingLimits();
        limits.listMaxListpackSize = limit;
        QuickList list;
        if (viewStart) {
            byte[] b = new byte[64];
            list = new QuickList(null).wrap(limits, b, Listpack.init(b));
        } else {
            list = new QuickList(limits);
        }
        List<byte[]> model = new ArrayList<>();
        for (int step = 0; step < 3000; step++) {
            int op = r.nextInt(13);
            String what = "step " + step + " op " + op;
            switch (op) {
                case 0, 1, 2 -> {
                    byte[] e = element(r);
                    boolean head = r.nextBoolean();
                    list.push(head, e, 0, e.length);
                    if (head) model.add(0, e);
                    else model.add(e);
                }
                case 3 -> {                              // LPOP / RPOP one
                    if (model.isEmpty()) break;
                    boolean head = r.nextBoolean();
                    assertThat(list.seek(head ? 0 : model.size() - 1)).isTrue();
                    assertThat(at(list)).as(what).isEqualTo(model.remove(head ? 0 : model.size() - 1));
                    list.remove(true);
                }
                case 4 -> {                              // LINDEX
                    long i = r.nextInt(model.size() + 2) - 1;
                    boolean ok = list.seek(i);
                    assertThat(ok).as(what).isEqualTo(i >= 0 && i < model.size());
                    if (ok) assertThat(at(list)).as(what).isEqualTo(model.get((int) i));
                }
                case 5 -> {                              // LSET
                    if (model.isEmpty()) break;
                    int i = r.nextInt(model.size());
                    byte[] e = element(r);
                    list.seek(i);
                    list.replace(e, 0, e.length);
                    assertThat(at(list)).as(what).isEqualTo(e);
                    model.set(i, e);
                }
                case 6 -> {                              // LINSERT
                    if (model.isEmpty()) break;
                    int i = r.nextInt(model.size());
                    boolean after = r.nextBoolean();
                    byte[] e = element(r);
                    list.seek(i);
                    list.insert(after, e, 0, e.length);
                    model.add(after ? i + 1 : i, e);
                }
                case 7 -> {                              // LREM, either direction, with a limit
                    if (model.isEmpty()) break;
                    byte[] target = model.get(r.nextInt(model.size()));
                    boolean forward = r.nextBoolean();
                    int limitCount = r.nextInt(3);
                    int removed = 0;
                    boolean on = list.seek(forward ? 0 : model.size() - 1);
                    while (on) {
                        if (list.matches(target)) {
                            list.remove(forward);
                            on = list.valid();
                            if (++removed == limitCount) break;
                        } else {
                            on = forward ? list.next() : list.prev();
                        }
                    }
                    int expected = 0;
                    if (forward) {
                        for (int j = 0; j < model.size() && (limitCount == 0 || expected < limitCount); ) {
                            if (Arrays.equals(model.get(j), target)) {
                                model.remove(j);
                                expected++;
                            } else {
                                j++;
                            }
                        }
                    } else {
                        for (int j = model.size() - 1; j >= 0 && (limitCount == 0 || expected < limitCount); j--) {
                            if (Arrays.equals(model.get(j), target)) {
                                model.remove(j);
                                expected++;
                            }
                        }
                    }
                    assertThat(removed).as(what).isEqualTo(expected);
                }
                case 8 -> {                              // trim / pop a count from either end
                    if (model.isEmpty()) break;
                    int n = r.nextInt(Math.min(model.size(), 40) + 1);
                    if (r.nextBoolean()) {
                        list.removeFirst(n);
                        model.subList(0, n).clear();
                    } else {
                        list.removeLast(n);
                        model.subList(model.size() - n, model.size()).clear();
                    }
                }
                case 9 -> {                              // RPOP runs: the checkpoints at work
                    int n = Math.min(model.size(), r.nextInt(30));
                    for (int k = 0; k < n; k++) {
                        list.seek(model.size() - 1);
                        assertThat(at(list)).as(what).isEqualTo(model.remove(model.size() - 1));
                        list.remove(true);
                    }
                }
                case 10 -> {                             // a burst of pushes: many nodes at once
                    boolean head = r.nextBoolean();
                    for (int k = r.nextInt(60); k > 0; k--) {
                        byte[] e = element(r);
                        list.push(head, e, 0, e.length);
                        if (head) model.add(0, e);
                        else model.add(e);
                    }
                }
                default -> {
                    if (viewStart && list.nodeCount() > 1) list = QuickList.copyOf(list); // the conversion
                }
            }
            check(list, model, what);
        }
    }

    private static void check(QuickList list, List<byte[]> model, String what) {
        assertThat(list.size()).as(what).isEqualTo(model.size());
        long total = 0;
        for (int n = 0; n < list.nodeCount(); n++) {
            byte[] node = list.node(n);
            int count = Listpack.count(node);
            assertThat(Listpack.seek(node, count)).as(what + " node " + n + " length").isEqualTo(list.nodeLength(n));
            total += count;
        }
        assertThat(total).as(what).isEqualTo(model.size());
        boolean on = list.seek(0);
        for (byte[] e : model) {
            assertThat(on).as(what).isTrue();
            assertThat(at(list)).as(what).isEqualTo(e);
            on = list.next();
        }
        assertThat(on).as(what).isFalse();
        on = list.seek(model.size() - 1);
        for (int i = model.size() - 1; i >= 0; i--) {
            assertThat(on).as(what).isTrue();
            assertThat(at(list)).as(what + " backwards at " + i).isEqualTo(model.get(i));
            on = list.prev();
        }
        assertThat(on).as(what).isFalse();
        assertThat(list.memoryBytes()).isPositive();
    }
}
