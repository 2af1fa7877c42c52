package dev.miniredis.protocol;

import java.nio.ByteBuffer;

/**
 * Write buffers in two sizes, lent to connections while they have replies to send and given back once those are sent.
 *
 * <p>Why: a connection that waits for its next command holds no replies, so it needs no buffer. Ten thousand idle clients
 * would otherwise hold ten thousand 16 KB arrays (160 MB), and every connect/close would leave 16 KB of garbage. With
 * the pool a buffer is taken when the first reply of a turn is written and returned when the socket has taken all of it
 * (usually at the start of the next turn), so the buffers in use are those of the clients being answered right now, and
 * the same arrays go round and round: a GET allocates no buffer.
 *
 * <p>Why two sizes: most replies are a few bytes ({@code +PONG}, {@code :1}, a short value), and in a busy turn
 * thousands of clients may each hold one. A small buffer serves those; a writer whose replies outgrow it moves to a large
 * one (and past that to an array of its own, which the collector takes back once sent). Ten thousand clients answered in
 * the same turn then need ten thousand small buffers, not 160 MB of large ones.
 *
 * <p>Redis does the same job differently: a 16 KB reply buffer per client, which its cron shrinks when the client is idle,
 * and (from 7.4) one shared query buffer for reading; our reading side is the loop's single shared read buffer.
 *
 * <p>Bounded: at most {@code maxSmall} and {@code maxLarge} buffers wait in the pool; more are left to the collector.
 * Only the loop thread uses a pool: no locks.
 */
public final class BufferPool {
    private final int smallBytes;
    private final int largeBytes;
    private final ByteBuffer[] small;
    private final ByteBuffer[] large;
    private int smallCount;
    private int largeCount;

    /**
     * @param smallBytes the size of the small buffers, enough for most single replies
     * @param maxSmall how many returned small buffers the pool keeps
     * @param largeBytes the size of the large buffers, for pipelines and larger values
     * @param maxLarge how many returned large buffers the pool keeps
     */
    public BufferPool(int smallBytes, int maxSmall, int largeBytes, int maxLarge) {
        this.smallBytes = smallBytes;
        this.largeBytes = largeBytes;
        this.small = new ByteBuffer[maxSmall];
        this.large = new ByteBuffer[maxLarge];
    }

    /**
     * The smallest pooled buffer that holds {@code bytes}: pooled if one is free, new otherwise; null if {@code bytes}
     * is more than a large buffer holds (the caller then allocates an array of its own).
     *
     * @param bytes the room needed
     * @return a cleared heap buffer in fill mode, or null
     */
    public ByteBuffer take(int bytes) {
        if (bytes <= smallBytes) {
            if (smallCount == 0) return ByteBuffer.allocate(smallBytes);
            ByteBuffer b = small[--smallCount];
            small[smallCount] = null;
            return b;
        }
        if (bytes <= largeBytes) {
            if (largeCount == 0) return ByteBuffer.allocate(largeBytes);
            ByteBuffer b = large[--largeCount];
            large[largeCount] = null;
            return b;
        }
        return null;
    }

    /**
     * Returns a buffer; one of another size, or one the pool has no room for, is left to the collector. The caller
     * must not use it afterwards.
     *
     * @param buffer a buffer from {@link #take}, or any other
     */
    public void give(ByteBuffer buffer) {
        int capacity = buffer.capacity();
        if (capacity == smallBytes && smallCount < small.length) {
            small[smallCount++] = buffer.clear();
        } else if (capacity == largeBytes && largeCount < large.length) {
            large[largeCount++] = buffer.clear();
        }
    }

    /**
     * Buffers waiting in the pool, for tests.
     *
     * @return the number of pooled buffers of both sizes
     */
    public int pooled() {
        return smallCount + largeCount;
    }
}
