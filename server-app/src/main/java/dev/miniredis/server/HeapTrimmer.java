package dev.miniredis.server;

import com.sun.management.HotSpotDiagnosticMXBean;
import com.sun.management.VMOption;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;

/**
 * Gives memory back to the operating system once a burst of writes is over, so the server's resident size follows the
 * data it holds rather than the busiest moment it has seen.
 *
 * <h2>Why a server needs this</h2>
 * The JVM's default collector, G1, grows the heap (and the young generation within it) while a client loads a million
 * keys, and every region it has touched stays resident. It shrinks the heap only at the end of a marking cycle or a
 * full collection, and only down to {@code MaxHeapFreeRatio} (70 % free by default); and an idle server triggers
 * neither. Users start us with a plain {@code java -jar}, so we cannot pass flags on the command line. But some flags
 * are <em>manageable</em>: a process may change them while it runs, through {@link HotSpotDiagnosticMXBean}. We use
 * three:
 * <ul>
 *   <li>{@code MinHeapFreeRatio} 10 and {@code MaxHeapFreeRatio} 30: after a cycle, keep at most 30 % of the heap free;</li>
 *   <li>{@code G1PeriodicGCInterval}: when set, G1 starts a concurrent cycle once no collection has happened for that
 *       long (JEP 346). We set it to three seconds, and only when the heap has grown past its initial size, holds more
 *       than 64 MB of long-lived data (a bulk load, not just garbage) and has more than half of itself unused; and we
 *       set it back to 0 as soon as a collection has run, so an idle server with a large, settled heap is not marked
 *       again and again, and a server that only churns garbage between bursts of requests keeps G1's default sizing.</li>
 * </ul>
 * A second, independent trigger: once the event loop has allocated nothing for {@link #IDLE_CHECKS} checks in a row
 * (its clients have gone quiet, not merely paused between requests), a heap with more than {@link #IDLE_SLACK_BYTES}
 * committed but unused is trimmed the same way, once per idle spell. That is what gives back the garbage of ten
 * thousand connections that came and went. After each trim the C heap is trimmed as well ({@code malloc_trim}, through
 * the {@code System.trim_native_heap} diagnostic command), which returns the JIT compilers' warm-up scratch memory.
 *
 * <p>The collection this triggers is concurrent: the event loop keeps serving. Flags a user did set explicitly
 * ({@code -XX:MaxHeapFreeRatio=...}) are left alone, and nothing happens under collectors other than G1.
 *
 * <p>This runs on its own daemon thread, which checks once a second; it reads JVM figures and sets JVM flags only, and
 * never touches the event loop's state. What to do on each check is decided by {@link Policy}, from the figures alone,
 * so the decision can be tested on numbers; whether G1 then really gives the memory back is checked by the slow test
 * {@code HeapTrimmerJvmTest} ({@code mvn -Pslow verify}).
 */
final class HeapTrimmer implements Runnable {
    private static final System.Logger LOG = System.getLogger(HeapTrimmer.class.getName());
    private static final long CHECK_MILLIS = 1_000;
    /**
     * How long without any collection counts as "the burst is over". A server under load collects every second or so;
     * a shorter quiet time would also trim in the short gaps between bursts, and each burst would then start on a
     * shrunken heap with a small young generation, paying for it in more frequent pauses.
     */
    static final long QUIET_MILLIS = 3_000;
    /** A committed heap at or below this (or below the initial heap) has not grown: nothing to give back. */
    static final long MIN_COMMITTED_BYTES = 64L * 1024 * 1024;
    /** Long-lived data (in G1's old generation) above which a grown heap is worth trimming. */
    static final long OLD_DATA_BYTES = 64L * 1024 * 1024;
    /** Checks in a row in which the event loop allocated nothing: the server is idle, not between two requests. */
    static final int IDLE_CHECKS = 5;
    /** Committed but unused heap above which an idle server gives memory back. */
    static final long IDLE_SLACK_BYTES = 16L * 1024 * 1024;

