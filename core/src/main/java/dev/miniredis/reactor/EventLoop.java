package dev.miniredis.reactor;

import dev.miniredis.command.CommandTable;
import dev.miniredis.command.Context;
import dev.miniredis.db.Db;
import dev.miniredis.protocol.ProtocolException;
import dev.miniredis.pubsub.PubSub;
import dev.miniredis.time.Clock;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import static java.lang.System.Logger.Level.DEBUG;
import static java.lang.System.Logger.Level.INFO;
import static java.lang.System.Logger.Level.WARNING;

/**
 * The whole server on one thread: one {@link Selector} watching the listening socket and every client socket.
 *
 * <h2>One turn of the loop</h2>
 * <pre>
 *   ┌─&gt; 1. flushPendingWrites   send the replies the previous turn produced, one write per connection
 *   │   2. waitForEvents        sleep until a socket is ready, the next key is due, or wakeup() is called
 *   │   3. now = clock.millis() read the clock once for the whole turn
 *   │   4. dispatchReadyKeys    accept new clients; read, parse and run every complete command; finish partial writes
 *   │   5. db.expireDue         remove keys whose deadline has passed (a bounded number per turn)
 *   └── 6. closeDoomed          disconnect subscribers whose unsent output went over its limit
 * </pre>
 * Replies are not written to the socket while commands run; they collect in each connection's write buffer and the
 * connection goes on the pending-writes list. So a client that pipelines 50 commands gets 50 replies in one
 * {@code write} call: pipelining comes for free.
 *
 * <h2>Threads</h2>
 * Everything here runs on the loop thread, except {@link #shutdown()} and {@link #wakeup()}, which any thread may call:
 * they only set a flag and call {@link Selector#wakeup()}, the one selector method documented as safe from other threads.
 */
public final class EventLoop implements Runnable {
    private static final System.Logger LOG = System.getLogger(EventLoop.class.getName());

    /** Keys removed per turn at most, so a million keys falling due at once cannot stall the clients. */
    static final int MAX_EXPIRIES_PER_TURN = 200;
    /** Redis's PROTO_IOBUF_LEN: each connection reads into a 16 KB buffer. */
    static final int READ_BUFFER_BYTES = 16 * 1024;
    /** The read buffer doubles while reads keep filling it (a big value arriving), up to this size. */
    static final int MAX_READ_BUFFER_BYTES = 1024 * 1024;
    static final int WRITE_BUFFER_BYTES = 16 * 1024;
    /** Bytes offered to one socket per write call, and sent to one connection per turn, so no client starves the rest. */
    static final int WRITE_CHUNK_BYTES = 256 * 1024;
    static final int MAX_WRITE_BYTES_PER_TURN = 1024 * 1024;

    private final ServerConfig config;
    private final Clock clock;
    private final Selector selector;
    private final ServerSocketChannel listener;
    private final Db db = new Db();
    private final CommandTable commands = CommandTable.standard();
    private final PubSub pubsub = new PubSub();
    private final Context context = new Context(db, pubsub);
    private final List<Connection> pendingWrites = new ArrayList<>();
    private final List<Connection> doomed = new ArrayList<>();

    private volatile boolean running = true;
    private boolean closed;
    private long now;
    private long nextConnectionId = 1;
    private int connectionCount;

    /** Opens the selector and binds the listening socket; {@link #run()} then serves. */
    public EventLoop(ServerConfig config, Clock clock) throws IOException {
        this.config = config;
        this.clock = clock;
        this.now = clock.millis();
        this.selector = Selector.open();
        this.listener = ServerSocketChannel.open();
        try {
            listener.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            listener.bind(new InetSocketAddress(config.bind(), config.port()), 511); // Redis's tcp-backlog
            listener.configureBlocking(false); // a selector only works with nonblocking channels
            listener.register(selector, SelectionKey.OP_ACCEPT);
        } catch (IOException | RuntimeException e) {
            listener.close();
            selector.close();
            throw e;
        }
    }

    /** The port actually bound: the configured one, or the kernel's choice for port 0. */
    public int port() {
        return listener.socket().getLocalPort();
    }

    /** The store, for tests that look inside between turns. Only touch it from the loop thread or a stopped loop. */
    public Db db() {
        return db;
    }

    public int connectionCount() {
        return connectionCount;
    }

    /** Serves until {@link #shutdown()}, then closes everything. */
    @Override
    public void run() {
        try {
            while (running) runOnce();
        } catch (IOException e) {
            LOG.log(WARNING, "event loop stopped by an I/O error on the selector: {0}", e.toString());
        } finally {
            closeAll();
        }
    }

    /** One turn. Tests may call this on their own thread to step the loop. */
    public void runOnce() throws IOException {
        flushPendingWrites();                             // 1. send what the previous turn produced
        waitForEvents(db.millisUntilNextDeadline(clock.millis())); // 2. sleep until I/O, a deadline, or wakeup()
        now = clock.millis();                             // 3. read the clock once for the whole turn
        dispatchReadyKeys();                              // 4. accept / read + execute / finish writes
        db.expireDue(now, MAX_EXPIRIES_PER_TURN);         // 5. drop keys whose deadline has passed
        closeDoomed();                                    // 6. disconnect subscribers that went over their limit
    }

