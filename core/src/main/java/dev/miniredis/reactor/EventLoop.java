package dev.miniredis.reactor;

import dev.miniredis.command.CommandTable;
import dev.miniredis.command.Context;
import dev.miniredis.command.ServerControl;
import dev.miniredis.command.ServerStats;
import dev.miniredis.command.Session;
import dev.miniredis.command.Settings;
import dev.miniredis.db.Db;
import dev.miniredis.protocol.ProtocolException;
import dev.miniredis.pubsub.PubSub;
import dev.miniredis.time.Clock;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.Channel;
import java.nio.channels.Pipe;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import static java.lang.System.Logger.Level.DEBUG;
import static java.lang.System.Logger.Level.INFO;
import static java.lang.System.Logger.Level.WARNING;

/**
 * The whole server on one thread: one {@link Selector} watching the listening socket and every client socket.
 *
 * <h2>One turn of the loop</h2>
 * <pre>
 *   ┌─&gt; 1. flushPendingWrites   send the replies the previous turn produced, one write per connection
 *   │   2. waitForEvents        sleep until a socket is ready, the next timer is due, or wakeup() is called
 *   │   3. now = clock.millis() read the clock once for the whole turn
 *   │   4. onReady (per key)    accept new clients; read, parse and run every complete command; finish partial writes
 *   │   5. db.expireDue         remove keys whose deadline has passed (a bounded number per turn)
 *   └── 6. runTimers            close idle and over-limit clients, resume accepting after a pause
 * </pre>
 * Replies are not written to the socket while commands run; they collect in each connection's write buffer and the
 * connection goes on the pending-writes list. So a client that pipelines 50 commands gets 50 replies in one
 * {@code write} call: pipelining comes for free.
 *
 * <h2>Timers without a timer thread</h2>
 * The loop sleeps in {@code select(timeout)}, and the timeout is the time until the earliest of: the next key deadline,
 * the moment the least recently active client would become idle ({@code --timeout}), and the end of an accept pause.
 * Nothing polls on a fixed tick.
 *
 * <h2>Shutdown</h2>
 * {@link #shutdown()} ends the normal turns; then {@link #drain()} stops accepting, keeps serving the connections that are
 * open until they go quiet and their replies are sent (or a deadline passes), and {@link #closeAll()} closes everything.
 *
 * <h2>Threads</h2>
 * Everything here runs on the loop thread, except {@link #shutdown()} and {@link #wakeup()}, which any thread may call:
 * they only set a flag and call {@link Selector#wakeup()}, the one selector method documented as safe from other threads.
 */
public final class EventLoop implements Runnable, ServerControl, ServerStats {
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
    /** After accept() fails (out of file descriptors, say), stop accepting for this long and retry. */
    static final long ACCEPT_PAUSE_MILLIS = 100;
    /** During shutdown, this much silence from every client means all they sent has been received. */
    static final long DRAIN_QUIET_MILLIS = 100;

    private final ServerConfig config;
    private final Clock clock;
    private final Selector selector;
    private final ServerSocketChannel listener;
    private final SelectionKey listenerKey;
    private final Db db = new Db();
    private final PubSub pubsub = new PubSub();
    private final CommandTable commands;
    private final Context context;
    private final List<Connection> pendingWrites = new ArrayList<>();
    private final List<Connection> doomed = new ArrayList<>();

    private volatile boolean running = true;
    private volatile boolean crashed;
    private boolean closed;
    private boolean draining;
    private long now;
    private boolean clockRead;
    private long nextConnectionId = 1;
    private int connectionCount;
    private long acceptPausedUntilMillis = -1;
    private Connection idleHead; // least recently active
    private Connection idleTail; // most recently active
    private final long startedAtMillis;
    private long totalConnections;
    private final Settings settings;

    /**
     * Opens the selector and binds the listening socket; {@link #run()} then serves.
     *
     * @param config the settings; CONFIG SET changes it while the loop runs, so the loop thread owns it from now on
     * @param clock where each turn's {@code now} comes from
     * @throws IOException if the address cannot be bound (the port is taken, say) or the selector cannot open
     */
    public EventLoop(ServerConfig config, Clock clock) throws IOException {
        this(config, clock, CommandTable.standard());
    }

