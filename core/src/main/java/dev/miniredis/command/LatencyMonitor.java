package dev.miniredis.command;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * LATENCY's memory, as Redis's {@code latency.c} keeps it: for each event class ({@code "command"} for commands without
 * the fast flag, {@code "fast-command"} for the others) a ring of the last 160 samples, at most one per second (a
 * second sample within the same second keeps the larger latency), plus the largest latency ever seen. Samples are only
 * taken while {@code latency-monitor-threshold} is above 0 and a command ran for at least that many milliseconds, so the
 * usual command pays one comparison.
 *
 * <p>Loop thread only.
 */
public final class LatencyMonitor {
    /** Redis's LATENCY_TS_LEN: samples kept per event. */
    static final int SAMPLES = 160;

    /** One event's history. */
    public static final class Series {
        private final long[] times = new long[SAMPLES];
        private final long[] latencies = new long[SAMPLES];
        private int next;
        private long max;

        void add(long timeSeconds, long latencyMillis) {
            if (latencyMillis > max) max = latencyMillis;
            int previous = (next + SAMPLES - 1) % SAMPLES;
            if (times[previous] == timeSeconds) {
                if (latencyMillis > latencies[previous]) latencies[previous] = latencyMillis;
                return;
            }
            times[next] = timeSeconds;
            latencies[next] = latencyMillis;
            next = (next + 1) % SAMPLES;
        }

        /**
         * The samples, oldest first, as {@code {time, latency}} pairs.
         *
         * @return a new list
         */
        public List<long[]> samples() {
            List<long[]> out = new ArrayList<>();
            for (int j = 0; j < SAMPLES; j++) {
                int i = (next + j) % SAMPLES;
                if (times[i] != 0) out.add(new long[] {times[i], latencies[i]});
            }
            return out;
        }

        /**
         * The newest sample.
         *
         * @return {@code {time, latency}}
         */
        public long[] latest() {
            int i = (next + SAMPLES - 1) % SAMPLES;
            return new long[] {times[i], latencies[i]};
        }

        /**
         * The largest latency ever sampled for this event, in milliseconds.
         *
         * @return the maximum
         */
        public long max() {
            return max;
        }
    }

    private final Map<String, Series> events = new LinkedHashMap<>();
    private long thresholdMillis;

    /**
     * {@code latency-monitor-threshold}, in milliseconds; 0 means off.
     *
     * @return the threshold
     */
    public long thresholdMillis() {
        return thresholdMillis;
    }

    /**
     * Sets {@code latency-monitor-threshold}.
     *
     * @param millis 0 switches sampling off
     */
    public void thresholdMillis(long millis) {
        this.thresholdMillis = millis;
    }

    /**
     * Records a sample if the monitor is on and the latency reaches the threshold (Redis's
     * {@code latencyAddSampleIfNeeded}).
     *
     * @param event the event class
     * @param latencyMillis how long it took
     * @param timeSeconds Unix time of the sample
     */
    public void sampleIfNeeded(String event, long latencyMillis, long timeSeconds) {
        if (thresholdMillis == 0 || latencyMillis < thresholdMillis) return;
        events.computeIfAbsent(event, e -> new Series()).add(timeSeconds, latencyMillis);
    }

    /**
     * Every event with samples, in the order each first appeared.
     *
     * @return event name to history, a live view
     */
    public Map<String, Series> events() {
        return events;
    }

    /**
     * {@code LATENCY RESET event}: forgets one event.
     *
     * @param event the event class
     * @return whether it had samples
     */
    public boolean reset(String event) {
        return events.remove(event) != null;
    }

    /**
     * {@code LATENCY RESET}: forgets every event.
     *
     * @return how many events had samples
     */
    public int resetAll() {
        int n = events.size();
        events.clear();
        return n;
    }
}
