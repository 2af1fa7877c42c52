package dev.miniredis.command;

/** The numbers INFO reports, gathered by the event loop as it runs. */
public interface ServerStats {
    /**
     * When the server started, for {@code uptime_in_seconds}.
     *
     * @return epoch milliseconds
     */
    long startedAtMillis();

    /**
     * The port the server listens on ({@code tcp_port}).
     *
     * @return the bound TCP port
     */
    int port();

    /**
     * Open client connections ({@code connected_clients}).
     *
     * @return the current count
     */
    int connectedClients();

    /**
     * Connections accepted since the start ({@code total_connections_received}).
     *
     * @return the running total
     */
    long totalConnectionsReceived();

    /**
     * Commands run since the start ({@code total_commands_processed}).
     *
     * @return the running total
     */
    long totalCommandsProcessed();

    /**
     * Connections turned away at the client limit ({@code rejected_connections}). The event loop stops accepting at
     * the limit instead of rejecting, so it reports 0.
     *
     * @return the running total
     */
    long rejectedConnections();

    /**
     * A random 40-hex-digit identifier drawn at start-up ({@code run_id}); it changes with every start, as in Redis.
     *
     * @return the run id
     */
    String runId();

    /** CONFIG RESETSTAT's part in the loop: connections received back to zero. */
    void resetStats();
}
