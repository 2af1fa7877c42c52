package dev.miniredis.client;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A blocking client for this server or any Redis 7: each call sends one command and waits for its reply.
 *
 * <pre>{@code
 * try (Client client = Client.connect("127.0.0.1", 6379)) {
 *     client.set("hello", "world");
 *     String value = client.get("hello");   // "world"
 * }
 * }</pre>
 *
 * Keys and values are bytes; the {@code String} methods are conveniences that use UTF-8. An error reply throws
 * {@link RedisException} and leaves the connection usable; a lost connection or a timeout throws {@link IOException}
 * (after a timeout the connection's state is unknown: close it). Not thread-safe: for sharing between threads and for
 * pipelining, use {@link AsyncClient}.
 */
public final class Client implements AutoCloseable {
    /** Used when no timeout is given. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

    private final String host;
    private final int port;
    private final Duration timeout;
    private final Connection connection;

    private Client(String host, int port, Duration timeout) throws IOException {
        this.host = host;
        this.port = port;
        this.timeout = timeout;
        this.connection = new Connection(host, port, timeout, timeout);
    }

    /** Connects with the default 5 second connect and read timeouts. */
    public static Client connect(String host, int port) throws IOException {
        return new Client(host, port, DEFAULT_TIMEOUT);
    }

    /** Connects; {@code timeout} bounds the connect and every reply. */
    public static Client connect(String host, int port, Duration timeout) throws IOException {
        return new Client(host, port, timeout);
    }

    /** {@code PING}: returns "PONG". */
    public String ping() throws IOException {
        return (String) connection.call(b("PING"));
    }

    /** {@code PING message}: returns the message. */
    public byte[] ping(byte[] message) throws IOException {
        return (byte[]) connection.call(b("PING"), message);
    }

    /** {@code GET key}: the value, or null if the key does not exist. */
    public byte[] get(byte[] key) throws IOException {
        return (byte[]) connection.call(b("GET"), key);
    }

    public String get(String key) throws IOException {
        byte[] value = get(b(key));
        return value == null ? null : new String(value, StandardCharsets.UTF_8);
    }

    /** {@code SET key value}. */
    public void set(byte[] key, byte[] value) throws IOException {
        connection.call(b("SET"), key, value);
    }

    public void set(String key, String value) throws IOException {
        set(b(key), b(value));
    }

    /** {@code SET key value PX ms}: the key disappears after {@code ttl}. */
    public void set(byte[] key, byte[] value, Duration ttl) throws IOException {
        connection.call(b("SET"), key, value, b("PX"), b(Long.toString(ttl.toMillis())));
    }

    public void set(String key, String value, Duration ttl) throws IOException {
        set(b(key), b(value), ttl);
    }

    /** {@code PUBLISH channel message}: returns how many subscribers received it. */
    public long publish(byte[] channel, byte[] message) throws IOException {
        return (Long) connection.call(b("PUBLISH"), channel, message);
    }

    public long publish(String channel, String message) throws IOException {
        return publish(b(channel), b(message));
    }

    /**
     * Any command, as the server's reply: {@code String} (simple string), {@code Long}, {@code byte[]} (bulk string),
     * {@code List<Object>} (array), {@code Map} (RESP3 map) or null. An error reply throws {@link RedisException}.
     */
    public Object send(byte[]... args) throws IOException {
        return connection.call(args);
    }

    public Object send(String... args) throws IOException {
        byte[][] bytes = new byte[args.length][];
        for (int i = 0; i < args.length; i++) bytes[i] = b(args[i]);
        return send(bytes);
    }

    /**
     * Subscribes to channels and returns a {@link Subscriber} that takes over this client's connection (a connection
     * in subscribed mode can no longer run ordinary commands). This client must not be used afterwards.
     */
    public Subscriber subscribe(String... channels) throws IOException {
        Subscriber subscriber = new Subscriber(connection);
        subscriber.subscribe(channels);
        return subscriber;
    }

    /** Where this client is connected, for messages. */
    @Override
    public String toString() {
        return "Client[" + host + ":" + port + ", timeout=" + timeout + "]";
    }

    @Override
    public void close() throws IOException {
        connection.close();
    }

    static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
