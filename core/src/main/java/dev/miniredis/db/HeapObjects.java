package dev.miniredis.db;

import java.util.Arrays;

/**
 * The table of big collections: a record whose value is a 4-byte handle finds its heap object here. Handles are reused
 * (a free list threaded through {@code nextFree}), so the table is as long as the most objects ever held at once, not
 * the number ever created. It also keeps each object's last reported size, so that {@link #totalBytes} (part of
 * {@code used_memory}) is a running sum rather than a walk over every object.
 *
 * <p>Owned by the {@link Db}, on the loop thread, like everything in this package.
 */
final class HeapObjects {
    private HeapValue[] objects = new HeapValue[16];
    private long[] bytes = new long[16];
    private int[] nextFree = new int[16];
    private int firstFree = -1;
    private int used;          // handles ever handed out: slots at and above this are untouched
    private int live;
    private long totalBytes;

    /** Adds an object and returns its handle. */
    int add(HeapValue value) {
        int h;
        if (firstFree >= 0) {
            h = firstFree;
            firstFree = nextFree[h];
        } else {
            if (used == objects.length) {
                int n = objects.length * 2;
                objects = Arrays.copyOf(objects, n);
                bytes = Arrays.copyOf(bytes, n);
                nextFree = Arrays.copyOf(nextFree, n);
            }
            h = used++;
        }
        objects[h] = value;
        bytes[h] = value.memoryBytes();
        totalBytes += bytes[h];
        live++;
        return h;
    }

    HeapValue get(int handle) {
        return objects[handle];
    }

    /** Takes the object's size again after it changed. */
    void resized(int handle) {
        long now = objects[handle].memoryBytes();
        totalBytes += now - bytes[handle];
        bytes[handle] = now;
    }

    /** Forgets the object (its key was deleted, overwritten or evicted); the collector takes it from here. */
    void release(int handle) {
        totalBytes -= bytes[handle];
        objects[handle] = null;
        bytes[handle] = 0;
        nextFree[handle] = firstFree;
        firstFree = handle;
        live--;
    }

    void clear() {
        objects = new HeapValue[16];
        bytes = new long[16];
        nextFree = new int[16];
        firstFree = -1;
        used = 0;
        live = 0;
        totalBytes = 0;
    }

    /** The objects' reported sizes plus the table's own arrays. */
    long totalBytes() {
        return totalBytes + 20L * objects.length;
    }

    int live() {
        return live;
    }
}
