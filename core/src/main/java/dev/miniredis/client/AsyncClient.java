package dev.miniredis.client;

import dev.miniredis.protocol.ProtocolException;
import dev.miniredis.protocol.Push;
import dev.miniredis.protocol.ReplyParser;
import dev.miniredis.protocol.RespError;
import dev.miniredis.protocol.RespWriter;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A nonblocking client that many threads can share: every call returns a {@link CompletableFuture} at once, and the
 * requests of all callers travel on one connection, pipelined, their replies matched back in order.
 *
 * <pre>{@code
 * try (AsyncClient client = AsyncClient.connect("127.0.0.1", 6379)) {
 *     CompletableFuture<Object> ok = client.send("SET", "k", "v");
 *     CompletableFuture<byte[]> v = client.get("k".getBytes());
 *     v.join();
 * }
 * }</pre>
 *
 * <h2>The client side of NIO</h2>
 * One I/O thread owns a {@link Selector} and a nonblocking {@link SocketChannel}, like the server's event loop:
 * <ul>
 *   <li><b>Connecting</b> without blocking: {@code connect()} returns false at once, and {@code OP_CONNECT} tells us
 *       when the handshake finished; {@code finishConnect()} then reports success or the error.</li>
 *   <li><b>Handing work to the I/O thread</b>: callers put requests on a concurrent queue and call
 *       {@code selector.wakeup()} (the one selector call that is safe from any thread), at most once until the I/O thread
 *       has taken the queue, so a burst of calls costs one wake-up.</li>
 *   <li><b>Pipelining</b>: the I/O thread encodes every queued request into one write buffer and remembers each future
 *       in a FIFO. Redis answers in order, so the n-th reply completes the n-th future.</li>
 *   <li><b>Partial writes</b>: if the kernel takes only part of the buffer, {@code OP_WRITE} interest is added until
 *       it drains, exactly as on the server.</li>
 * </ul>
 * Futures complete on the I/O thread: callbacks attached with {@code thenApply} and friends run there, so they must not
 * block. If the connection is lost, every outstanding future fails with an {@link IOException}; error replies fail just
 * their own future with a {@link RedisException}.
 */
public final class AsyncClient implements AutoCloseable {
    private record Request(byte[][] args, CompletableFuture<Object> reply) {
    }

    private final Selector selector;
    private final SocketChannel channel;
    private final SelectionKey key;
    private final Thread ioThread;
    private final ConcurrentLinkedQueue<Request> submitted = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean wakeupPending = new AtomicBoolean();
    private final CompletableFuture<Void> connected = new CompletableFuture<>();
    private final long replyTimeoutMillis;
    private volatile boolean closed;
    private volatile IOException failure;

    // Owned by the I/O thread.
    private final ArrayDeque<CompletableFuture<Object>> inFlight = new ArrayDeque<>();
    private final RespWriter writer = new RespWriter(64 * 1024);
    private final ReplyParser parser = new ReplyParser();
    private final ByteBuffer readBuffer = ByteBuffer.allocate(64 * 1024);

    private AsyncClient(String host, int port, Duration replyTimeout) throws IOException {
        this.replyTimeoutMillis = replyTimeout.toMillis();
        selector = Selector.open();
        channel = SocketChannel.open();
        try {
            channel.configureBlocking(false);
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            boolean done = channel.connect(new InetSocketAddress(host, port)); // usually false: the handshake is underway
            key = channel.register(selector, done ? SelectionKey.OP_READ : SelectionKey.OP_CONNECT);
            if (done) connected.complete(null);
        } catch (IOException | RuntimeException e) {
            channel.close();
            selector.close();
            throw e;
        }
        ioThread = new Thread(this::run, "mini-redis-async-client");
        ioThread.setDaemon(true);
        ioThread.start();
    }

    /**
     * Connects, waiting at most 5 seconds for the TCP handshake.
     *
     * @param host the server's host name or address
     * @param port the server's TCP port
     * @return a connected client with its I/O thread running
     * @throws IOException if the connection is refused or does not complete in time
     */
    public static AsyncClient connect(String host, int port) throws IOException {
        return connect(host, port, Client.DEFAULT_TIMEOUT);
    }

