package dev.miniredis.command;

/**
 * The few server-wide things a command may ask of the server it runs in. The event loop implements it; commands never
 * see the loop itself.
 */
public interface ServerControl {
    /** Starts a graceful shutdown (the SHUTDOWN command). */
    void shutdown();

    /** The password clients must send with AUTH, or null when none is required. */
    byte[] requirePass();
}
