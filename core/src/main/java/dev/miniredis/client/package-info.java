/**
 * Client libraries for this server or any Redis 7, on the same {@code protocol} package as the server.
 *
 * <p>{@link dev.miniredis.client.Client} is blocking and simple: one call, one command, one reply.
 * {@link dev.miniredis.client.AsyncClient} is the client side of NIO: its own selector thread, nonblocking connect,
 * automatic pipelining, futures shared safely between threads. {@link dev.miniredis.client.Subscriber} is a connection in
 * subscribed mode. This package, unlike the server, may use concurrent collections: its callers are many threads.
 */
package dev.miniredis.client;