    /**
     * The JVM's figures at one check.
     *
     * @param heapUsed bytes in use in the heap, garbage not yet collected included
     * @param heapCommitted bytes the heap holds from the operating system
     * @param heapInitial the heap's initial size ({@code -Xms} or the JVM's default)
     * @param oldGenerationUsed bytes in use in G1's old generation (long-lived data)
     * @param collections collections run so far, all collectors together
     * @param loopAllocatedBytes bytes the event-loop thread has allocated so far: unchanged means the server is idle
     */
    record Reading(long heapUsed, long heapCommitted, long heapInitial, long oldGenerationUsed, long collections,
                   long loopAllocatedBytes) {
    }

    /** What a check does to {@code G1PeriodicGCInterval}. */
    enum Action {
        /** Leave it as it is. */
        NONE,
        /** Set it to {@link HeapTrimmer#QUIET_MILLIS}: G1 starts a concurrent cycle once no collection has run for that long. */
        ARM,
        /** Set it back to 0 (off): a collection has run since it was armed. */
        DISARM
    }

    /**
     * The trimmer's decision, a pure function of the readings it is given (and of whether it armed earlier). No JVM
     * calls, no clock: the quiet time is G1's to measure, through the flag.
     */
    static final class Policy {
        private boolean armed;
        private long collectionsWhenArmed;
        private long lastLoopAllocated = -1;
        private int idleChecks;
        private boolean trimmedSinceLastActivity;
        // The unused heap the last trim left (read at the first check after its collection): an idle trim needs
        // IDLE_SLACK_BYTES more than that, so a server that a health check wakes every few seconds, and that has
        // nothing new to give back, is not collected again at every visit.
        private long slackAfterTrim;
        private boolean measureSlackAfterTrim;

        /**
         * Decides what to do at one check.
         *
         * @param now the figures read at this check
         * @return the action to take on the flag
         */
        Action check(Reading now) {
            if (measureSlackAfterTrim && !armed) {
                slackAfterTrim = now.heapCommitted() - now.heapUsed();
                measureSlackAfterTrim = false;
            }
            if (now.loopAllocatedBytes() == lastLoopAllocated) {
                idleChecks++;
            } else {                                              // the loop served something since the last check
                lastLoopAllocated = now.loopAllocatedBytes();
                idleChecks = 0;
                trimmedSinceLastActivity = false;
            }
            if (armed) {
                if (now.collections() == collectionsWhenArmed) return Action.NONE;   // still waiting for the quiet time
                armed = false;                                   // a collection ran: done until the next burst
                measureSlackAfterTrim = true;
                return Action.DISARM;
            }
            boolean idle = idleLongEnough(now);
            if (!idle && !worthTrimming(now)) return Action.NONE;
            if (idle) trimmedSinceLastActivity = true;           // once per idle spell, however long it lasts
            armed = true;
            collectionsWhenArmed = now.collections();
            return Action.ARM;
        }

        /**
         * The second reason to trim: the server has been idle (its loop allocated nothing) for {@link #IDLE_CHECKS}
         * checks in a row, and the heap holds more than {@link #IDLE_SLACK_BYTES} it does not use. Garbage left by
         * connections, a burst of requests or the JIT's warm-up is then given back once, after the clients have gone
         * quiet, rather than kept for good; a server that is merely between two requests is never idle that long. The
         * slack must exceed what the last trim left by that much, so an occasional visitor with nothing new to give
         * back does not start a collection each time it comes.
         */
        boolean idleLongEnough(Reading now) {
            return !trimmedSinceLastActivity && idleChecks >= IDLE_CHECKS
                    && now.heapCommitted() - now.heapUsed() > slackAfterTrim + IDLE_SLACK_BYTES;
        }

        /** Whether the flag is set (between an {@link Action#ARM} and the next {@link Action#DISARM}). */
        boolean armed() {
            return armed;
        }

