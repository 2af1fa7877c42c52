/**
 * The reactor: one thread, one {@link java.nio.channels.Selector}, nonblocking sockets.
 *
 * <p>Read {@link dev.miniredis.reactor.EventLoop} first: its {@code runOnce()} is one turn of the loop in five lines.
 * Then {@link dev.miniredis.reactor.Connection}, which owns a socket's buffers. The NIO ideas shown here: readiness
 * selection, interest sets (and why OP_WRITE is asked for only while a write is unfinished), the selected-key set that
 * is never cleared for you, {@code read()} returning -1, and a select timeout driven by the next key deadline.
 */
package dev.miniredis.reactor;