    /**
     * Connects, waiting at most {@code timeout}; a refused or timed-out connection throws {@link IOException}. The same
     * timeout bounds every reply: a request unanswered that long fails with a {@link TimeoutException} (a silent server
     * never leaves a caller waiting forever); a reply that still arrives later is matched to its request and dropped.
     *
     * @param host the server's host name or address
     * @param port the server's TCP port
     * @param timeout how long to wait for the TCP handshake, and then for each reply
     * @return a connected client with its I/O thread running
     * @throws IOException if the connection is refused, times out, or the wait is interrupted
     */
    public static AsyncClient connect(String host, int port, Duration timeout) throws IOException {
        return connect(host, port, timeout, timeout);
    }

    /**
     * Connects, with separate bounds for the TCP handshake and for each reply. The handshake completes on the client's
     * I/O thread, so how long it takes also depends on when that thread gets to run; a short reply timeout then need
     * not also cover that.
     *
     * @param host the server's host name or address
     * @param port the server's TCP port
     * @param connectTimeout how long to wait for the TCP handshake
     * @param replyTimeout how long each request may wait for its reply before its future fails
     * @return a connected client with its I/O thread running
     * @throws IOException if the connection is refused, times out, or the wait is interrupted
     */
    public static AsyncClient connect(String host, int port, Duration connectTimeout, Duration replyTimeout)
            throws IOException {
        AsyncClient client = new AsyncClient(host, port, replyTimeout);
        try {
            client.connected.get(connectTimeout.toMillis(), TimeUnit.MILLISECONDS);
            return client;
        } catch (ExecutionException e) {
            client.close();
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        } catch (TimeoutException e) {
            client.close();
            throw new IOException("connect to " + host + ":" + port + " timed out after " + connectTimeout);
        } catch (InterruptedException e) {
            client.close();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while connecting", e);
        }
    }

    /**
     * Sends any command; the future completes with the reply (see {@link Client#send(byte[]...)} for the types).
     *
     * @param args the command name followed by its arguments
     * @return completes with the reply; fails with {@link RedisException} on an error reply, with an
     *         {@link IOException} if the client is closed or the connection is lost, or with a {@link TimeoutException}
     *         if no reply came within the client's timeout
     */
    public CompletableFuture<Object> send(byte[]... args) {
        CompletableFuture<Object> reply = new CompletableFuture<>();
        // Replies still come back in order: a timed-out future stays in the FIFO and its late reply completes nothing.
        reply.orTimeout(replyTimeoutMillis, TimeUnit.MILLISECONDS);
        if (closed) {
            reply.completeExceptionally(failure != null ? failure : new IOException("client is closed"));
            return reply;
        }
        submitted.add(new Request(args, reply));
        if (closed) {
            // The I/O thread may have failed everything just before our add: fail what it can no longer see.
            Request r;
            while ((r = submitted.poll()) != null) r.reply.completeExceptionally(new IOException("client is closed"));
        } else if (wakeupPending.compareAndSet(false, true)) {
            selector.wakeup();
        }
        return reply;
    }

    /**
     * {@link #send(byte[]...)} with the command and arguments given as text, encoded as UTF-8.
     *
     * @param args the command name followed by its arguments
     * @return completes with the reply
     */
    public CompletableFuture<Object> send(String... args) {
        byte[][] bytes = new byte[args.length][];
        for (int i = 0; i < args.length; i++) bytes[i] = args[i].getBytes(StandardCharsets.UTF_8);
        return send(bytes);
    }

    /**
     * {@code PING}.
     *
     * @return completes with "PONG"
     */
    public CompletableFuture<String> ping() {
        return send(Client.b("PING")).thenApply(r -> (String) r);
    }

    /**
     * {@code GET key}.
     *
     * @param key the key to read
     * @return completes with the value, or null if the key does not exist
     */
    public CompletableFuture<byte[]> get(byte[] key) {
        return send(Client.b("GET"), key).thenApply(r -> (byte[]) r);
    }

