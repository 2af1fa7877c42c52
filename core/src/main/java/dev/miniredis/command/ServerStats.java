package dev.miniredis.command;

/** The numbers INFO reports, gathered by the event loop as it runs. */
public interface ServerStats {
    long startedAtMillis();

    int port();

    int connectedClients();

    long totalConnectionsReceived();

    long totalCommandsProcessed();

    long rejectedConnections();
}
