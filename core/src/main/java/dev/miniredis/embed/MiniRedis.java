package dev.miniredis.embed;

import dev.miniredis.reactor.ConfigFile;
import dev.miniredis.reactor.EventLoop;
import dev.miniredis.reactor.ServerConfig;
import dev.miniredis.time.Clock;
import dev.miniredis.time.SystemClock;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A mini-redis server started from Java, for tests that want a real Redis-speaking server without a process to manage:
 *
 * <pre>{@code
 * try (MiniRedis server = MiniRedis.builder().config("maxmemory", "10mb").start()) {
 *     try (Client client = Client.connect(server.host(), server.port())) {
 *         client.set("greeting", "hello");
 *     }
 * }
 * }</pre>
 *
 * <h2>What it owns</h2>
 * One {@link EventLoop} and the thread that runs it, named {@code mini-redis-<port>}: the loop is the same one
 * {@code mini-redis-server.jar} runs, so everything the guide says about the turn holds here.
 * {@link Builder#start} returns once the listening socket is bound, so a client may connect at once (the kernel queues it until the loop's first
 * turn accepts it). The thread is a daemon: a test that forgets to close does not keep its JVM alive.
 *
 * <h2>Closing</h2>
 * {@link #close()} is the loop's graceful shutdown (the SHUTDOWN command and SIGTERM take the same path): it asks the
 * loop to stop from this thread ({@link EventLoop#shutdown()} only sets a flag and wakes the selector), the loop
 * answers every command whose bytes had arrived, closes the clients and its selector, and its thread ends; {@code close} waits
 * for that, at most {@code shutdown-timeout} plus five seconds. Calling it again, from any thread, does nothing. The
 * data is gone afterwards: nothing is persisted.
 *
 * <p>Thread-safety: the builder is for one thread; the handle's methods may be called from any thread.
 */
public final class MiniRedis implements AutoCloseable {
    private final EventLoop loop;
    private final Thread thread;
    private final String host;
    private final long shutdownTimeoutMillis;
    private boolean closed;

    private MiniRedis(EventLoop loop, String host, long shutdownTimeoutMillis) {
        this.loop = loop;
        this.host = host;
        this.shutdownTimeoutMillis = shutdownTimeoutMillis;
        this.thread = new Thread(loop, "mini-redis-" + loop.port());
        thread.setDaemon(true);
    }

    /**
     * A builder with Redis's defaults, except the port: 0, so the kernel picks a free one (see {@link #port()}).
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The port the server listens on: the one configured, or the kernel's choice for port 0.
     *
     * @return the TCP port
     */
    public int port() {
        return loop.port();
    }

    /**
     * The address to connect to: the bind address, or 127.0.0.1 when bound to every interface.
     *
     * @return an IP address clients can use
     */
    public String host() {
        return host;
    }

    /**
     * Whether the loop thread is still serving.
     *
     * @return false once closed, or if the loop stopped by itself (a SHUTDOWN command)
     */
    public boolean isRunning() {
        return thread.isAlive();
    }

    /**
     * Stops the server gracefully and waits for its thread to end. Idempotent, and safe from any thread.
     */
    @Override
    public void close() {
        // The one lock here guards this handle's own flag, for callers closing it from several test threads; the
        // server's state is never touched from here: loop.shutdown() only sets the loop's flag and wakes its selector.
        synchronized (this) {
            if (closed) return;
            closed = true;
        }
        loop.shutdown();
        try {
            thread.join(shutdownTimeoutMillis + 5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the loop still stops on its own; we just stop waiting
        }
    }

    @Override
    public String toString() {
        return "MiniRedis[" + host + ":" + port() + (isRunning() ? "" : ", stopped") + "]";
    }

    /** Settings for one server. Parameters are Redis's names, as in redis.conf and CONFIG SET. */
    public static final class Builder {
        private Integer port;
        private String bind;
        private final List<String[]> settings = new ArrayList<>();
        private Path configFile;
        private Clock clock = SystemClock.INSTANCE;

        private Builder() {
        }

        /**
         * The TCP port; 0 (the default here, unless a config file names one) picks a free one, which is what
         * parallel tests want.
         *
         * @param port 0 to 65535
         * @return this builder
         */
        public Builder port(int port) {
            if (port < 0 || port > 65535) throw new IllegalArgumentException("port must be between 0 and 65535");
            this.port = port;
            return this;
        }

        /**
         * The address to listen on; 127.0.0.1 by default.
         *
         * @param address an IP address or host name
         * @return this builder
         */
        public Builder bind(String address) {
            this.bind = address;
            return this;
        }

        /**
         * Any parameter by its Redis name, as a line of redis.conf or CONFIG SET takes it:
         * {@code config("maxmemory", "10mb")}, {@code config("maxmemory-policy", "allkeys-lru")},
         * {@code config("databases", "4")}. Checked by {@link #start()}, with CONFIG SET's own rules.
         *
         * @param name the parameter's name
         * @param value its value
         * @return this builder
         */
        public Builder config(String name, String value) {
            settings.add(new String[] {name.toLowerCase(java.util.Locale.ROOT), value});
            return this;
        }

        /**
         * A redis.conf-style file, read first; {@link #config} and {@link #port} given here override it.
         * CONFIG REWRITE then writes to this file.
         *
         * @param file the config file
         * @return this builder
         */
        public Builder configFile(Path file) {
            this.configFile = file;
            return this;
        }

        /**
         * The clock the loop reads once per turn (expiry, idle timeouts). Tests that want to move time by hand pass
         * a clock of their own and must then wake the loop after moving it; most tests keep the system clock.
         *
         * @param clock the time source
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /**
         * Binds the port and starts the loop on its own thread.
         *
         * @return the running server; close it when done
         * @throws IOException if the port cannot be bound or the config file cannot be read
         * @throws IllegalArgumentException for an unknown parameter or a value Redis would refuse (a
         *         {@link ConfigFile.LineError} names the config file's line)
         */
        public MiniRedis start() throws IOException {
            // The file first, then what was given here: as redis-server reads its file and then its flags.
            ServerConfig effective = configFile == null ? new ServerConfig().port(0)
                    : ConfigFile.load(configFile, new ServerConfig());
            for (String[] s : settings) {
                switch (s[0]) {
                    case "port" -> effective.port(number(s, 0, 65535));
                    case "bind" -> effective.bind(s[1]);
                    case "databases" -> effective.databases(number(s, 1, Integer.MAX_VALUE));
                    default -> effective.setting(s[0], s[1]);
                }
            }
            if (port != null) effective.port(port);
            if (bind != null) effective.bind(bind);
            EventLoop loop = new EventLoop(effective, clock);
            String bound = effective.bind();
            String host = bound.equals("0.0.0.0") || bound.equals("::") ? "127.0.0.1" : bound;
            MiniRedis server = new MiniRedis(loop, host, effective.shutdownTimeoutMillis());
            server.thread.start();
            return server;
        }

        private static int number(String[] setting, int min, int max) {
            long n;
            try {
                n = Long.parseLong(setting[1]);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(setting[0] + ": argument couldn't be parsed into an integer");
            }
            if (n < min || n > max) {
                throw new IllegalArgumentException(setting[0] + ": argument must be between " + min + " and " + max
                        + " inclusive");
            }
            return (int) n;
        }
    }
}
