package dev.miniredis.testing;

import dev.miniredis.time.Clock;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/** A clock that moves only when a test says so. Read by the loop thread, advanced by the test thread. */
public final class ManualClock implements Clock {
    private final AtomicLong millis;
    private final AtomicLong nanos = new AtomicLong();

    public ManualClock(long startMillis) {
        this.millis = new AtomicLong(startMillis);
    }

    public ManualClock() {
        this(1_700_000_000_000L);
    }

    @Override
    public long millis() {
        return millis.get();
    }

    /** The monotonic reading: moves with {@link #advance} and {@link #advanceNanos}, never by itself. */
    @Override
    public long nanos() {
        return nanos.get();
    }

    public void advance(Duration by) {
        millis.addAndGet(by.toMillis());
        nanos.addAndGet(by.toNanos());
    }

    /** Moves only the monotonic reading: what a command that "takes" this long does to it (SLOWLOG, LATENCY tests). */
    public void advanceNanos(long by) {
        nanos.addAndGet(by);
    }
}
