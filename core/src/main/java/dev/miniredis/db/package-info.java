/**
 * The keyspace. {@link dev.miniredis.db.Db} is a hash table owned by the event-loop thread alone, which is why it needs no
 * locks. Keys expire in two ways: lazily, when a lookup finds the deadline passed, and actively, through the
 * {@link dev.miniredis.db.ExpiryQueue} that also tells the loop how long it may sleep.
 *
 * <p>This package knows nothing about sockets: it never imports {@code java.nio.channels}.
 */
package dev.miniredis.db;
