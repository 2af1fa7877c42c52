package dev.miniredis.db;

/**
 * A big collection that lives on the Java heap, held by a record through a handle (see {@link Encoding}). It reports
 * an estimate of the bytes it takes, so that {@code used_memory} and {@code maxmemory} see it: Redis counts what its
 * allocator hands out; we count what the object's arrays and nodes take, by the same rules for every type.
 */
public interface HeapValue {
    /**
     * An estimate of the heap bytes this collection takes: its nodes, arrays and the element bytes they hold.
     *
     * @return bytes, kept up to date by the collection as it changes (callers ask after every change)
     */
    long memoryBytes();

    /**
     * A deep copy, sharing nothing that a change to either could affect: what COPY stores under the new key.
     *
     * @return a new collection with the same elements
     */
    HeapValue copy();
}
