/** The runnable server: {@link dev.miniredis.server.Main} turns flags into a running event loop. */
package dev.miniredis.server;
