/**
 * mini-redis for Java: a Redis-compatible server built on one {@link java.nio.channels.Selector} thread.
 *
 * <h2>Reading order</h2>
 * <ol>
 *   <li>{@code dev.miniredis.server.Main} (server-app): reads the flags, builds the loop, installs the SIGINT and
 *       SIGTERM handlers that stop it gracefully, and runs it on its own thread.</li>
 *   <li>{@link dev.miniredis.reactor.EventLoop}: one turn of the loop; accept, read, execute, write.</li>
 *   <li>{@link dev.miniredis.reactor.Connection}: one socket's buffers and state.</li>
 *   <li>{@link dev.miniredis.protocol.RequestParser}: bytes to commands, resuming wherever the bytes ran out.</li>
 *   <li>{@link dev.miniredis.command.CommandTable}: name to command, arity check, error replies.</li>
 *   <li>One command, for example {@link dev.miniredis.command.Set}: parse, execute, reply.</li>
 *   <li>{@link dev.miniredis.db.Db}: the single-owner keyspace and its expiry queue.</li>
 * </ol>
 * Dependencies run one way: reactor → command → db; {@code protocol} depends on nothing.
 */
package dev.miniredis;