    /**
     * {@code SET key value}.
     *
     * @param key the key to write
     * @param value its new value
     * @return completes when the server has confirmed the write
     */
    public CompletableFuture<Void> set(byte[] key, byte[] value) {
        return send(Client.b("SET"), key, value).thenApply(r -> null);
    }

    /**
     * {@code SET key value PX ms}: the key disappears after {@code ttl}.
     *
     * @param key the key to write
     * @param value its new value
     * @param ttl how long the key lives, sent in whole milliseconds
     * @return completes when the server has confirmed the write
     */
    public CompletableFuture<Void> set(byte[] key, byte[] value, Duration ttl) {
        return send(Client.b("SET"), key, value, Client.b("PX"), Client.b(Long.toString(ttl.toMillis())))
                .thenApply(r -> null);
    }

    /**
     * {@code PUBLISH channel message}.
     *
     * @param channel the channel to publish to
     * @param message the message bytes
     * @return completes with how many subscribers received it
     */
    public CompletableFuture<Long> publish(byte[] channel, byte[] message) {
        return send(Client.b("PUBLISH"), channel, message).thenApply(r -> (Long) r);
    }

    // ---- the I/O thread --------------------------------------------------------------------------------------------

    private void run() {
        try {
            while (!closed) {
                selector.select();
                wakeupPending.set(false);
                if (connected.isDone()) takeSubmitted();
                for (SelectionKey ready : selector.selectedKeys()) {
                    if (ready.isConnectable()) onConnectable();
                    if (ready.isValid() && ready.isReadable()) onReadable();
                }
                selector.selectedKeys().clear();
                if (connected.isDone() && !closed) flush();
            }
        } catch (IOException | RuntimeException e) {
            fail(e instanceof IOException io ? io : new IOException(e));
        } finally {
            fail(new IOException("client is closed"));
            try {
                channel.close();
                selector.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }

    private void onConnectable() throws IOException {
        try {
            channel.finishConnect();      // throws if the connection was refused
        } catch (IOException e) {
            connected.completeExceptionally(e);
            throw e;
        }
        key.interestOps(SelectionKey.OP_READ);
        connected.complete(null);
        takeSubmitted();
    }

    // Moves queued requests into the write buffer, remembering their futures in send order.
    private void takeSubmitted() {
        Request r;
        while ((r = submitted.poll()) != null) {
            writer.command(r.args);
            inFlight.add(r.reply);
        }
    }

    private void flush() throws IOException {
        while (writer.pendingBytes() > 0) {
            if (writer.writeTo(channel, 256 * 1024) == 0) break;
        }
        int ops = writer.pendingBytes() > 0 ? SelectionKey.OP_READ | SelectionKey.OP_WRITE : SelectionKey.OP_READ;
        if (key.interestOps() != ops) key.interestOps(ops);
    }

    private void onReadable() throws IOException {
        int n = channel.read(readBuffer);
        if (n < 0) throw new IOException("connection closed by the server");
        readBuffer.flip();
        try {
            Object reply;
            while ((reply = parser.next(readBuffer)) != ReplyParser.INCOMPLETE) {
                if (reply instanceof Push) continue;  // RESP3 out-of-band data: not the reply to any request
                CompletableFuture<Object> future = inFlight.poll();
                if (future == null) continue;
                if (reply instanceof RespError e) future.completeExceptionally(new RedisException(e.message()));
                else future.complete(reply);
            }
        } catch (ProtocolException e) {
            throw new IOException("malformed reply from server: " + e.getMessage(), e);
        }
        readBuffer.clear();               // the parser consumed every byte
    }

    private void fail(IOException cause) {
        if (failure == null) failure = cause;
        closed = true;
        CompletableFuture<Object> f;
        while ((f = inFlight.poll()) != null) f.completeExceptionally(cause);
        Request r;
        while ((r = submitted.poll()) != null) r.reply.completeExceptionally(cause);
        connected.completeExceptionally(cause);
    }

    /** Closes the connection; requests still waiting fail with an {@link IOException}. */
    @Override
    public void close() {
        closed = true;
        selector.wakeup();
        if (Thread.currentThread() != ioThread) {
            try {
                ioThread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
