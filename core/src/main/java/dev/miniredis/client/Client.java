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
    private final ClientConnection connection;

    private Client(String host, int port, Duration connectTimeout, Duration readTimeout) throws IOException {
        this.host = host;
        this.port = port;
        this.timeout = readTimeout;
        this.connection = new ClientConnection(host, port, connectTimeout, readTimeout);
    }

    /**
     * Connects with the default 5 second connect and read timeouts.
     *
     * @param host the server's host name or address
     * @param port the server's TCP port
     * @return a connected client
     * @throws IOException if the connection is refused or does not complete in time
     */
    public static Client connect(String host, int port) throws IOException {
        return new Client(host, port, DEFAULT_TIMEOUT, DEFAULT_TIMEOUT);
    }

    /**
     * Connects; {@code timeout} bounds the connect and every reply.
     *
     * @param host the server's host name or address
     * @param port the server's TCP port
     * @param timeout the connect timeout, and the read timeout for every reply
     * @return a connected client
     * @throws IOException if the connection is refused or does not complete in time
     */
    public static Client connect(String host, int port, Duration timeout) throws IOException {
        return new Client(host, port, timeout, timeout);
    }

    /**
     * Connects, with separate bounds for the TCP handshake and for each reply: a short reply timeout then says nothing
     * about how quickly the connection must be made.
     *
     * @param host the server's host name or address
     * @param port the server's TCP port
     * @param connectTimeout how long the connect may take
     * @param readTimeout how long each reply may take
     * @return a connected client
     * @throws IOException if the connection is refused or does not complete in time
     */
    public static Client connect(String host, int port, Duration connectTimeout, Duration readTimeout) throws IOException {
        return new Client(host, port, connectTimeout, readTimeout);
    }

    /**
     * {@code PING}.
     *
     * @return "PONG"
     * @throws IOException if the connection is lost or the reply does not arrive in time
     */
    public String ping() throws IOException {
        return (String) connection.call(b("PING"));
    }

    /**
     * {@code PING message}: the server echoes the message back.
     *
     * @param message the bytes to echo
     * @return the same message
     * @throws IOException if the connection is lost or the reply does not arrive in time
     */
    public byte[] ping(byte[] message) throws IOException {
        return (byte[]) connection.call(b("PING"), message);
    }

    /**
     * {@code GET key}.
     *
     * @param key the key to read
     * @return the value, or null if the key does not exist
     * @throws IOException if the connection is lost or the reply does not arrive in time
     */
    public byte[] get(byte[] key) throws IOException {
        return (byte[]) connection.call(b("GET"), key);
    }

    /**
     * {@link #get(byte[])} with the key and value as UTF-8 text.
     *
     * @param key the key to read
     * @return the value decoded as UTF-8, or null if the key does not exist
     * @throws IOException if the connection is lost or the reply does not arrive in time
     */
    public String get(String key) throws IOException {
        byte[] value = get(b(key));
        return value == null ? null : new String(value, StandardCharsets.UTF_8);
    }

    /**
     * {@code SET key value}.
     *
     * @param key the key to write
     * @param value its new value
     * @throws IOException if the connection is lost or the reply does not arrive in time
     */
    public void set(byte[] key, byte[] value) throws IOException {
        connection.call(b("SET"), key, value);
    }

    /**
     * {@link #set(byte[], byte[])} with the key and value as UTF-8 text.
     *
     * @param key the key to write
     * @param value its new value
     * @throws IOException if the connection is lost or the reply does not arrive in time
     */
    public void set(String key, String value) throws IOException {
        set(b(key), b(value));
    }

    /**
     * {@code SET key value PX ms}: the key disappears after {@code ttl}.
     *
     * @param key the key to write
     * @param value its new value
     * @param ttl how long the key lives, sent in whole milliseconds
     * @throws IOException if the connection is lost or the reply does not arrive in time
     */
    public void set(byte[] key, byte[] value, Duration ttl) throws IOException {
        connection.call(b("SET"), key, value, b("PX"), b(Long.toString(ttl.toMillis())));
    }

    /**
     * {@link #set(byte[], byte[], Duration)} with the key and value as UTF-8 text.
     *
     * @param key the key to write
     * @param value its new value
     * @param ttl how long the key lives, sent in whole milliseconds
     * @throws IOException if the connection is lost or the reply does not arrive in time
     */
    public void set(String key, String value, Duration ttl) throws IOException {
        set(b(key), b(value), ttl);
    }

    /**
     * {@code PUBLISH channel message}.
     *
     * @param channel the channel to publish to
     * @param message the message bytes
     * @return how many subscribers received it
     * @throws IOException if the connection is lost or the reply does not arrive in time
     */
    public long publish(byte[] channel, byte[] message) throws IOException {
        return (Long) connection.call(b("PUBLISH"), channel, message);
    }

    /**
     * {@link #publish(byte[], byte[])} with the channel and message as UTF-8 text.
     *
     * @param channel the channel to publish to
     * @param message the message text
     * @return how many subscribers received it
     * @throws IOException if the connection is lost or the reply does not arrive in time
     */
    public long publish(String channel, String message) throws IOException {
        return publish(b(channel), b(message));
    }

    /**
     * Any command, as the server's reply: {@code String} (simple string), {@code Long}, {@code byte[]} (bulk string),
     * {@code List<Object>} (array), {@code Map} (RESP3 map) or null. An error reply throws {@link RedisException}.
     *
     * @param args the command name followed by its arguments
     * @return the decoded reply
     * @throws IOException if the connection is lost or the reply does not arrive in time
     */
    public Object send(byte[]... args) throws IOException {
        return connection.call(args);
    }

    /**
     * {@link #send(byte[]...)} with the command and arguments given as text, encoded as UTF-8.
     *
     * @param args the command name followed by its arguments
     * @return the decoded reply
     * @throws IOException if the connection is lost or the reply does not arrive in time
     */
    public Object send(String... args) throws IOException {
        byte[][] bytes = new byte[args.length][];
        for (int i = 0; i < args.length; i++) bytes[i] = b(args[i]);
        return send(bytes);
    }

    /**
     * Subscribes to channels and returns a {@link Subscriber} that takes over this client's connection (a connection
     * in subscribed mode can no longer run ordinary commands). This client must not be used afterwards.
     *
     * @param channels the channels to subscribe to
     * @return the subscriber, with every subscription already confirmed
     * @throws IOException if the connection is lost or the reply does not arrive in time
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