    /**
     * The same, with a command table of the caller's (tests add commands that misbehave on purpose).
     *
     * @param config the settings; the loop thread owns it from now on
     * @param clock where each turn's {@code now} comes from
     * @param commands the commands this server runs
     * @throws IOException if the address cannot be bound or the selector cannot open
     */
    public EventLoop(ServerConfig config, Clock clock, CommandTable commands) throws IOException {
        this.config = config;
        this.clock = clock;
        this.commands = commands;
        this.context = new Context(db, pubsub, this);
        this.now = clock.millis();
        this.startedAtMillis = now;
        this.settings = new ConfigSettings(config, this::updateAcceptInterest);
        warmUpSocketWrites();
        this.selector = Selector.open();
        this.listener = ServerSocketChannel.open();
        try {
            listener.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            listener.bind(new InetSocketAddress(config.bind(), config.port()), 511); // Redis's tcp-backlog
            listener.configureBlocking(false); // a selector only works with nonblocking channels
            listenerKey = listener.register(selector, SelectionKey.OP_ACCEPT);
        } catch (IOException | RuntimeException e) {
            listener.close();
            selector.close();
            throw e;
        }
    }

    /**
     * The JDK initializes its native write path (sun.nio.ch.FileDispatcherImpl) on the first channel write, and that
     * initialization needs a spare file descriptor. If the first write ever happens while the process is out of
     * descriptors, the class fails to initialize for good and every later write throws NoClassDefFoundError. So we make
     * one harmless write through a pipe now, while descriptors are plentiful.
     */
    private static void warmUpSocketWrites() throws IOException {
        Pipe pipe = Pipe.open();
        try (Pipe.SinkChannel sink = pipe.sink(); Pipe.SourceChannel source = pipe.source()) {
            sink.write(ByteBuffer.wrap(new byte[] {1}));
            source.read(ByteBuffer.allocate(1));
        }
    }

    /** The port actually bound: the configured one, or the kernel's choice for port 0. */
    public int port() {
        return listener.socket().getLocalPort();
    }

    /**
     * The store, for tests that look inside after the loop stopped. Only the loop thread may touch it while running.
     *
     * @return the loop's database
     */
    public Db db() {
        return db;
    }

    /**
     * Open connections. Written by the loop thread; other threads may see a slightly old value.
     *
     * @return the number of open client connections
     */
    public int connectionCount() {
        return connectionCount;
    }

    @Override
    public byte[] requirePass() {
        return config.requirePass();
    }

    @Override
    public List<Session> clients() {
        List<Session> clients = new ArrayList<>();
        for (Connection c = idleHead; c != null; c = c.idleNext) clients.add(c);
        clients.sort(java.util.Comparator.comparingLong(Session::id));
        return clients;
    }

    @Override
    public void kill(Session client) {
        // CLIENT KILL runs inside another client's command; closing now is safe because nothing is iterating over
        // connections at this point (unlike PUBLISH's subscriber walk).
        close((Connection) client, "killed");
    }

    @Override
    public ServerStats stats() {
        return this;
    }

    @Override
    public Settings settings() {
        return settings;
    }

    @Override
    public long startedAtMillis() {
        return startedAtMillis;
    }

    @Override
    public int connectedClients() {
        return connectionCount;
    }

    @Override
    public long totalConnectionsReceived() {
        return totalConnections;
    }

    @Override
    public long totalCommandsProcessed() {
        return commands.processed();
    }

    @Override
    public long rejectedConnections() {
        return 0; // at --maxclients we stop accepting instead of rejecting
    }

    /** Serves until {@link #shutdown()}, then drains and closes everything. */
    @Override
    public void run() {
        try {
            while (running) runOnce();
            drain();
        } catch (IOException e) {
            LOG.log(WARNING, "event loop stopped by an I/O error on the selector: {0}", e.toString());
        } catch (RuntimeException | Error e) {
            crashed = true;
            LOG.log(System.Logger.Level.ERROR, "event loop crashed error=\"" + e + "\"", e);
            throw e;
        } finally {
            closeAll();
        }
    }

    /**
     * One turn. Tests may call this on their own thread to step the loop.
     *
     * @throws IOException if the selector fails; errors on a single connection close that connection instead
     */
    public void runOnce() throws IOException {
        flushPendingWrites();                             // 1. send what the previous turn produced
        clockRead = false;
        waitForEvents(millisUntilNextTimer());            // 2. sleep until I/O, a timer, or wakeup(); then the selector
                                                          //    hands each ready key to onReady: 3 + 4 happen in there
        readClockOnce();                                  //    (3. a turn that no socket woke needs the time too)
        db.expireDue(now, MAX_EXPIRIES_PER_TURN);         // 5. drop keys whose deadline has passed
        runTimers();                                      // 6. idle clients, over-limit subscribers, accept pauses
    }

