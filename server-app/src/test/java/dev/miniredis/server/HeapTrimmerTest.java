package dev.miniredis.server;

import com.sun.management.HotSpotDiagnosticMXBean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** In this test JVM (G1 by default on a 2-core, multi-GB machine): the trimmer tunes the flags and the heap shrinks. */
@Timeout(60)
class HeapTrimmerTest {
    private static long committedHeap() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getCommitted();
    }

    @Test
    void afterABurstTheCommittedHeapComesBack() {
        assumeTrue(HeapTrimmer.start(), "needs G1 with default heap flags");
        HotSpotDiagnosticMXBean hotspot = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        assertThat(hotspot.getVMOption("MaxHeapFreeRatio").getValue()).isEqualTo("30");
        assertThat(hotspot.getVMOption("MinHeapFreeRatio").getValue()).isEqualTo("10");

        // A bulk load: ~100 MB of data that stays, plus ~400 MB of working garbage that goes.
        List<byte[]> data = new ArrayList<>();
        for (int i = 0; i < 100; i++) data.add(new byte[1024 * 1024]);
        List<byte[]> burst = new ArrayList<>();
        for (int i = 0; i < 400; i++) burst.add(new byte[1024 * 1024]);
        long peak = committedHeap();
        assertThat(peak).isGreaterThan(500L * 1024 * 1024);
        burst.clear();

        // Wait, bounded, for the trimmer's concurrent cycle to hand the memory back.
        long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(40);
        while (committedHeap() > peak / 2 && System.nanoTime() < giveUp) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100)); // polling a condition, not waiting out a time
        }
        assertThat(committedHeap()).as("committed heap after trimming; peak was %d", peak).isLessThan(peak / 2);
        assertThat(data).hasSize(100); // the data itself is still there
    }
}
