package dev.miniredis.command;

import dev.miniredis.protocol.RespWriter;

/**
 * What a command may know and change about the connection it came from. The reactor's {@code Connection} implements it;
 * commands see only this interface, so the dependency runs one way: reactor → command, never back.
 */
public interface Session {
    /** Where the reply goes: this connection's write buffer. */
    RespWriter writer();

    /** Sends what is already written, then closes (QUIT). Commands still in the read buffer are not run. */
    void closeAfterReply();
}