    // 3. Read the clock once per turn, after waking up and before the first key is served, so every command in the turn
    // agrees on the time.
    private void readClockOnce() {
        if (clockRead) return;
        now = clock.millis();
        clockRead = true;
    }

    /**
     * Whether the loop died of an unexpected error rather than stopping when asked; safe from any thread.
     *
     * @return true after a crash
     */
    public boolean crashed() {
        return crashed;
    }

    /** Asks the loop to stop gracefully; safe from any thread. The loop closes everything on its own thread. */
    @Override
    public void shutdown() {
        running = false;
        selector.wakeup();
    }

    /** Makes a sleeping loop start a new turn at once (tests call it after moving a manual clock). */
    public void wakeup() {
        selector.wakeup();
    }

    // ---- 2. waiting ------------------------------------------------------------------------------------------------

    private long millisUntilNextTimer() {
        long current = clock.millis();
        long wait = db.millisUntilNextDeadline(current);
        if (acceptPausedUntilMillis >= 0) wait = Math.min(wait, acceptPausedUntilMillis - current);
        if (config.idleTimeoutSeconds() > 0 && idleHead != null) {
            // +1: a client counts as idle once strictly more than the limit has passed (as in Redis), so waking exactly at
            // the limit would find nothing to close and spin until the clock ticks.
            wait = Math.min(wait, idleHead.idleClockMillis + config.idleTimeoutSeconds() * 1000 + 1 - current);
        }
        return wait;
    }

    // Selector quirk: select(0) does not mean "don't wait". It means "wait forever". So a deadline that is already due must
    // use selectNow(), and only "no deadline at all" may block with no timeout. The timeout is the time until the next
    // timer, which is why the loop never polls on a fixed tick.
    private int waitForEvents(long millisUntilDue) throws IOException {
        if (millisUntilDue == Db.NO_DEADLINE) return selector.select(onReady);
        else if (millisUntilDue <= 0) return selector.selectNow(onReady);
        else return selector.select(onReady, millisUntilDue);
    }

    // ---- 4. dispatching ------------------------------------------------------------------------------------------

    /**
     * Serves one ready key. The classic way to use a selector is {@code select()}, then walk {@code selectedKeys()} and
     * remove each key yourself (the selector adds keys to that set and never removes them; forget to, and a key comes
     * back next turn as if ready again). Since Java 11, {@code select(Consumer)} hands each ready key straight to a
     * callback instead. We use it because the classic set is a {@code HashSet}: one node allocated per ready key, plus an
     * iterator per turn, which at one request per wake-up was a third of the garbage a GET made.
     */
    private final Consumer<SelectionKey> onReady = this::onReady;

    private void onReady(SelectionKey key) {
        readClockOnce();
        // A key can turn invalid earlier in this same turn: its connection was closed while serving another one.
        if (!key.isValid()) return;
        if (key.isAcceptable()) {
            onAcceptable();
            return;
        }
        Connection c = (Connection) key.attachment();
        if (c.doomed) return;
        try {
            if (key.isReadable()) onReadable(c);
            if (key.isValid() && key.isWritable()) onWritable(c);
        } catch (IOException e) {
            close(c, "io-error");
        } catch (RuntimeException e) {
            // A bug while serving one client must not take the server down: drop that client, keep the others.
            LOG.log(WARNING, "closing connection after an unexpected error " + c + " error=" + e, e);
            close(c, "internal-error");
        }
    }

    private void onAcceptable() {
        // Accept everything waiting in the backlog, up to the client limit: one readiness event can stand for many.
        while (connectionCount < config.maxClients()) {
            SocketChannel channel;
            try {
                channel = listener.accept();
                if (channel == null) return; // nonblocking accept: nobody else is waiting
            } catch (IOException e) {
                // Typically "Too many open files". Failing again at once would spin, so pause accepting briefly; the
                // clients wait in the listen backlog, and everyone already connected keeps being served.
                LOG.log(WARNING, "accept failed, pausing accepts pause_ms=" + ACCEPT_PAUSE_MILLIS + " error=\"" + e + "\"");
                acceptPausedUntilMillis = now + ACCEPT_PAUSE_MILLIS;
                updateAcceptInterest();
                return;
            }
            try {
                register(channel);
            } catch (IOException e) {
                LOG.log(WARNING, "could not set up an accepted connection error=\"{0}\"", e.toString());
                closeQuietly(channel);
            }
        }
        updateAcceptInterest();
    }

