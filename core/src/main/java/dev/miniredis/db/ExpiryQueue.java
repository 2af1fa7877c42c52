package dev.miniredis.db;

import java.util.Arrays;

/**
 * A binary min-heap of (deadline, entry) pairs: the head is the key that falls due first. The event loop sleeps exactly
 * until then ({@link Db#nextDeadlineMillis}, which arms the loop's key-expiry timer), and {@link Db#expireDue} pops what is due.
 *
 * <p>Items are never removed from the middle: that would need a linear search ({@code PriorityQueue.remove(Object)} is
 * O(n)). When a key's deadline changes or the key goes away, its old item simply stays. On pop we compare the item's
 * deadline with the entry's current one and drop the item if they differ. {@link Db} rebuilds the heap when such stale
 * items outnumber the live ones, so they cannot pile up.
 *
 * <p>Two parallel arrays instead of an object per item: 12 bytes per scheduled key.
 */
final class ExpiryQueue {
    private long[] deadlines = new long[16];
    private Entry[] entries = new Entry[16];
    private int size;

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** The earliest deadline; only valid when not empty. */
    long peekDeadline() {
        return deadlines[0];
    }

    Entry peekEntry() {
        return entries[0];
    }

    void add(long deadline, Entry entry) {
        if (size == deadlines.length) {
            deadlines = Arrays.copyOf(deadlines, size * 2);
            entries = Arrays.copyOf(entries, size * 2);
        }
        int i = size++;
        // Sift up: move parents down until the new deadline's place is found.
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (deadlines[parent] <= deadline) break;
            deadlines[i] = deadlines[parent];
            entries[i] = entries[parent];
            i = parent;
        }
        deadlines[i] = deadline;
        entries[i] = entry;
    }

    void removeHead() {
        int last = --size;
        long deadline = deadlines[last];
        Entry entry = entries[last];
        entries[last] = null;
        if (last == 0) return;
        // Sift down: the last item goes to the root and sinks below any smaller child.
        int i = 0;
        while (true) {
            int child = 2 * i + 1;
            if (child >= last) break;
            if (child + 1 < last && deadlines[child + 1] < deadlines[child]) child++;
            if (deadline <= deadlines[child]) break;
            deadlines[i] = deadlines[child];
            entries[i] = entries[child];
            i = child;
        }
        deadlines[i] = deadline;
        entries[i] = entry;
    }

    void clear() {
        deadlines = new long[16];
        entries = new Entry[16];
        size = 0;
    }
}
