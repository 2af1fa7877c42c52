/**
 * mini-redis for Java: a Redis-compatible server built on one {@link java.nio.channels.Selector} thread.
 *
 * <h2>Reading order</h2>
 * <ol>
 *   <li>{@code dev.miniredis.server.Main} (server-app): reads the config file and the flags, builds the loop, installs the SIGINT and
 *       SIGTERM handlers that stop it gracefully, and runs it on its own thread.</li>
 *   <li>{@link dev.miniredis.reactor.EventLoop}: one turn of the loop; flush, select, read the clock, serve, timers.</li>
 *   <li>The rooms beside it: {@link dev.miniredis.reactor.Connection} (one socket's state machine),
 *       {@code Clients} (accepting, the idle list, closing) and {@code Timers} (every deadline the loop waits for).</li>
 *   <li>{@link dev.miniredis.protocol.RequestParser}: bytes to commands, resuming wherever the bytes ran out.</li>
 *   <li>{@link dev.miniredis.command.CommandSpec}: how a command declares its name, arity, flags and parser.</li>
 *   <li>{@link dev.miniredis.command.CommandTable}: name to spec, then arity, authentication and subscribed-mode
 *       checks, error replies.</li>
 *   <li>One command, for example {@link dev.miniredis.command.string.Set}: spec, parse, execute, reply. The commands live
 *       one family per package: {@code command.string}, {@code command.keys}, {@code command.list},
 *       {@code command.hash}, {@code command.set}, {@code command.zset}, {@code command.pubsub},
 *       {@code command.tx}, {@code command.connection}, {@code command.server}.</li>
 *   <li>A container, {@link dev.miniredis.command.connection.ClientCommand}: subcommands as commands of their own.</li>
 *   <li>{@link dev.miniredis.db.Db}: the single-owner keyspace, kept outside the Java heap in a
 *       {@link dev.miniredis.db.Store}, with its deadlines in an exact heap; {@link dev.miniredis.db.Keyspace}: the
 *       numbered databases.</li>
 *   <li>{@link dev.miniredis.db.Encoding}: where a collection lives (packed in its record, or a heap object), then the
 *       layouts in {@code db.types}.</li>
 *   <li>{@link dev.miniredis.command.tx.Transaction} and {@link dev.miniredis.db.KeyChanges}: MULTI/EXEC as a queue,
 *       WATCH through one choke point; {@link dev.miniredis.command.Blocking}: clients that wait without a thread.</li>
 *   <li>{@link dev.miniredis.pubsub.Notifications}: keyspace notifications through the pub/sub fan-out.</li>
 *   <li>{@code dev.miniredis.persist}: the RDB file format, written and read by small, named functions.</li>
 *   <li>{@link dev.miniredis.embed.MiniRedis}: the whole server started from Java, on a thread of its own, for
 *       tests.</li>
 * </ol>
 * Dependencies run one way: reactor → command → db; {@code protocol} depends on nothing. ({@code db} implements one
 * interface of {@code protocol}, {@link dev.miniredis.protocol.BulkSource}, so GET copies a value from the store straight
 * into the reply.)
 */
package dev.miniredis;
