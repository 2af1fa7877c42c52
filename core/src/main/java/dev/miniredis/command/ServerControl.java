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
}
