package dev.miniredis.command;

import dev.miniredis.protocol.RespWriter;
import dev.miniredis.pubsub.Subscriber;

/**
 * What a command may know and change about the connection it came from. The reactor's {@code Connection} implements it;
 * commands see only this interface, so the dependency runs one way: reactor → command, never back. A session is also a
 * pub/sub {@link Subscriber}: SUBSCRIBE registers the very connection that sent it.
 */
public interface Session extends Subscriber {
    /** Where the reply goes: this connection's write buffer. */
    RespWriter writer();

    /** Sends what is already written, then closes (QUIT). Commands still in the read buffer are not run. */
    void closeAfterReply();

    /** False until AUTH succeeds on a server started with a password; always true without one. */
    boolean authenticated();

    void authenticated(boolean value);

    /** The client's unique, increasing id (CLIENT ID). */
    long id();

    /** CLIENT SETNAME's name, or null. */
    byte[] name();

    void name(byte[] name);

    /** CLIENT SETINFO LIB-NAME / LIB-VER, or null. */
    void libraryInfo(byte[] libName, byte[] libVersion);

    /** One line in the CLIENT LIST / CLIENT INFO format, without the newline. */
    String describe(long now);

    /** Switches the connection's replies to RESP2 or RESP3 (HELLO). */
    default void protocol(int version) {
        writer().protocol(version);
    }

    /** True while a RESP2 connection has subscriptions: then only pub/sub commands, PING, QUIT and RESET are allowed. */
    default boolean inSubscribedMode() {
        return writer().protocol() == 2 && !subscriptions().isEmpty();
    }
}