        /**
         * Only a heap that grew past its initial size, and that now holds a lot of long-lived data (a bulk load), is
         * trimmed, and only while more than half of it is unused. A server that merely churns through garbage between
         * bursts of requests keeps G1's default sizing: shrinking its heap in each pause would start every burst on a
         * small young generation, with more frequent collections and a worse tail latency (measured: p99 of pipelined
         * SET/GET went from ~1.3 ms to ~4 ms).
         *
         * <p>"Used" includes garbage the collector has not reclaimed yet: old-generation objects that died after being
         * promoted count as used until a marking cycle finds them, so they can hold this gate shut.
         */
        static boolean worthTrimming(Reading now) {
            long unused = now.heapCommitted() - now.heapUsed();
            boolean grew = now.heapCommitted() > Math.max(now.heapInitial(), MIN_COMMITTED_BYTES);
            boolean holdsData = now.oldGenerationUsed() > OLD_DATA_BYTES;
            return grew && holdsData && unused > now.heapCommitted() / 2;
        }
    }

    private final HotSpotDiagnosticMXBean hotspot;
    private final Policy policy = new Policy();

    private final long loopThreadId;

    private HeapTrimmer(HotSpotDiagnosticMXBean hotspot, long loopThreadId) {
        this.hotspot = hotspot;
        this.loopThreadId = loopThreadId;
    }

    /**
     * Starts the trimmer if the JVM runs G1 and the user left its heap flags alone; returns whether it started.
     *
     * @param loopThread the event loop's thread, whose allocations tell an idle server from a busy one
     */
    static boolean start(Thread loopThread) {
        try {
            HotSpotDiagnosticMXBean hotspot = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
            if (hotspot == null || !"true".equals(hotspot.getVMOption("UseG1GC").getValue())) return false;
            for (String flag : new String[] {"MinHeapFreeRatio", "MaxHeapFreeRatio", "G1PeriodicGCInterval"}) {
                if (hotspot.getVMOption(flag).getOrigin() != VMOption.Origin.DEFAULT) return false;
            }
            hotspot.setVMOption("MinHeapFreeRatio", "10"); // lower the minimum first: the maximum may not go below it
            hotspot.setVMOption("MaxHeapFreeRatio", "30");
            Thread thread = new Thread(new HeapTrimmer(hotspot, loopThread.getId()), "heap-trimmer");
            thread.setDaemon(true);
            thread.start();
            return true;
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "heap trimming unavailable error=\"" + e + "\"");
            return false;
        }
    }

    @Override
    public void run() {
        try {
            while (true) {
                Thread.sleep(CHECK_MILLIS);
                check();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void check() {
        switch (policy.check(readThisJvm(loopThreadId))) {
            case ARM -> hotspot.setVMOption("G1PeriodicGCInterval", Long.toString(QUIET_MILLIS));
            case DISARM -> {
                hotspot.setVMOption("G1PeriodicGCInterval", "0");
                trimNativeHeap();
            }
            case NONE -> { }
        }
    }

    /**
     * After the collection: hand the C heap's free pages back too ({@code jcmd PID System.trim_native_heap}, glibc's
     * {@code malloc_trim}). The JIT compilers' scratch memory is the bulk of it: tens of MB while the server warms up,
     * freed by the JVM but kept by malloc. The diagnostic command is reached through its MBean, as jcmd reaches it.
     */
    private void trimNativeHeap() {
        try {
            javax.management.MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            javax.management.ObjectName name = new javax.management.ObjectName("com.sun.management:type=DiagnosticCommand");
            server.invoke(name, "systemTrimNativeHeap", new Object[] {new String[0]}, new String[] {String[].class.getName()});
        } catch (Exception | LinkageError e) {
            if (!nativeTrimUnavailableLogged) {
                nativeTrimUnavailableLogged = true;
                LOG.log(System.Logger.Level.DEBUG, "native heap trimming unavailable error=\"" + e + "\"");
            }
        }
    }

    private boolean nativeTrimUnavailableLogged;

    /**
     * The figures {@link Policy} decides on, read from this JVM now.
     *
     * @param loopThreadId the event loop's thread id
     */
    static Reading readThisJvm(long loopThreadId) {
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        long oldGenerationUsed = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getName().contains("Old Gen")) {
                oldGenerationUsed = pool.getUsage().getUsed();
            }
        }
        long collections = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            collections += Math.max(0, gc.getCollectionCount());
        }
        long loopAllocated = ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean t
                ? t.getThreadAllocatedBytes(loopThreadId) : 0;
        return new Reading(heap.getUsed(), heap.getCommitted(), heap.getInit(), oldGenerationUsed, collections,
                loopAllocated);
    }
}
