package dev.miniredis.db;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The {@link Arena}: size classes, addresses, free lists, page tails and the large-value side table. */
@Timeout(30)
class StoreArenaTest {

    @Test
    void sizeClassesGrowByAboutAQuarterInStepsOfEight() {
        int[] classes = Arena.sizeClasses(8 << 20);
        assertThat(classes[0]).isEqualTo(16);
        assertThat(classes).startsWith(16, 24, 32, 40, 48, 56, 64, 80, 96, 120, 144);
        assertThat(classes[classes.length - 1]).isEqualTo(8 << 20);
        for (int i = 1; i < classes.length; i++) {
            assertThat(classes[i] % 8).isZero();
            assertThat(classes[i]).isGreaterThan(classes[i - 1]);
            assertThat((double) classes[i]).isLessThanOrEqualTo(Math.max(classes[i - 1] + 8, classes[i - 1] * 1.25));
        }
        assertThat(classes.length).as("a byte indexes them").isLessThan(128);
    }

    @Test
    void classForIsTheSmallestClassThatHolds() {
        Arena arena = new Arena(14); // 16 KiB pages, records up to 4 KiB
        assertThat(arena.maxRecordBytes).isEqualTo(4096);
        int c = 0;
        for (int size = 0; size <= arena.maxRecordBytes; size++) {
            while (arena.classBytes(c) < size) c++;
            assertThat(arena.classFor(size)).as("size %d", size).isEqualTo(c);
        }
        assertThat(arena.classBytes(arena.classCount() - 1)).isEqualTo(arena.maxRecordBytes);
    }

    @Test
    void addressesAreAlignedDistinctNeverNilAndInsideOnePage() {
        Arena arena = new Arena(12); // 4 KiB pages
        List<long[]> records = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            int sizeClass = i % arena.classCount();
            long a = arena.allocate(sizeClass);
            assertThat(a).isNotEqualTo(Arena.NIL);
            assertThat(a % 8).isZero();
            int size = arena.classBytes(sizeClass);
            assertThat(arena.offset(a) + size).as("inside its page").isLessThanOrEqualTo(arena.pageBytes);
            records.add(new long[] {a, size});
        }
        records.sort((x, y) -> Long.compare(x[0], y[0]));
        for (int i = 1; i < records.size(); i++) {
            assertThat(records.get(i)[0]).as("no overlap").isGreaterThanOrEqualTo(records.get(i - 1)[0] + records.get(i - 1)[1]);
        }
    }

    @Test
    void aFreedRecordIsTheNextOneOfItsClass() {
        Arena arena = new Arena(16);
        int sizeClass = arena.classFor(64);
        long a = arena.allocate(sizeClass);
        long b = arena.allocate(sizeClass);
        long live = arena.liveRecordBytes();
        arena.free(a, sizeClass);
        arena.free(b, sizeClass);
        assertThat(arena.liveRecordBytes()).isEqualTo(live - 128);
        assertThat(arena.allocate(sizeClass)).as("last in, first out").isEqualTo(b);
        assertThat(arena.allocate(sizeClass)).isEqualTo(a);
        assertThat(arena.allocate(arena.classFor(16))).as("another class is not served from this list").isNotIn(a, b);
    }

    @Test
    void churnOfOneClassStaysOnOnePage() {
        Arena arena = new Arena(16);
        int sizeClass = arena.classFor(100);
        long[] live = new long[200];
        for (int i = 0; i < live.length; i++) live[i] = arena.allocate(sizeClass);
        long pages = arena.pageBytesTotal();
        for (int round = 0; round < 10_000; round++) {
            int i = round % live.length;
            arena.free(live[i], sizeClass);
            live[i] = arena.allocate(sizeClass);
        }
        assertThat(arena.pageBytesTotal()).isEqualTo(pages);
        assertThat(arena.liveRecordBytes()).isEqualTo(200L * arena.classBytes(sizeClass));
    }

    @Test
    void aPageTailTooShortForARequestServesSmallerRecords() {
        Arena arena = new Arena(12); // 4096-byte pages; page 0 starts at 8, the largest class is 1024
        int biggest = arena.classCount() - 1;
        Set<Long> firstPage = new HashSet<>();
        for (int i = 0; i < 3; i++) firstPage.add(arena.allocate(biggest));
        assertThat(arena.pageCount()).isEqualTo(1);
        long fourth = arena.allocate(biggest); // 8 + 3 * 1024 + 1024 > 4096: a new page; the 1016-byte tail is carved
        assertThat(arena.pageCount()).isEqualTo(2);
        assertThat(fourth >>> arena.pageShift).isEqualTo(1);
        int tailClass = arena.classFor(1016) - 1; // the largest class not bigger than the tail
        long fromTail = arena.allocate(tailClass);
        assertThat(fromTail >>> arena.pageShift).as("served from page 0's tail").isZero();
        assertThat(fromTail).isEqualTo(8 + 3 * 1024);
    }

    @Test
    void largeBuffersAreCountedAndTheirHandlesReused() {
        Arena arena = new Arena(12);
        int h1 = arena.allocateLarge(10_000);
        int h2 = arena.allocateLarge(5_000);
        assertThat(arena.largeBytes()).isEqualTo(15_000);
        assertThat(arena.large(h1).capacity()).isEqualTo(10_000);
        arena.freeLarge(h1);
        assertThat(arena.largeBytes()).as("counted off at once").isEqualTo(5_000);
        assertThat(arena.allocateLarge(7)).isEqualTo(h1);
        assertThat(arena.large(h2).capacity()).isEqualTo(5_000);
        arena.clear();
        assertThat(arena.largeBytes()).isZero();
        assertThat(arena.pageBytesTotal()).isZero();
    }
}
