package dev.miniredis.server;

import com.sun.management.HotSpotDiagnosticMXBean;
import dev.miniredis.server.HeapTrimmer.Policy;
import dev.miniredis.server.HeapTrimmer.Reading;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.lang.management.ManagementFactory;
import java.lang.ref.Reference;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The trimmer in a real JVM: after a bulk load, G1 hands the memory back. Slow and collector-bound, so it runs only with
 * {@code mvn -Pslow verify}, in a JVM of its own (the trimmer changes JVM-wide flags). server-app's slow profile starts
 * that JVM on G1 with {@code -Xmx1g}, a 128 MB initial heap (so the load grows the heap on any machine) and no marking
 * cycle started by heap occupancy, so the trimmer's periodic collection is the only thing that can shrink the heap.
 *
 * <p>Each step waits for an event, not for a time. The load is made of humongous objects (at least half a G1 region
 * each), which G1 places in regions of their own: the heap must grow to hold them, and the data is in the old
 * generation at once. The garbage goes at the next young collection (G1 reclaims dead humongous objects eagerly), and
 * the test allocates until the collection counter says one ran. Then the trimmer's gates must be open on the JVM's own
 * figures, and the test polls until G1's periodic cycle has shrunk the heap. The one bound turns a broken trimmer into a
 * failure with figures rather than a timeout.
 */
@Tag("slow")
@Timeout(240)
class HeapTrimmerJvmTest {
    private static final long MB = 1024 * 1024;
    private static volatile byte[] sink;

    private static long committedHeap() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getCommitted();
    }

    @Test
    void afterABulkLoadTheCommittedHeapComesBack() {
        assertThat(HeapTrimmer.start(Thread.currentThread())).as("G1 with default heap-ratio flags (the slow profile's JVM)").isTrue();
        HotSpotDiagnosticMXBean hotspot = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        assertThat(hotspot.getVMOption("MaxHeapFreeRatio").getValue()).isEqualTo("30");
        assertThat(hotspot.getVMOption("MinHeapFreeRatio").getValue()).isEqualTo("10");

        int objectBytes = (int) (Long.parseLong(hotspot.getVMOption("G1HeapRegionSize").getValue()) * 3 / 4);
        // A bulk load: 100 MB of data that stays, and 400 MB of working garbage that goes.
        List<byte[]> data = new ArrayList<>();
        for (long kept = 0; kept < 100 * MB; kept += objectBytes) data.add(new byte[objectBytes]);
        byte[][] burst = new byte[(int) (400 * MB / objectBytes)][];
        for (int i = 0; i < burst.length; i++) burst[i] = new byte[objectBytes];
        long peak = committedHeap();
        assertThat(peak).as("committed heap holding data and burst").isGreaterThan(500 * MB);
        Arrays.fill(burst, null);

        long collections = HeapTrimmer.readThisJvm(Thread.currentThread().getId()).collections();
        while (HeapTrimmer.readThisJvm(Thread.currentThread().getId()).collections() == collections) sink = new byte[16 * 1024]; // until a young GC ran
        sink = null;
        Reading afterLoad = HeapTrimmer.readThisJvm(Thread.currentThread().getId());
        assertThat(Policy.worthTrimming(afterLoad)).as("the trimmer's gates after the load: %s", afterLoad).isTrue();

        long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (committedHeap() >= peak / 2 && System.nanoTime() < giveUp) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100)); // polling a condition, not waiting out a time
        }
        assertThat(committedHeap()).as("committed heap after trimming; peak was %d, then %s", peak, afterLoad)
                .isLessThan(peak / 2);
        assertThat(data).hasSize((int) ((100 * MB + objectBytes - 1) / objectBytes)); // the data is still there
        Reference.reachabilityFence(data);
    }
}
