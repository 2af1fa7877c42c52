package dev.miniredis.protocol;

import java.nio.ByteBuffer;

/**
 * Write buffers of one size, lent to connections while they have replies to send and given back once those are sent.
 *
 * <p>Why: a connection that waits for its next command holds no replies, so it needs no buffer. Ten thousand idle clients
 * would otherwise hold ten thousand 16 KB arrays (160 MB), and every connect/close would leave 16 KB of garbage. With
 * the pool a buffer is taken when the first reply of a turn is written and returned when the socket has taken all of it
 * (usually at the start of the next turn), so the buffers in use are those of the clients being answered right now, and
 * the same few arrays go round and round: a GET allocates no buffer.
 *
 * <p>Redis does the same for reading (a shared query buffer, in 7.4) and keeps a 16 KB reply buffer per client that its
 * cron shrinks when idle; a pool does both jobs without a cron.
 *
 * <p>Bounded: at most {@code maxPooled} buffers wait in the pool; more are left to the collector. Only the loop thread
 * uses a pool: no locks.
 */
public final class BufferPool {
    private final int bufferBytes;
    private final ByteBuffer[] free;
    private int count;

    /**
     * @param bufferBytes the size of every buffer this pool lends
     * @param maxPooled how many returned buffers it keeps for reuse
     */
    public BufferPool(int bufferBytes, int maxPooled) {
        this.bufferBytes = bufferBytes;
        this.free = new ByteBuffer[maxPooled];
    }

    /**
     * The size of the buffers this pool lends.
     *
     * @return bytes per buffer
     */
    public int bufferBytes() {
        return bufferBytes;
    }

    /**
     * A cleared buffer of {@link #bufferBytes()}: a pooled one if any, else a new one.
     *
     * @return a heap buffer in fill mode
     */
    public ByteBuffer take() {
        if (count == 0) return ByteBuffer.allocate(bufferBytes);
        ByteBuffer b = free[--count];
        free[count] = null;
        return b;
    }

    /**
     * Returns a buffer taken from this pool; the caller must not use it afterwards.
     *
     * @param buffer a buffer of {@link #bufferBytes()}
     */
    public void give(ByteBuffer buffer) {
        if (buffer.capacity() != bufferBytes || count == free.length) return; // not ours, or the pool is full
        buffer.clear();
        free[count++] = buffer;
    }

    /**
     * Buffers waiting in the pool, for INFO and tests.
     *
     * @return the number of pooled buffers
     */
    public int pooled() {
        return count;
    }
}
