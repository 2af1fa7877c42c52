package dev.miniredis.command;

import dev.miniredis.protocol.RespWriter;
import dev.miniredis.pubsub.Subscriber;

/**
 * What a command may know and change about the connection it came from. The reactor's {@code Connection} implements it;
 * commands see only this interface, so the dependency runs one way: reactor → command, never back. A session is also a
 * pub/sub {@link Subscriber}: SUBSCRIBE registers the very connection that sent it.
 */
public interface Session extends Subscriber {
    /**
     * Where the reply goes: this connection's write buffer.
     *
     * @return the connection's reply writer
     */
    RespWriter writer();

    /** Sends what is already written, then closes (QUIT). Commands that arrived after this one are not run. */
    void closeAfterReply();

    /**
     * False until AUTH succeeds on a server started with a password; always true without one.
     *
     * @return whether this connection may run commands that need authentication
     */
    boolean authenticated();

    /**
     * Set by AUTH and HELLO's AUTH option; RESET sets it back to false when a password is required.
     *
     * @param value whether the connection is now authenticated
     */
    void authenticated(boolean value);

    /**
     * The one authentication predicate: true while a password is required <em>now</em> and this connection has not
     * authenticated. The command table refuses commands with NOAUTH while it holds, and the parser keeps its small
     * pre-AUTH limits while it holds.
     *
     * @return whether this connection must authenticate before running ordinary commands
     */
    boolean authRequired();

    /**
     * The database this connection has selected (SELECT); 0 at first and after RESET.
     *
     * @return the index, 0 to {@code databases - 1}
     */
    int db();

    /**
     * Selects a database.
     *
     * @param index 0 to {@code databases - 1}, checked by the caller
     */
    void db(int index);

    /**
     * This connection's MULTI state and watched keys, made on first use.
     *
     * @return the transaction state, never null
     */
    dev.miniredis.command.tx.Transaction transaction();

    /**
     * The transaction state if MULTI or WATCH was ever used on this connection.
     *
     * @return the state, or null
     */
    dev.miniredis.command.tx.Transaction transactionOrNull();

    /**
     * The client's unique, increasing id (CLIENT ID).
     *
     * @return the id, starting at 1
     */
    long id();

    /**
     * CLIENT SETNAME's name, or null.
     *
     * @return the name bytes, or null if none was set
     */
    byte[] name();

    /**
     * Sets or clears the connection's name (CLIENT SETNAME).
     *
     * @param name the new name, or null to clear it
     */
    void name(byte[] name);

    /**
     * CLIENT SETINFO LIB-NAME / LIB-VER, or null.
     *
     * @param libName the client library's name, or null to keep the current one
     * @param libVersion the client library's version, or null to keep the current one
     */
    void libraryInfo(byte[] libName, byte[] libVersion);

    /**
     * The peer's address as CLIENT LIST prints it.
     *
     * @return {@code ip:port}
     */
    String address();

    /**
     * One line in the CLIENT LIST / CLIENT INFO format, without the newline.
     *
     * @param now the current time, epoch milliseconds, for the {@code age} and {@code idle} fields
     * @return {@code id=... addr=... name=...}, space-separated {@code field=value} pairs
     */
    String describe(long now);

    /**
     * Switches the connection's replies to RESP2 or RESP3 (HELLO).
     *
     * @param version 2 or 3
     */
    default void protocol(int version) {
        writer().protocol(version);
    }

    /**
     * True while a RESP2 connection has subscriptions: then only pub/sub commands, PING, QUIT and RESET are allowed.
     *
     * @return whether ordinary commands are refused
     */
    default boolean inSubscribedMode() {
        return writer().protocol() == 2 && !subscriptions().isEmpty();
    }
}
