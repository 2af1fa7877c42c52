/**
 * A real server inside your own JVM, for your tests: {@link dev.miniredis.embed.MiniRedis} starts the same event loop
 * that {@code mini-redis-server.jar} runs, on a thread of its own, and stops it gracefully on {@code close()}.
 *
 * <p>Read {@link dev.miniredis.embed.MiniRedis} first; the guide's chapter "Configuration, protected mode and embedding"
 * tells how it relates to the loop and to shutdown.
 */
package dev.miniredis.embed;
