package dev.miniredis.reactor;

import dev.miniredis.command.ServerControl;

import java.util.ArrayList;
import java.util.List;

/**
 * Parked connections: a connection whose next command may not run yet stops consuming its pipeline until something
 * lets it go on. CLIENT PAUSE is the first user; the blocking commands (BLPOP and friends) are the next, and they need
 * exactly this.
 *
 * <pre>
 *   OPEN ──(the table says "wait": execute() returned false)──&gt; parked
 *     ▲     the command's argv is kept; the bytes read behind it are copied out of the shared read buffer into the
 *     │     connection's own held buffer; OP_READ is dropped, so whatever else the client sends waits in the kernel
 *     │
 *     └──(resume: the pause ended, or a key it waits for was written)── run the parked argv again, from the top of
 *           CommandTable.execute (every check again, as Redis reprocesses a postponed command), then the held bytes,
 *           then OP_READ comes back
 * </pre>
 *
 * <h2>Why resuming waits for the next turn</h2>
 * The pause ends inside some other client's command (CLIENT UNPAUSE) or inside a timer. Running the parked commands
 * right there would mean running commands inside a command (the context points at the unpausing client). So ending a
 * pause only asks for a resume, and the loop resumes at the start of its next turn, before it flushes: the place
 * Redis's {@code beforeSleep} serves its unblocked clients. Parked connections resume in the order they parked.
 *
 * <h2>CLIENT PAUSE</h2>
 * The pause itself is two fields, its kind and its deadline, read by the command table before every command through
 * {@code ServerControl.clientPause()}. As in Redis 7.0 a new pause never loosens the one in effect: the stricter kind
 * and the later deadline win. The deadline is a {@link Timers.Timer} on the injected clock, so tests end a pause by
 * moving a manual clock.
 *
 * <p>Loop thread only.
 */
final class Parking {
    private final List<Connection> parked = new ArrayList<>();
    private boolean resumeRequested;
    private int pauseKind = ServerControl.PAUSE_NONE;
    private long pauseDeadlineMillis;

    /** @return what the pause holds back at {@code now}: nothing once the deadline has passed, timer or not */
    int pauseKind(long now) {
        if (pauseKind != ServerControl.PAUSE_NONE && now >= pauseDeadlineMillis) return ServerControl.PAUSE_NONE;
        return pauseKind;
    }

    /**
     * Starts or extends a pause.
     *
     * @return the deadline now in effect, for the timer
     */
    long pause(long deadlineMillis, int kind, long now) {
        if (pauseKind(now) == ServerControl.PAUSE_NONE) {   // none, or one whose deadline passed (its timer not yet run)
            pauseKind = kind;
            pauseDeadlineMillis = deadlineMillis;
        } else {
            pauseKind = Math.max(pauseKind, kind);
            pauseDeadlineMillis = Math.max(pauseDeadlineMillis, deadlineMillis);
        }
        return pauseDeadlineMillis;
    }

    /** Ends the pause (UNPAUSE or its deadline) and asks the loop to resume the parked connections. */
    void unpause() {
        pauseKind = ServerControl.PAUSE_NONE;
        resumeRequested = true;
    }

    boolean paused() {
        return pauseKind != ServerControl.PAUSE_NONE;
    }

    void park(Connection c) {
        parked.add(c);
    }

    /** @return the parked connections to resume now, oldest first (the list is emptied), or none if no resume is due */
    List<Connection> takeResumable() {
        if (!resumeRequested || parked.isEmpty()) {
            resumeRequested = false;
            return List.of();
        }
        resumeRequested = false;
        List<Connection> ready = new ArrayList<>(parked);
        parked.clear();
        return ready;
    }

    /** A closed connection leaves the list at once. */
    void forget(Connection c) {
        parked.remove(c);
    }

    int count() {
        return parked.size();
    }
}