    /**
     * Accept only while under the client limit, not paused, not shutting down. Dropping OP_ACCEPT from the interest set is
     * how a selector loop says "not now": new clients complete their TCP handshake and wait in the kernel's listen
     * backlog until the interest comes back (when a connection closes), as the original mini-redis makes them wait on a
     * semaphore.
     */
    private void updateAcceptInterest() {
        if (!listenerKey.isValid()) return;
        boolean accept = !draining && connectionCount < config.maxClients() && acceptPausedUntilMillis < 0;
        listenerKey.interestOps(accept ? SelectionKey.OP_ACCEPT : 0);
    }

    private void register(SocketChannel channel) throws IOException {
        channel.configureBlocking(false);
        // Replies are small and come one write per turn, so Nagle's algorithm would only hold them back waiting for an
        // ACK: with it on, pipelined clients stall for the peer's delayed-ACK timer.
        channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        Connection c = new Connection(this, nextConnectionId++, channel, address(channel.getRemoteAddress()),
                address(channel.getLocalAddress()), now, READ_BUFFER_BYTES, WRITE_BUFFER_BYTES, config.maxBulkBytes());
        totalConnections++;
        c.authenticated(config.requirePass() == null);
        // The connection rides on its key as the attachment: when the key is ready, the key leads us to the connection.
        c.key = channel.register(selector, SelectionKey.OP_READ, c);
        connectionCount++;
        touch(c);
        if (LOG.isLoggable(DEBUG)) LOG.log(DEBUG, "connection accepted " + c + " clients=" + connectionCount);
    }

    // "127.0.0.1:50312", as Redis prints addresses (InetSocketAddress.toString would add a leading slash).
    private static String address(java.net.SocketAddress address) {
        if (address instanceof InetSocketAddress inet) return inet.getAddress().getHostAddress() + ":" + inet.getPort();
        return String.valueOf(address);
    }

    private void onReadable(Connection c) throws IOException {
        ByteBuffer in = c.readBuffer;
        int n = c.channel.read(in);
        if (n == -1) {                  // -1: the peer closed its side; 0 would mean "nothing right now"
            close(c, "peer-closed");
            return;
        }
        if (n == 0) return;
        touch(c);
        boolean filled = !in.hasRemaining();
        in.flip();                      // fill mode -> drain mode: limit = end of data, position = 0
        executeCommands(c, in);
        in.compact();                   // back to fill mode, keeping any bytes the parser left (it leaves none)
        if (c.parser.bufferedBytes() > config.queryBufferLimitBytes()) {
            // As in Redis: no reply, the client is simply closed, and the event is logged.
            LOG.log(WARNING, "closing client that reached max query buffer length " + c
                    + " buffered_bytes=" + c.parser.bufferedBytes() + " limit=" + config.queryBufferLimitBytes());
            close(c, "query-buffer-limit");
            return;
        }
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
    void doom(Connection c, String limit, long pendingBytes) {
        c.doomed = true;
        doomed.add(c);
        LOG.log(WARNING, "closing subscriber over its output buffer limit " + c + " limit=" + limit
                + " pending_bytes=" + pendingBytes);
    }

    private void onWritable(Connection c) throws IOException {
        flush(c);
    }

    // ---- 6. timers -------------------------------------------------------------------------------------------------

    private void runTimers() {
        for (Connection c : doomed) close(c, "output-buffer-limit");
        doomed.clear();
        if (config.idleTimeoutSeconds() > 0) closeIdleClients();
        if (acceptPausedUntilMillis >= 0 && now >= acceptPausedUntilMillis) {
            acceptPausedUntilMillis = -1;
            updateAcceptInterest();
        }
    }

    /**
     * The idle list keeps every connection in order of last activity: a read moves a connection to the tail, so the
     * head is always the one idle longest. Checking the timeout is therefore a look at the head, not a walk over every
     * client. Subscribers are exempt, as in Redis (they may legitimately wait for messages for hours).
     */
    private void touch(Connection c) {
        c.lastActivityMillis = now;
        moveToIdleTail(c);
    }

    private void moveToIdleTail(Connection c) {
        c.idleClockMillis = now;
        if (idleTail == c) return;
        unlinkIdle(c);
        c.idlePrev = idleTail;
        if (idleTail != null) idleTail.idleNext = c;
        idleTail = c;
        if (idleHead == null) idleHead = c;
    }

    private void unlinkIdle(Connection c) {
        if (c.idlePrev != null) c.idlePrev.idleNext = c.idleNext;
        else if (idleHead == c) idleHead = c.idleNext;
        if (c.idleNext != null) c.idleNext.idlePrev = c.idlePrev;
        else if (idleTail == c) idleTail = c.idlePrev;
        c.idlePrev = null;
        c.idleNext = null;
    }

    private void closeIdleClients() {
        long limit = config.idleTimeoutSeconds() * 1000;
        for (int checked = 0; checked < 1000 && idleHead != null; checked++) {
            Connection c = idleHead;
            if (now - c.idleClockMillis <= limit) return;
            if (!c.subscriptions().isEmpty()) {
                moveToIdleTail(c);  // exempt: to the back of the line, its last activity unchanged (CLIENT LIST)
                continue;
            }
            close(c, "idle-timeout");
        }
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
                close(c, "io-error");
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
            if (config.idleTimeoutSeconds() > 0) touch(c); // a client draining a large reply is not idle (as in Redis)
        }
        if (c.writer.pendingBytes() > 0) {
            c.wantWrite(true);
        } else if (c.closeAfterFlush) {
            close(c, "close-after-reply");
        } else {
            c.wantWrite(false);
        }
    }

