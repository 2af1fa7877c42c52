package dev.miniredis.db;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The {@link ExpiryHeap} against a map of address to deadline, checking the heap and every slot field at each step. */
@Timeout(60)
class StoreExpiryHeapTest {
    private static final long SEED = Long.getLong("store.seed", 20261202L);
    private static final int SLOT = 8; // the slot field's offset in these test records

    @Test
    void matchesAModelAndEveryRecordKnowsItsSlot() {
        System.out.println("StoreExpiryHeapTest seed " + SEED);
        Random random = new Random(SEED);
        Arena arena = new Arena(16);
        ExpiryHeap heap = new ExpiryHeap(arena, SLOT);
        long[] records = new long[300];
        for (int i = 0; i < records.length; i++) records[i] = arena.allocate(0);
        Map<Long, Long> model = new HashMap<>();
        for (int step = 0; step < 30_000; step++) {
            long a = records[random.nextInt(records.length)];
            Long scheduled = model.get(a);
            int op = random.nextInt(10);
            if (scheduled == null && op < 5) {
                long deadline = random.nextInt(1000);
                heap.add(deadline, a);
                model.put(a, deadline);
            } else if (scheduled != null && op < 7) {
                long deadline = random.nextInt(1000);
                heap.update(slotOf(arena, a), deadline);
                model.put(a, deadline);
            } else if (scheduled != null && op < 9) {
                heap.remove(slotOf(arena, a));
                model.remove(a);
            } else if (heap.size() > 0) {
                long min = model.values().stream().mapToLong(Long::longValue).min().orElseThrow();
                assertThat(heap.peekDeadline()).as("seed %d step %d", SEED, step).isEqualTo(min);
                assertThat(model.get(heap.peekAddress())).isEqualTo(min);
                model.remove(heap.peekAddress());
                heap.remove(0);
            }
            heap.checkInvariants();
            assertThat(heap.size()).as("seed %d step %d", SEED, step).isEqualTo(model.size());
            long min = model.values().stream().mapToLong(Long::longValue).min().orElse(ExpiryHeap.EMPTY);
            assertThat(heap.peekDeadline()).as("seed %d step %d", SEED, step).isEqualTo(min);
        }
    }

    @Test
    void theArraysShrinkAfterMassRemoval() {
        Arena arena = new Arena(16);
        ExpiryHeap heap = new ExpiryHeap(arena, SLOT);
        List<Long> records = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            long a = arena.allocate(0);
            records.add(a);
            heap.add(i, a);
        }
        long grown = heap.bytes();
        while (heap.size() > 0) heap.remove(0);
        assertThat(heap.bytes()).isLessThan(grown / 100);
        assertThat(heap.peekDeadline()).isEqualTo(ExpiryHeap.EMPTY);
    }

    private static int slotOf(Arena arena, long a) {
        return arena.page(a).getInt(arena.offset(a) + SLOT);
    }
}
