package dev.miniredis.command;

/**
 * The few server-wide things a command may ask of the server it runs in. The event loop implements it; commands never
 * see the loop itself.
 */
public interface ServerControl {
    /** Starts a graceful shutdown (the SHUTDOWN command). */
    void shutdown();

    /**
     * The password clients must send with AUTH, or null when none is required.
     *
     * @return the password bytes, or null
     */
    byte[] requirePass();

    /**
     * Every connected client, for CLIENT LIST and CLIENT KILL.
     *
     * @return the open connections, ordered by id
     */
    java.util.List<Session> clients();

    /**
     * Closes another client (CLIENT KILL); the current one is closed after its reply instead.
     *
     * @param client the connection to close
     */
    void kill(Session client);

    /**
     * Figures for INFO, one section at a time.
     *
     * @return the server's counters
     */
    ServerStats stats();

    /**
     * The live settings CONFIG GET reads and CONFIG SET changes.
     *
     * @return the server's settings
     */
    Settings settings();

    /** {@link #clientPause()} when no CLIENT PAUSE is in effect. */
    int PAUSE_NONE = 0;
    /** {@link #clientPause()} under CLIENT PAUSE WRITE: commands that may write or replicate wait. */
    int PAUSE_WRITE = 1;
    /** {@link #clientPause()} under CLIENT PAUSE ALL: every command waits. */
    int PAUSE_ALL = 2;

    /**
     * What CLIENT PAUSE holds back right now; asked by the command table for every command, so it is a field read.
     *
     * @return {@link #PAUSE_NONE}, {@link #PAUSE_WRITE} or {@link #PAUSE_ALL}
     */
    int clientPause();

    /**
     * CLIENT PAUSE: from now until {@code deadlineMillis}, commands of the given kind wait. As in Redis 7.0, a second
     * pause can only make the pause stricter and longer: the stricter kind and the later deadline win.
     *
     * @param deadlineMillis epoch milliseconds when the pause ends by itself
     * @param kind {@link #PAUSE_WRITE} or {@link #PAUSE_ALL}
     */
    void pauseClients(long deadlineMillis, int kind);

    /** CLIENT UNPAUSE: ends the pause now; the waiting clients run their commands in the order they stopped. */
    void unpauseClients();

    /**
     * CLIENT UNBLOCK: frees a client blocked by a blocking command.
     *
     * @param id the client's id
     * @param error true to answer it with Redis's UNBLOCKED error, false to answer it as a timeout
     * @return whether such a client was blocked
     */
    boolean unblockClient(long id, boolean error);
}
