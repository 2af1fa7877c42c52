package dev.miniredis.reactor;

import java.util.Arrays;
import java.util.function.LongConsumer;

/**
 * Every deadline the loop waits for, in one min-heap ordered by deadline: key expiry, the idle-client check, the end of
 * an accept pause, the shutdown deadline (and, later, blocked-client timeouts and persistence cron).
 *
 * <h2>How the loop uses it</h2>
 * <pre>
 *   selectReady(timers.millisUntilNext(now))   sleep no longer than until the earliest deadline
 *   ...serve the ready sockets...
 *   timers.runDue(now, MAX_TIMERS_PER_TURN)    fire what is due, a bounded number per turn
 * </pre>
 * Nothing polls on a fixed tick: with no timer armed the loop sleeps until a socket is ready or {@code wakeup()} is called.
 *
 * <h2>Timers are reusable objects</h2>
 * A {@link Timer} is created once, with a name and an action, and then armed, re-armed and disarmed as often as needed;
 * each knows its own slot in the heap, so moving it is a sift up or down, never a search, and never an allocation. That
 * is why the key-expiry timer can be re-armed after every batch of commands at no cost.
 *
 * <p>Time is the injected clock's epoch milliseconds, passed in as {@code now}; this class never reads a clock. Only the
 * loop thread touches it: no locks.
 *
 * <p>Agrona and Netty use timer <em>wheels</em>, which make arming O(1) for thousands of timers; a heap is O(log n) and
 * simpler to read, and the loop has a handful of timers plus one per blocked client.
 */
final class Timers {
    /** The deadline of a timer that is not armed; {@link #millisUntilNext} returns it when nothing is armed. */
    static final long NEVER = Long.MAX_VALUE;

    /** One deadline and what to do when it passes. Create once, arm as often as needed. */
    static final class Timer {
        private final String name;
        private final LongConsumer action;
        private long deadlineMillis = NEVER;
        private int slot = -1; // index in the heap, -1 while not armed
        private long armedSequence; // which arm() call set the deadline, see runDue
        private long deferredDeadlineMillis = NEVER; // set aside by runDue, to be armed again at its end

        /**
         * @param name for logs and {@link #toString()}
         * @param action runs on the loop thread with {@code now} once the deadline has passed; it may re-arm its timer
         */
        Timer(String name, LongConsumer action) {
            this.name = name;
            this.action = action;
        }

        boolean armed() {
            return slot >= 0;
        }

        long deadlineMillis() {
            return deadlineMillis;
        }

        @Override
        public String toString() {
            return name + (armed() ? "@" + deadlineMillis : " (not armed)");
        }
    }

    private Timer[] heap = new Timer[8];
    private int size;
    private long armCalls;

    /**
     * Sets (or moves) a timer's deadline; {@link #NEVER} disarms it.
     *
     * @param t the timer
     * @param deadlineMillis epoch milliseconds at which it fires
     */
    void arm(Timer t, long deadlineMillis) {
        t.deferredDeadlineMillis = NEVER;
        if (deadlineMillis == NEVER) {
            disarm(t);
            return;
        }
        if (!t.armed()) {
            if (size == heap.length) heap = Arrays.copyOf(heap, size * 2);
            t.slot = size;
            heap[size++] = t;
        }
        long old = t.deadlineMillis;
        t.deadlineMillis = deadlineMillis;
        t.armedSequence = ++armCalls;
        if (deadlineMillis < old) siftUp(t.slot);
        else siftDown(t.slot);
    }

    /**
     * Moves a timer's deadline only if the new one is earlier (or the timer is not armed). A later deadline is left as it
     * is: the timer then fires early, finds nothing to do and re-arms itself, which costs less than moving it every time.
     *
     * @param t the timer
     * @param deadlineMillis the deadline that has to be met, or {@link #NEVER}
     */
    void armNoLaterThan(Timer t, long deadlineMillis) {
        if (deadlineMillis < t.deadlineMillis) arm(t, deadlineMillis);
    }

    /**
     * Takes a timer out of the heap; nothing happens if it is not armed.
     *
     * @param t the timer
     */
    void disarm(Timer t) {
        t.deferredDeadlineMillis = NEVER;
        removeFromHeap(t);
    }

    private void removeFromHeap(Timer t) {
        if (!t.armed()) return;
        int i = t.slot;
        Timer last = heap[--size];
        heap[size] = null;
        t.slot = -1;
        t.deadlineMillis = NEVER;
        if (last != t) {
            heap[i] = last;
            last.slot = i;
            siftUp(i);
            siftDown(last.slot);
        }
    }

    /**
     * How long the loop may sleep: 0 or less if a timer is already due, {@link #NEVER} if none is armed.
     *
     * @param now epoch milliseconds
     * @return milliseconds until the earliest deadline
     */
    long millisUntilNext(long now) {
        return size == 0 ? NEVER : heap[0].deadlineMillis - now;
    }

    /**
     * Fires every timer whose deadline is {@code <= now}, at most {@code max} of them (the rest stay due, so the next
     * turn's select does not sleep). A timer is disarmed before its action runs, so the action may arm it again; one
     * armed during this call waits for the next turn even if already due, so a timer that re-arms itself for "now" (key
     * expiry with more keys due) cannot keep the loop from its clients.
     *
     * @param now epoch milliseconds of this turn
     * @param max the most timers to fire in this call
     * @return how many fired
     */
    int runDue(long now, int max) {
        int fired = 0;
        long armedBefore = armCalls;
        int deferredCount = 0;
        while (fired < max && size > 0 && heap[0].deadlineMillis <= now) {
            Timer t = heap[0];
            if (t.armedSequence > armedBefore) {
                // Armed during this call: set it aside so the due timers behind it still run, and put it back after.
                if (deferredCount == deferred.length) deferred = Arrays.copyOf(deferred, deferredCount * 2);
                deferred[deferredCount++] = t;
                long deadline = t.deadlineMillis;
                removeFromHeap(t);
                t.deferredDeadlineMillis = deadline;
                continue;
            }
            disarm(t);
            t.action.accept(now);
            fired++;
        }
        for (int i = 0; i < deferredCount; i++) {
            Timer t = deferred[i];
            deferred[i] = null;
            // An action may have armed or disarmed it since; then that call decided, and its deferral was dropped.
            if (t.deferredDeadlineMillis != NEVER) arm(t, t.deferredDeadlineMillis);
        }
        return fired;
    }

    private Timer[] deferred = new Timer[4];

    /** @return the number of armed timers */
    int size() {
        return size;
    }

    private void siftUp(int i) {
        Timer t = heap[i];
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (heap[parent].deadlineMillis <= t.deadlineMillis) break;
            place(heap[parent], i);
            i = parent;
        }
        place(t, i);
    }

    private void siftDown(int i) {
        Timer t = heap[i];
        while (true) {
            int child = 2 * i + 1;
            if (child >= size) break;
            if (child + 1 < size && heap[child + 1].deadlineMillis < heap[child].deadlineMillis) child++;
            if (t.deadlineMillis <= heap[child].deadlineMillis) break;
            place(heap[child], i);
            i = child;
        }
        place(t, i);
    }

    private void place(Timer t, int i) {
        heap[i] = t;
        t.slot = i;
    }
}
