/**
 * The keyspace. {@link dev.miniredis.db.Db} is the commands' view of it, owned by the event-loop thread alone, which is
 * why it needs no locks. Its data lives in a {@link dev.miniredis.db.Store}: records in direct-buffer pages
 * ({@link dev.miniredis.db.Arena}) found through an index of {@code long} addresses, so millions of keys are not Java
 * objects. Keys expire in two ways: lazily, when a lookup finds the deadline passed, and actively, through the
 * {@link dev.miniredis.db.ExpiryHeap} that also tells the loop how long it may sleep. Read {@code Db}, then
 * {@code Store}'s class comment.
 *
 * <p>This package knows nothing about sockets: it never imports {@code java.nio.channels}.
 */
package dev.miniredis.db;
