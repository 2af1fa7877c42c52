/**
 * Transactions without locks: MULTI queues a connection's commands, EXEC runs them all in one go on the loop thread
 * (so nothing can come in between: that is the atomicity), and WATCH makes EXEC fail if a watched key changed since.
 * Read {@link dev.miniredis.command.tx.Transaction} for the states, then {@link dev.miniredis.command.tx.Watches} for
 * how every write reaches the watchers through the keyspace's one choke point ({@link dev.miniredis.db.KeyChanges}),
 * then {@code CommandTable.execute}, where queuing happens.
 */
package dev.miniredis.command.tx;