    /** Asks the loop to stop; safe from any thread. The loop closes everything on its own thread. */
    public void shutdown() {
        running = false;
        selector.wakeup();
    }

    /** Makes a sleeping loop start a new turn at once (tests call it after moving a manual clock). */
    public void wakeup() {
        selector.wakeup();
    }

    // ---- 2. waiting ------------------------------------------------------------------------------------------------

    // Selector quirk: select(0) does not mean "don't wait". It means "wait forever". So a deadline that is already due must
    // use selectNow(), and only "no deadline at all" may block with no timeout. The timeout is the time until the next key
    // expires, which is why the loop never polls on a fixed tick.
    private void waitForEvents(long millisUntilDue) throws IOException {
        if (millisUntilDue == Db.NO_DEADLINE) selector.select();
        else if (millisUntilDue <= 0) selector.selectNow();
        else selector.select(millisUntilDue);
    }

    // ---- 4. dispatching ------------------------------------------------------------------------------------------

    private void dispatchReadyKeys() {
        Iterator<SelectionKey> ready = selector.selectedKeys().iterator();
        while (ready.hasNext()) {
            SelectionKey key = ready.next();
            // The selector adds keys to this set but never removes them: if we did not, the same key would come back on
            // the next turn as if it were ready again.
            ready.remove();
            // A key can turn invalid earlier in this same turn: its connection was closed while serving another one.
            if (!key.isValid()) continue;
            if (key.isAcceptable()) {
                onAcceptable();
                continue;
            }
            Connection c = (Connection) key.attachment();
            if (c.doomed) continue;
            try {
                if (key.isReadable()) onReadable(c);
                if (key.isValid() && key.isWritable()) onWritable(c);
            } catch (IOException e) {
                close(c, "io-error " + e.getMessage());
            } catch (RuntimeException e) {
                // A bug while serving one client must not take the server down: drop that client, keep the others.
                LOG.log(WARNING, "closing connection after an unexpected error " + c + " error=" + e, e);
                close(c, "internal-error");
            }
        }
    }

    private void onAcceptable() {
        // Accept everything waiting in the backlog: one readiness event can stand for many clients.
        for (int accepted = 0; accepted < 1000; accepted++) {
            SocketChannel channel;
            try {
                channel = listener.accept();
                if (channel == null) return; // nonblocking accept: nobody else is waiting
            } catch (IOException e) {
                LOG.log(WARNING, "accept failed error={0}", e.toString());
                return;
            }
            try {
                register(channel);
            } catch (IOException e) {
                LOG.log(WARNING, "could not set up an accepted connection error={0}", e.toString());
                closeQuietly(channel);
            }
        }
    }

    private void register(SocketChannel channel) throws IOException {
        channel.configureBlocking(false);
        // Replies are small and come one write per turn, so Nagle's algorithm would only hold them back waiting for an
        // ACK: with it on, pipelined clients stall for the peer's delayed-ACK timer.
        channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        String peer = String.valueOf(channel.getRemoteAddress());
        Connection c = new Connection(this, nextConnectionId++, channel, peer, READ_BUFFER_BYTES, WRITE_BUFFER_BYTES,
                config.maxBulkBytes());
        // The connection rides on its key as the attachment: when the key is ready, the key leads us to the connection.
        c.key = channel.register(selector, SelectionKey.OP_READ, c);
        connectionCount++;
        if (LOG.isLoggable(DEBUG)) LOG.log(DEBUG, "connection accepted " + c);
    }

    private void onReadable(Connection c) throws IOException {
        ByteBuffer in = c.readBuffer;
        int n = c.channel.read(in);
        if (n == -1) {                  // -1: the peer closed its side; 0 would mean "nothing right now"
            close(c, "peer-closed");
            return;
        }
        if (n == 0) return;
        boolean filled = !in.hasRemaining();
        in.flip();                      // fill mode -> drain mode: limit = end of data, position = 0
        executeCommands(c, in);
        in.compact();                   // back to fill mode, keeping any bytes the parser left (it leaves none)
        if (filled && in.capacity() < MAX_READ_BUFFER_BYTES) {
            // The read filled the whole buffer: more is coming (a big value, a long pipeline). Read bigger chunks.
            c.readBuffer = ByteBuffer.allocate(in.capacity() * 2).put(in.flip());
        } else if (!filled && in.capacity() > READ_BUFFER_BYTES && in.position() == 0 && !c.parser.midCommand()) {
            c.readBuffer = ByteBuffer.allocate(READ_BUFFER_BYTES); // the burst is over: give the memory back
        }
        if (c.writer.pendingBytes() > 0) scheduleFlush(c);
    }