    // ---- shutting down -------------------------------------------------------------------------------------------

    /**
     * The graceful part of shutting down: no new clients, but the connected ones get everything they already sent
     * executed and answered. We keep serving them until a short silence shows that nothing more is on its way and every
     * reply has left, or until the shutdown deadline passes (a client that never reads cannot hold us forever). The
     * deadline is measured with System.nanoTime, not the injected clock: it is about real waiting, not key time.
     */
    private void drain() throws IOException {
        draining = true;
        closeQuietly(listener);
        LOG.log(INFO, "shutdown: stopped accepting connections clients=" + connectionCount);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(config.shutdownTimeoutMillis());
        while (true) {
            flushPendingWrites();
            boolean repliesPending = anyRepliesPending();
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (left <= 0) {
                LOG.log(WARNING, "shutdown: deadline reached with replies unsent clients=" + connectionCount);
                return;
            }
            clockRead = false;
            int ready = waitForEvents(repliesPending ? left : Math.min(left, DRAIN_QUIET_MILLIS));
            readClockOnce();
            if (ready == 0 && !repliesPending) break;
            runTimers();
        }
        LOG.log(INFO, "shutdown: every received command answered clients=" + connectionCount);
    }

    private boolean anyRepliesPending() {
        for (SelectionKey key : selector.keys()) {
            if (key.attachment() instanceof Connection c && !c.closed && c.writer.pendingBytes() > 0) return true;
        }
        return false;
    }

    private void close(Connection c, String reason) {
        if (c.closed) return;
        c.closed = true;
        connectionCount--;
        c.writer.discard();
        pubsub.removeAll(c);
        unlinkIdle(c);
        // Closing the channel also cancels its key; the selector forgets it at the next select.
        closeQuietly(c.channel);
        if (LOG.isLoggable(DEBUG)) LOG.log(DEBUG, "connection closed " + c + " reason=" + reason + " clients=" + connectionCount);
        updateAcceptInterest(); // a slot may have opened under --maxclients
    }

    private static void closeQuietly(Channel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing useful to do: the socket is going away either way
        }
    }

    // Orderly end, on the loop thread: no new clients, one last flush, close every connection, close the selector.
    // Safe to call twice.
    private void closeAll() {
        if (closed) return;
        closed = true;
        draining = true;
        closeQuietly(listener);
        flushPendingWrites();
        int closedCount = 0;
        if (selector.isOpen()) {
            for (SelectionKey key : selector.keys()) {
                if (key.attachment() instanceof Connection c && !c.closed) {
                    close(c, "server-shutdown");
                    closedCount++;
                }
            }
        }
        try {
            selector.close();
        } catch (IOException e) {
            LOG.log(WARNING, "closing the selector failed error=\"{0}\"", e.toString());
        }
        LOG.log(INFO, "shutdown: closed connections=" + closedCount);
        LOG.log(INFO, "event loop stopped");
    }
}
