package dev.miniredis.time;

/** The real clock: {@link System#currentTimeMillis()}. */
public final class SystemClock implements Clock {
    /** The only instance: the clock has no state. */
    public static final SystemClock INSTANCE = new SystemClock();

    private SystemClock() {
    }

    @Override
    public long millis() {
        return System.currentTimeMillis();
    }
}
