package dev.miniredis.time;

/**
 * Where the server gets the time: epoch milliseconds, read once per turn of the event loop and passed down as {@code now}.
 *
 * <p>Injecting the clock is what lets tests move time forward without sleeping: they use a manual clock, advance it by a
 * second, wake the loop, and check that the key is gone.
 *
 * <p>Deadlines are absolute epoch milliseconds (as EXPIREAT and PEXPIRETIME speak), so the real clock is the wall clock.
 * If it jumps, the only cost is one early or late wake-up of the loop, and keys expire by the wall clock, as in Redis.
 */
@FunctionalInterface
public interface Clock {
    /** The system clock: wall-clock milliseconds and {@link System#nanoTime()}. */
    Clock SYSTEM_NANOS = System::currentTimeMillis;

    /**
     * Milliseconds since the Unix epoch.
     *
     * @return the current time
     */
    long millis();

    /**
     * A monotonic reading in nanoseconds, for measuring how long a command ran (SLOWLOG, LATENCY, INFO commandstats).
     * Only differences between two readings mean anything. Tests inject a clock that moves only when told, so a
     * "slow" command is one that advanced the clock while it ran.
     *
     * @return nanoseconds from an arbitrary origin
     */
    default long nanos() {
        return System.nanoTime();
    }
}