    // Runs every complete command in the buffer before going back to the selector.
    private void executeCommands(Connection c, ByteBuffer in) {
        context.use(c, now);
        try {
            byte[][] command;
            while (!c.closeAfterFlush && (command = c.parser.next(in)) != null) {
                commands.execute(command, context);
            }
        } catch (ProtocolException e) {
            // After a framing error we cannot tell where the next command starts: answer, then close, as Redis does.
            c.writer.error("ERR " + e.getMessage());
            c.closeAfterFlush = true;
            if (LOG.isLoggable(DEBUG)) LOG.log(DEBUG, "protocol error " + c + " error=\"" + e.getMessage() + "\"");
        }
        if (c.closeAfterFlush) {
            c.stopReading();
            in.position(in.limit()); // whatever else the client sent will never run
            scheduleFlush(c);
        }
    }

    /**
     * Called after output was added to a connection other than the one whose commands are running (a pub/sub delivery):
     * schedule its flush, and enforce the output limit for subscribers. A subscriber that cannot keep up is disconnected
     * rather than allowed to grow our memory without bound; the publisher and the other subscribers carry on.
     */
    void afterOutput(Connection c) {
        scheduleFlush(c);
        if (c.subscriptions().isEmpty()) return;   // Redis's "normal" clients have no output limit
        long pending = c.writer.pendingBytes();
        long hard = config.pubsubHardLimitBytes();
        long soft = config.pubsubSoftLimitBytes();
        if (hard > 0 && pending >= hard) {
            doom(c, "hard", pending);
        } else if (soft > 0 && pending >= soft) {
            if (c.softLimitSinceMillis < 0) c.softLimitSinceMillis = now;
            else if (now - c.softLimitSinceMillis > config.pubsubSoftLimitSeconds() * 1000) doom(c, "soft", pending);
        } else {
            c.softLimitSinceMillis = -1;
        }
    }

    // Closing right away would change the subscriber list PUBLISH is walking, so the close waits for the turn's end.
    private void doom(Connection c, String limit, long pendingBytes) {
        c.doomed = true;
        doomed.add(c);
        LOG.log(WARNING, "closing subscriber over its output buffer limit " + c + " limit=" + limit
                + " pending_bytes=" + pendingBytes);
    }

    private void closeDoomed() {
        for (Connection c : doomed) close(c, "output-buffer-limit");
        doomed.clear();
    }

    private void onWritable(Connection c) throws IOException {
        flush(c);
    }

    // ---- 1. writing ----------------------------------------------------------------------------------------------

    private void scheduleFlush(Connection c) {
        if (c.flushScheduled) return;
        c.flushScheduled = true;
        pendingWrites.add(c);
    }

    private void flushPendingWrites() {
        for (int i = 0; i < pendingWrites.size(); i++) {
            Connection c = pendingWrites.get(i);
            c.flushScheduled = false;
            if (c.closed) continue;
            try {
                flush(c);
            } catch (IOException e) {
                close(c, "io-error " + e.getMessage());
            }
        }
        pendingWrites.clear();
    }

    private void flush(Connection c) throws IOException {
        int budget = MAX_WRITE_BYTES_PER_TURN;
        while (c.writer.pendingBytes() > 0 && budget > 0) {
            int n = c.writer.writeTo(c.channel, Math.min(budget, WRITE_CHUNK_BYTES));
            if (n == 0) break;          // the kernel's send buffer is full; OP_WRITE will tell us when it has room
            budget -= n;
        }
        if (c.writer.pendingBytes() > 0) {
            c.wantWrite(true);
        } else if (c.closeAfterFlush) {
            close(c, "close-after-reply");
        } else {
            c.wantWrite(false);
        }
    }

    // ---- closing -------------------------------------------------------------------------------------------------

    private void close(Connection c, String reason) {
        if (c.closed) return;
        c.closed = true;
        connectionCount--;
        c.writer.discard();
        pubsub.removeAll(c);
        // Closing the channel also cancels its key; the selector forgets it at the next select.
        closeQuietly(c.channel);
        if (LOG.isLoggable(DEBUG)) LOG.log(DEBUG, "connection closed " + c + " reason=" + reason);
    }

    private static void closeQuietly(java.nio.channels.Channel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing useful to do: the socket is going away either way
        }
    }

    // Orderly shutdown, on the loop thread: no new clients, one last flush, close every connection, close the selector.
    // Safe to call twice.
    private void closeAll() {
        if (closed) return;
        closed = true;
        closeQuietly(listener);
        flushPendingWrites();
        if (selector.isOpen()) {
            for (SelectionKey key : selector.keys()) {
                if (key.attachment() instanceof Connection c) close(c, "server-shutdown");
            }
        }
        try {
            selector.close();
        } catch (IOException e) {
            LOG.log(WARNING, "closing the selector failed error={0}", e.toString());
        }
        LOG.log(INFO, "event loop stopped");
    }
}
