package dev.miniredis.db;

import java.util.Arrays;

/**
 * The {@link Store}'s deadlines: an exact binary min-heap in two primitive arrays, the earliest deadline at the root.
 *
 * <pre>
 *   slot:        0      1      2      3    ...
 *   deadlines: [ 100 ][ 250 ][ 180 ][ 900 ]...     deadlines[i] &lt;= deadlines[2i+1], deadlines[2i+2]
 *   addresses: [  a  ][  b  ][  c  ][  d  ]...     the record that has that deadline
 *                 ^
 *                 record a's header says "my slot is 0"
 * </pre>
 *
 * <p>Every record with a deadline stores its current slot in its header, and the heap rewrites that number each time it
 * moves an item. So removing a key's deadline (DEL, PERSIST) or changing it (EXPIRE again) goes straight to the slot
 * and sifts: O(log n), no search, and no stale items left behind. The heap the {@link Db} used before the store (an
 * {@code ExpiryQueue} of entry objects) could not find an item, so it left old ones in place, skipped them when they
 * surfaced, and rebuilt itself when they piled up. Knowing the slot costs 4 bytes in every record; it buys an exact count of keys with
 * a deadline, an exact next deadline for the loop's timer, and 16 bytes per scheduled key instead of a growing pile.
 * (Redis keeps deadlines in a second hash table, key to deadline, and samples it at random to expire keys actively.)
 *
 * <p>The arrays double when full and halve when a quarter full, so memory comes back after mass expiry. Only the loop
 * thread touches the heap.
 */
final class ExpiryHeap {
    /** What {@link #peekDeadline} returns when the heap is empty: the same value as {@link Store#NO_DEADLINE}. */
    static final long EMPTY = Long.MAX_VALUE;
    private static final int MIN_CAPACITY = 16;

    private final Arena arena;
    private final int slotOffset; // where a record keeps its slot, from its address
    private long[] deadlines = new long[MIN_CAPACITY];
    private long[] addresses = new long[MIN_CAPACITY];
    private int size;

    /**
     * @param arena where the records live
     * @param slotOffset the offset of the 4-byte slot field inside a record
     */
    ExpiryHeap(Arena arena, int slotOffset) {
        this.arena = arena;
        this.slotOffset = slotOffset;
    }

    int size() {
        return size;
    }

    /** The earliest deadline, or {@link #EMPTY} when the heap is empty. */
    long peekDeadline() {
        return size == 0 ? EMPTY : deadlines[0];
    }

    /** The record with the earliest deadline; only when not empty. */
    long peekAddress() {
        return addresses[0];
    }

    long deadline(int slot) {
        return deadlines[slot];
    }

    long address(int slot) {
        return addresses[slot];
    }

    /** Bytes held by the two arrays. */
    long bytes() {
        return 16L * deadlines.length;
    }

    /** Schedules {@code address} at {@code deadline}; the record's slot field is written. */
    void add(long deadline, long address) {
        if (size == deadlines.length) resize(size * 2);
        siftUp(size++, deadline, address);
    }

    /** Moves the item in {@code slot} to a new deadline, up or down as needed. */
    void update(int slot, long deadline) {
        if (deadline < deadlines[slot]) siftUp(slot, deadline, addresses[slot]);
        else siftDown(slot, deadline, addresses[slot]);
    }

    /** Removes the item in {@code slot}: the last item takes its place and sifts up or down. */
    void remove(int slot) {
        int last = --size;
        if (slot != last) {
            long deadline = deadlines[last];
            long address = addresses[last];
            if (deadline < deadlines[slot]) siftUp(slot, deadline, address);
            else siftDown(slot, deadline, address);
        }
        if (deadlines.length > MIN_CAPACITY && size < deadlines.length / 4) resize(deadlines.length / 2);
    }

    /** The record in {@code slot} moved to {@code address} (its slot field was copied with it). */
    void moved(int slot, long address) {
        addresses[slot] = address;
    }

    void clear() {
        deadlines = new long[MIN_CAPACITY];
        addresses = new long[MIN_CAPACITY];
        size = 0;
    }

    private void siftUp(int i, long deadline, long address) {
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (deadlines[parent] <= deadline) break;
            place(i, deadlines[parent], addresses[parent]);
            i = parent;
        }
        place(i, deadline, address);
    }

    private void siftDown(int i, long deadline, long address) {
        while (true) {
            int child = 2 * i + 1;
            if (child >= size) break;
            if (child + 1 < size && deadlines[child + 1] < deadlines[child]) child++;
            if (deadline <= deadlines[child]) break;
            place(i, deadlines[child], addresses[child]);
            i = child;
        }
        place(i, deadline, address);
    }

    // Every move of an item tells its record where it now is.
    private void place(int slot, long deadline, long address) {
        deadlines[slot] = deadline;
        addresses[slot] = address;
        arena.page(address).putInt(arena.offset(address) + slotOffset, slot);
    }

    private void resize(int capacity) {
        deadlines = Arrays.copyOf(deadlines, capacity);
        addresses = Arrays.copyOf(addresses, capacity);
    }

    /** Checks the heap order and that every record's slot field points back at its item; for tests. */
    void checkInvariants() {
        for (int i = 0; i < size; i++) {
            if (i > 0 && deadlines[(i - 1) >>> 1] > deadlines[i]) throw new IllegalStateException("heap order at " + i);
            long a = addresses[i];
            int slot = arena.page(a).getInt(arena.offset(a) + slotOffset);
            if (slot != i) throw new IllegalStateException("slot " + slot + " recorded for item " + i);
        }
    }
}
