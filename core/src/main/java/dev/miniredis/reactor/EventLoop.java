package dev.miniredis.reactor;

import dev.miniredis.command.Blocking;
import dev.miniredis.command.CommandTable;
import dev.miniredis.command.Context;
import dev.miniredis.command.Session;
import dev.miniredis.db.Db;
import dev.miniredis.db.Keyspace;
import dev.miniredis.protocol.BufferPool;
import dev.miniredis.protocol.ProtocolException;
import dev.miniredis.pubsub.PubSub;
import dev.miniredis.time.Clock;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.Pipe;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import static java.lang.System.Logger.Level.DEBUG;
import static java.lang.System.Logger.Level.INFO;
import static java.lang.System.Logger.Level.WARNING;

/**
 * The whole server on one thread: one {@link Selector} watching the listening socket and every client socket. This class
 * is the turn; the rooms beside it hold the rest: {@link Clients} (accepting, the idle list, closing), {@link Timers}
 * (every deadline the loop waits for), {@link Connection} (one socket's state machine) and {@link ServerView} (what
 * commands see of the server).
 *
 * <h2>One turn</h2>
 * Read {@link #runOnce()}: flush the replies the last turn made, sleep in {@code select} until a socket is ready or the
 * next timer is due, read the clock once, serve the ready sockets, fire the due timers. Replies are not written to the
 * socket while commands run; they collect in each connection's write buffer, and the connection goes on the
 * pending-writes list. So a client that pipelines 50 commands gets 50 replies in one {@code write} call.
 *
 * <h2>Shutdown is a mode of the turn</h2>
 * {@link #shutdown()} only sets a flag and wakes the selector. The next turn sees it and begins shutting down: the
 * listener closes, and every connection is read until the kernel holds nothing more from it (the commands whose bytes
 * had reached the server are run), then stops reading and is closed once its replies are sent. The turns go on as usual
 * until no connection is left, or until the shutdown deadline ({@code --shutdown-timeout}, a timer like any other) closes
 * whatever remains. No silence heuristic: "everything that had arrived" is exactly what the kernel held.
 *
 * <h2>Threads</h2>
 * Everything here runs on the loop thread, except {@link #shutdown()} and {@link #wakeup()}, which any thread may call:
 * they set a flag and call {@link Selector#wakeup()}, the one selector method documented as safe from other threads.
 */
public final class EventLoop implements Runnable {
    private static final System.Logger LOG = System.getLogger(EventLoop.class.getName());

    /** Keys removed per turn at most, so a million keys falling due at once cannot stall the clients. */
    static final int MAX_EXPIRIES_PER_TURN = 200;
    /**
     * Index buckets the key-expiry timer moves per firing while the keyspace resizes (Redis's cron moves 100 at a time
     * for up to a millisecond). Commands move one each as well; this finishes a resize on an idle server.
     */
    static final int REHASH_BUCKETS_PER_TIMER = 1000;
    /** Timers fired per turn at most; the rest stay due and the next turn does not sleep. */
    static final int MAX_TIMERS_PER_TURN = 64;
    /** Redis's PROTO_IOBUF_LEN: one read takes up to 16 KB... */
    static final int READ_BUFFER_BYTES = 16 * 1024;
    /** ...and the shared read buffer doubles while reads keep filling it (a big value arriving), up to this size. */
    static final int MAX_READ_BUFFER_BYTES = 1024 * 1024;
    /** The pooled write buffers: small ones for the usual short reply, large ones for pipelines and larger values. */
    static final int SMALL_WRITE_BUFFER_BYTES = 1024;
    static final int POOLED_SMALL_WRITE_BUFFERS = 4096;
    static final int LARGE_WRITE_BUFFER_BYTES = 16 * 1024;
    static final int POOLED_LARGE_WRITE_BUFFERS = 256;
    /** Bytes offered to one socket per write call, and sent to one connection per turn, so no client starves the rest. */
    static final int WRITE_CHUNK_BYTES = 256 * 1024;
    static final int MAX_WRITE_BYTES_PER_TURN = 1024 * 1024;
    /** During shutdown, reads per connection per turn while emptying what the kernel holds. */
    static final int MAX_DRAIN_READS_PER_TURN = 64;

    private final ServerConfig config;
    private final Clock clock;
    private final Selector selector;
    private final ServerSocketChannel listener;
    private final int port;
    private final Keyspace keyspace;
    private final PubSub pubsub = new PubSub();
    private final dev.miniredis.pubsub.Notifications notifications = new dev.miniredis.pubsub.Notifications(pubsub);
    private final CommandTable commands;
    private final Context context;
    private final Timers timers = new Timers();
    private final Clients clients;
    private final ServerView view;

    /** Every socket read goes into this one buffer; the parser copies out what it needs (see {@link Connection}). */
    private ByteBuffer readBuffer = ByteBuffer.allocate(READ_BUFFER_BYTES);
    private final List<SelectionKey> readyKeys = new ArrayList<>();
    private final List<Connection> pendingWrites = new ArrayList<>();
    private final List<Connection> doomed = new ArrayList<>();
    /** During shutdown: the connections still being read dry (see {@link #drainForShutdown}). */
    private final List<Connection> draining = new ArrayList<>();
    private final Timers.Timer keyExpiry = new Timers.Timer("key-expiry", this::expireKeys);
    private final Timers.Timer shutdownDeadline = new Timers.Timer("shutdown-deadline", this::onShutdownDeadline);
    /** CLIENT PAUSE and, later, blocked clients: the connections whose next command waits (see {@link Parking}). */
    private final Parking parking = new Parking();
    private final Timers.Timer pauseEnd = new Timers.Timer("client-pause", now -> parking.unpause());

    private volatile boolean shutdownRequested;
    private volatile boolean crashed;
    private boolean shuttingDown;
    private boolean shutdownDeadlineReached;
    private boolean stopped;
    private long now;

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
        this.now = clock.millis();
        warmUpSocketWrites();
        this.selector = Selector.open();
        this.listener = ServerSocketChannel.open();
        try {
            listener.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            listener.bind(new InetSocketAddress(config.bind(), config.port()), 511); // Redis's tcp-backlog
            listener.configureBlocking(false); // a selector only works with nonblocking channels
            this.port = listener.socket().getLocalPort();
            BufferPool writeBuffers = new BufferPool(SMALL_WRITE_BUFFER_BYTES, POOLED_SMALL_WRITE_BUFFERS,
                    LARGE_WRITE_BUFFER_BYTES, POOLED_LARGE_WRITE_BUFFERS);
            this.clients = new Clients(this, config, selector, listener, pubsub, timers, writeBuffers);
            this.keyspace = new Keyspace(config.databases());
            keyspace.maxMemoryBytes(config.maxMemoryBytes());
            keyspace.policy(dev.miniredis.db.Eviction.Policy.parse(config.maxMemoryPolicy()));
            commands.clock(clock);                 // commands are timed on the injected clock (SLOWLOG, LATENCY)
            // Applies the parameters given by name (config file lines, flags): a bad one throws, and we close what
            // we opened, so an embedding caller that catches the error keeps no socket bound.
            this.view = new ServerView(this, clients, commands, now);
        } catch (IOException | RuntimeException e) {
            listener.close();
            selector.close();
            throw e;
        }
        this.context = new Context(keyspace, pubsub, notifications, view, commands);
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

    /** Serves until {@link #shutdown()} has been carried out, then closes everything. */
    @Override
    public void run() {
        try {
            while (!stopped) runOnce();
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
     * One turn. Tests may call this on their own thread to step the loop (instead of {@link #run()}).
     *
     * @throws IOException if the selector fails; errors on a single connection close that connection instead
     */
    public void runOnce() throws IOException {
        resumeUnblocked();                         // 1. clients served last turn run what they held (Redis's beforeSleep),
        resumeParked();                            //    a pause ended: run the parked commands...
        flushPendingWrites();                      //    ...then send what the previous turn produced
        if (shuttingDown && clients.count() == 0) {
            finishShutdown();                      //    (the last replies of a shutdown are out: nothing left to do)
            return;
        }
        selectReady(draining.isEmpty() ? timers.millisUntilNext(now) : 0); // 2. sleep until I/O, the next timer, or
                                                   //    wakeup(); collect the ready keys
        now = clock.millis();                      // 3. read the clock once: every command in this turn agrees on it
        if (shutdownRequested) drainForShutdown(); //    (shutdown: read every connection dry, a bounded amount per turn)
        serveReadyKeys();                          // 4. accept; read, parse and run every complete command; write
        timers.runDue(now, MAX_TIMERS_PER_TURN);   // 5. key expiry, idle clients, accept pauses, shutdown deadline
    }

    // ---- 2. waiting ------------------------------------------------------------------------------------------------

    /**
     * Selector quirk: {@code select(0)} does not mean "don't wait", it means "wait forever". So a timer that is already
     * due must use {@code selectNow()}, and only "no timer at all" may block with no timeout.
     *
     * <p>The classic way to use a selector is {@code select()}, then walk {@code selectedKeys()} and remove each key
     * yourself (the selector adds keys to that set and never removes them). Since Java 11, {@code select(Consumer)}
     * hands each ready key to a callback instead. We use it because the classic set is a {@code HashSet}: one node
     * allocated per ready key, plus an iterator per turn, which at one request per wake-up was a third of the garbage a
     * GET made. The callback only collects the keys, so the turn still reads in order.
     */
    private void selectReady(long millisUntilDue) throws IOException {
        if (millisUntilDue == Timers.NEVER) selector.select(collectReady);
        else if (millisUntilDue <= 0) selector.selectNow(collectReady);
        else selector.select(collectReady, millisUntilDue);
    }

    private final Consumer<SelectionKey> collectReady = readyKeys::add;

    // ---- 4. serving ------------------------------------------------------------------------------------------------

    private void serveReadyKeys() {
        for (int i = 0; i < readyKeys.size(); i++) serve(readyKeys.get(i));
        readyKeys.clear();
        // Subscribers over their output limit are closed here, not while PUBLISH walks the subscriber list.
        for (int i = 0; i < doomed.size(); i++) clients.close(doomed.get(i), "output-buffer-limit");
        doomed.clear();
    }

    private void serve(SelectionKey key) {
        // A key can turn invalid earlier in this same turn: its connection was closed while serving another one.
        if (!key.isValid()) return;
        if (key.isAcceptable()) {
            clients.acceptAll(now);
            return;
        }
        Connection c = (Connection) key.attachment();
        try {
            if (key.isReadable() && c.state == Connection.State.OPEN) onReadable(c); // DRAINING: drainForShutdown reads
            if (key.isValid() && key.isWritable()) flush(c);
        } catch (IOException e) {
            clients.close(c, "io-error");
        } catch (RuntimeException e) {
            // A bug while serving one client must not take the server down: drop that client, keep the others.
            LOG.log(WARNING, "closing connection after an unexpected error " + c + " error=" + e, e);
            clients.close(c, "internal-error");
        }
    }

    /**
     * One read into the shared buffer, then every complete command in it. Returns the byte count read (0: the kernel
     * had nothing; -1: the peer closed).
     */
    private int onReadable(Connection c) throws IOException {
        ByteBuffer in = readBuffer;
        int n = c.channel.read(in);
        if (n == -1) {                  // -1: the peer closed its side; 0 means "nothing right now"
            if (c.state == Connection.State.DRAINING && c.writer.pendingBytes() > 0) {
                c.state = Connection.State.CLOSING; // shutdown: it half-closed after commands we ran: answer them first
            } else {
                clients.close(c, "peer-closed");    // as Redis does: a client that hung up is freed at once
            }
            return -1;
        }
        if (n == 0) return 0;
        clients.touch(c, now);
        boolean filled = !in.hasRemaining();
        in.flip();                      // fill mode -> drain mode: limit = end of data, position = 0
        try {
            executeCommands(c, in);
        } finally {
            in.clear();                 // the parser copied out all it consumed: the buffer is free for the next socket
        }
        if (c.parser.bufferedBytes() + c.heldByteCount() > config.queryBufferLimitBytes()) {
            // As in Redis: no reply, the client is simply closed, and the event is logged.
            LOG.log(WARNING, "closing client that reached max query buffer length " + c
                    + " buffered_bytes=" + c.parser.bufferedBytes() + " limit=" + config.queryBufferLimitBytes());
            clients.close(c, "query-buffer-limit");
            return n;
        }
        if (filled && in.capacity() < MAX_READ_BUFFER_BYTES) {
            readBuffer = ByteBuffer.allocate(in.capacity() * 2); // more is coming (a big value): read bigger chunks
        }
        if (c.writer.pendingBytes() > 0) scheduleFlush(c);
        return n;
    }

    // Runs every complete command in the buffer before going back to the selector: pipelining for free. A command that
    // must wait parks the connection (see Parking): the loop stops here, and the bytes behind it are held.
    private void executeCommands(Connection c, ByteBuffer in) {
        context.use(c, now);
        commands.startPipeline();   // the first command's duration starts from a fresh clock reading
        try {
            byte[][] command;
            while (c.runsCommands() && !c.parked() && (command = c.parser.next(in)) != null) {
                int pendingBefore = c.writer.pendingBytes();
                if (!commands.execute(command, context)) {
                    park(c, command);
                    break;
                }
                if (c.replyControlled) c.afterCommandReply(pendingBefore); // CLIENT REPLY OFF|SKIP: take it back
                // Keys this command created may free blocked clients: served now, after this command and before the
                // next one of the pipeline, as Redis's handleClientsBlockedOnKeys does.
                if (context.blocking().hasWork()) serveBlocked(c);
            }
        } catch (ProtocolException e) {
            // After a framing error we cannot tell where the next command starts: answer, then close, as Redis does.
            c.writer.error("ERR " + e.getMessage());
            c.state = Connection.State.CLOSING;
            if (LOG.isLoggable(DEBUG)) LOG.log(DEBUG, "protocol error " + c + " error=\"" + e.getMessage() + "\"");
        }
        if (c.parked() && in.hasRemaining()) c.holdBytes(in); // the shared buffer is cleared after this read
        if (c.state == Connection.State.CLOSING) {
            c.stopReading();            // whatever else the client sent will never run
            scheduleFlush(c);
        }
        // A command may have given a key an earlier deadline than the one the expiry timer waits for.
        timers.armNoLaterThan(keyExpiry, nextKeyDeadline());
    }

    // ---- parked connections (see Parking) -----------------------------------------------------------------------------

    private void park(Connection c, byte[][] command) {
        c.parkedCommand = command;   // the parser is not called again until it ran, so its arrays stay as they are
        Blocking blocking = context.blocking();
        if (blocking.isBlocked(c)) {
            // A blocking command waits for its keys or its deadline, not for a pause. Its connection keeps reading, as
            // in Redis, so that a client that hangs up is freed at once (and never served an element it cannot
            // receive); what it sends meanwhile is held behind the command, within the query buffer limit.
            long deadline = blocking.deadlineMillis(c);
            if (deadline != Long.MAX_VALUE) timers.arm(c.blockTimer(this::onBlockTimeout), deadline);
            return;
        }
        c.stopReading();             // paused: what the client sends meanwhile waits in the kernel
        parking.park(c);
    }

    // ---- blocked clients (see command.Blocking) ----------------------------------------------------------------------

    /**
     * Serves the clients that can go on: those whose key came into being (in the order they blocked, while the key
     * still holds data of their kind) and those CLIENT UNBLOCK freed. Each runs its parked command again, on its own
     * connection, and is resumed (its held bytes, then reading) at the start of the next turn. Serving one may create
     * more ready keys (BLMOVE pushes), which this same call serves. {@code current}, the connection whose command made
     * the keys ready, gets the context back afterwards.
     */
    private void serveBlocked(Connection current) {
        Blocking blocking = context.blocking();
        for (Session s; (s = blocking.pollWoken()) != null; ) rerunParked((Connection) s);
        for (Blocking.ReadyKey r; (r = blocking.pollReady()) != null; ) {
            for (Session s : blocking.servable(r)) {
                if (!blocking.canServe(s, r, now)) continue;
                Connection w = (Connection) s;
                blocking.unblock(w);
                blocking.serving(w, r.key());      // it pops from this key, as Redis serves the key that became ready
                try {
                    rerunParked(w);
                } finally {
                    blocking.serving(w, null);
                }
            }
            for (Session s; (s = blocking.pollWoken()) != null; ) rerunParked((Connection) s);
        }
        if (current != null) context.use(current, now);
    }

    // A blocked connection's command runs again; unless it blocks once more, the connection resumes next turn.
    private void rerunParked(Connection w) {
        if (w.closed() || w.parkedCommand == null) return;
        if (w.blockTimer != null) timers.disarm(w.blockTimer);
        byte[][] command = w.parkedCommand;
        w.parkedCommand = null;
        context.use(w, now);
        commands.startPipeline();
        if (commands.execute(command, context)) unblocked.add(w);
        else park(w, command);
        scheduleFlush(w);
    }

    private final List<Connection> unblocked = new ArrayList<>();

    // A blocked client's timeout passed: its command runs again and answers as a timeout.
    private void onBlockTimeout(Connection c) {
        Blocking blocking = context.blocking();
        if (!blocking.unblock(c)) return;
        blocking.timedOut(c);
        rerunParked(c);
    }

    // Step 1 of a turn: connections served last turn run the bytes they held, then read again (Redis's
    // processUnblockedClients, in beforeSleep).
    private void resumeUnblocked() {
        if (unblocked.isEmpty()) return;
        List<Connection> ready = new ArrayList<>(unblocked);
        unblocked.clear();
        for (Connection c : ready) {
            if (c.closed() || c.parked()) continue;
            ByteBuffer held = c.heldBytes;
            c.heldBytes = null;
            if (held != null) executeCommands(c, held);
            if (!c.parked() && c.state == Connection.State.OPEN) c.resumeReading();
            if (c.writer.pendingBytes() > 0 || c.state == Connection.State.CLOSING) scheduleFlush(c);
        }
    }

    /**
     * CLIENT UNBLOCK: frees a client blocked by a blocking command, as a timeout or with Redis's UNBLOCKED error.
     *
     * @return whether the client was blocked
     */
    boolean unblockClient(long id, boolean error) {
        Blocking blocking = context.blocking();
        for (Connection c : clients.all()) {
            if (c.id() != id) continue;
            if (!blocking.unblock(c)) return false;
            if (error) {
                if (c.blockTimer != null) timers.disarm(c.blockTimer);
                c.parkedCommand = null;
                c.writer.error("UNBLOCKED client unblocked via CLIENT UNBLOCK");
                unblocked.add(c);
                scheduleFlush(c);
            } else {
                blocking.timedOut(c);
                blocking.wake(c);    // its command runs again after the current one (not inside it)
            }
            return true;
        }
        return false;
    }

    /**
     * Step 1 of a turn, when a pause has ended: each parked connection runs its parked command (from the top: every
     * check again), then the bytes held behind it, then reads again. One that must wait again parks again, in order.
     */
    private void resumeParked() {
        List<Connection> ready = parking.takeResumable();
        for (int i = 0; i < ready.size(); i++) {
            Connection c = ready.get(i);
            if (c.closed()) continue;
            try {
                resume(c);
            } catch (RuntimeException e) {
                LOG.log(WARNING, "closing connection after an unexpected error " + c + " error=" + e, e);
                clients.close(c, "internal-error");
            }
        }
    }

    private void resume(Connection c) {
        byte[][] command = c.parkedCommand;
        c.parkedCommand = null;
        context.use(c, now);
        commands.startPipeline();
        int pendingBefore = c.writer.pendingBytes();
        if (!commands.execute(command, context)) {
            park(c, command);
            return;
        }
        if (c.replyControlled) c.afterCommandReply(pendingBefore);
        ByteBuffer held = c.heldBytes;
        c.heldBytes = null;
        if (held != null) executeCommands(c, held); // holds what is left again if a command parks once more
        else timers.armNoLaterThan(keyExpiry, nextKeyDeadline());
        if (!c.parked() && c.state == Connection.State.OPEN) c.resumeReading();
        if (c.writer.pendingBytes() > 0 || c.state == Connection.State.CLOSING) scheduleFlush(c);
    }

    /** CLIENT PAUSE: the stricter kind and the later deadline win; the timer ends it. */
    void pauseClients(long deadlineMillis, int kind) {
        timers.arm(pauseEnd, parking.pause(deadlineMillis, kind, now));
    }

    /** CLIENT UNPAUSE: the parked connections resume at the start of the next turn. */
    void unpauseClients() {
        timers.disarm(pauseEnd);
        parking.unpause();
    }

    int clientPause() {
        return parking.pauseKind(now);
    }

    /** A closing connection leaves the parked list and the monitors. */
    void forget(Connection c) {
        if (context != null && context.blocking().unblock(c) && c.blockTimer != null) timers.disarm(c.blockTimer);
        if (c.parked()) parking.forget(c);
        if (c.monitoring()) commands.monitors().remove(c);
    }

    /** @return the listener every connection's writer reports error replies to (INFO errorstats) */
    dev.miniredis.protocol.RespWriter.ErrorListener errorListener() {
        return errorListener;
    }

    private final dev.miniredis.protocol.RespWriter.ErrorListener errorListener = this::onErrorReply;

    private void onErrorReply(String message) {
        commands.stats().errorReplied(message);
    }

    /**
     * A subscriber over its output limit (see {@link Connection}): it gets nothing more, and is closed at the end of the
     * serving step. Closing right away would change the subscriber list PUBLISH is walking.
     */
    void doom(Connection c, String limit) {
        if (c.state == Connection.State.DOOMED || c.closed()) return;
        c.state = Connection.State.DOOMED;
        doomed.add(c);
        LOG.log(WARNING, "closing subscriber over its output buffer limit " + c + " limit=" + limit
                + " pending_bytes=" + c.writer.pendingBytes());
    }

    // ---- 5. timers ---------------------------------------------------------------------------------------------------

    private void expireKeys(long now) {
        keyspace.expireDue(now, MAX_EXPIRIES_PER_TURN);
        keyspace.rehashStep(REHASH_BUCKETS_PER_TIMER);
        timers.arm(keyExpiry, nextKeyDeadline()); // still due if more keys were: the next turn will not sleep
    }

    // The next key deadline; while the index is resizing, a millisecond from now at the latest, so that the timer keeps
    // moving buckets even when no command touches the keyspace (a bounded slice per firing, never a stall).
    private long nextKeyDeadline() {
        long deadline = keyspace.nextDeadlineMillis();
        if (keyspace.isRehashing()) deadline = Math.min(deadline, now + 1);
        return deadline == Db.NO_DEADLINE ? Timers.NEVER : deadline;
    }

    // ---- 1. writing --------------------------------------------------------------------------------------------------

    void scheduleFlush(Connection c) {
        if (c.flushScheduled) return;
        c.flushScheduled = true;
        pendingWrites.add(c);
    }

    private void flushPendingWrites() {
        for (int i = 0; i < pendingWrites.size(); i++) {
            Connection c = pendingWrites.get(i);
            c.flushScheduled = false;
            if (c.closed()) continue;
            try {
                flush(c);
            } catch (IOException e) {
                clients.close(c, "io-error");
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
            if (config.idleTimeoutSeconds() > 0) clients.touch(c, now); // draining a large reply is not being idle
        }
        if (c.writer.pendingBytes() > 0) {
            c.wantWrite(true);
        } else if (c.state == Connection.State.CLOSING) {
            clients.close(c, "close-after-reply");
        } else {
            c.wantWrite(false);
        }
    }

    // ---- shutting down -----------------------------------------------------------------------------------------------

    /** Asks the loop to stop gracefully; safe from any thread. The loop does the work on its own thread. */
    public void shutdown() {
        shutdownRequested = true;
        selector.wakeup();
    }

    /**
     * The turn that first sees the request stops accepting, arms the deadline and marks every open connection DRAINING;
     * then each turn reads the DRAINING connections until a read finds nothing (see {@link #drainInput}). They are read
     * here, every turn, not when the selector says so: a connection whose last bytes were read in the previous turn is
     * never reported readable again, yet it still needs the read that returns 0.
     */
    private void drainForShutdown() {
        if (!shuttingDown) {
            shuttingDown = true;
            if (parking.paused() || parking.count() > 0) unpauseClients(); // a pause must not outlive the server
            // Blocked clients would wait for ever: Redis closes them at shutdown without a reply, and so do we.
            for (Session s : context.blocking().all()) clients.close((Connection) s, "shutdown-blocked");
            resumeParked();
            clients.stopAccepting();
            timers.arm(shutdownDeadline, now + config.shutdownTimeoutMillis());
            LOG.log(INFO, "shutdown: stopped accepting connections clients=" + clients.count());
            for (Connection c : clients.all()) {
                if (c.state != Connection.State.OPEN) continue;
                c.state = Connection.State.DRAINING;
                draining.add(c);
            }
        }
        for (int i = 0; i < draining.size(); i++) drainInput(draining.get(i));
        draining.removeIf(c -> c.state != Connection.State.DRAINING);
    }

    /**
     * Reads and runs what the kernel holds for a DRAINING connection until a read finds nothing; then the connection
     * stops reading and closes once its replies are sent. Bounded per turn, in reads and in replies waiting, so a
     * client that keeps sending cannot make one turn run past the deadline or grow without limit; the next turn goes on.
     */
    private void drainInput(Connection c) {
        try {
            for (int reads = 0; reads < MAX_DRAIN_READS_PER_TURN && c.state == Connection.State.DRAINING
                    && c.writer.pendingBytes() < MAX_WRITE_BYTES_PER_TURN; reads++) {
                if (onReadable(c) == 0) c.state = Connection.State.CLOSING;
            }
        } catch (IOException e) {
            clients.close(c, "io-error");
            return;
        } catch (RuntimeException e) {
            LOG.log(WARNING, "closing connection after an unexpected error " + c + " error=" + e, e);
            clients.close(c, "internal-error");
            return;
        }
        if (c.state == Connection.State.CLOSING) {
            c.stopReading();
            scheduleFlush(c); // closes it at once if nothing is pending
        }
        if (c.writer.pendingBytes() > 0) scheduleFlush(c);
    }

    private void finishShutdown() {
        stopped = true;
        if (!shutdownDeadlineReached) LOG.log(INFO, "shutdown: every received command answered");
    }

    private void onShutdownDeadline(long now) {
        shutdownDeadlineReached = true;
        LOG.log(WARNING, "shutdown: deadline reached with replies unsent clients=" + clients.count());
        for (Connection c : clients.all()) {
            try {
                c.writer.writeTo(c.channel, WRITE_CHUNK_BYTES); // one last nonblocking write: what fits is delivered
            } catch (IOException ignored) {
                // closing anyway
            }
            clients.close(c, "shutdown-deadline");
        }
        draining.clear();
    }

    // Orderly end, on the loop thread: close every connection left, then the listener and the selector. Safe to call
    // twice; also the path out after a crash.
    private void closeAll() {
        if (!selector.isOpen()) return;
        clients.stopAccepting();
        flushPendingWrites();
        int closedCount = 0;
        for (Connection c : clients.all()) {
            clients.close(c, "server-shutdown");
            closedCount++;
        }
        try {
            selector.close();
        } catch (IOException e) {
            LOG.log(WARNING, "closing the selector failed error=\"{0}\"", e.toString());
        }
        LOG.log(INFO, "shutdown: closed connections=" + closedCount);
        LOG.log(INFO, "event loop stopped");
    }

    // ---- for the rooms beside the loop, and for tests -----------------------------------------------------------------

    /** Makes a sleeping loop start a new turn at once (tests call it after moving a manual clock); any thread. */
    public void wakeup() {
        selector.wakeup();
    }

    /**
     * Whether the loop died of an unexpected error rather than stopping when asked; safe from any thread.
     *
     * @return true after a crash
     */
    public boolean crashed() {
        return crashed;
    }

    /** @return the port actually bound: the configured one, or the kernel's choice for port 0 */
    public int port() {
        return port;
    }

    /**
     * Database 0, for tests that look inside after the loop stopped. Only the loop thread may touch it while running.
     *
     * @return the loop's first database
     */
    public Db db() {
        return keyspace.db(0);
    }

    /** @return keyspace notifications (CONFIG's notify-keyspace-events) */
    dev.miniredis.pubsub.Notifications notifications() {
        return notifications;
    }

    // A closing connection leaves no watched keys behind (Clients.close calls it).
    void forgetTransaction(Connection c) {
        if (c.transactionOrNull() != null && context != null) context.watches().unwatchAll(c.transactionOrNull());
    }

    /**
     * Every database. Only the loop thread may touch them while it runs.
     *
     * @return the loop's databases
     */
    public Keyspace keyspace() {
        return keyspace;
    }

    /**
     * Open connections. Written by the loop thread; other threads may see a slightly old value.
     *
     * @return the number of open client connections
     */
    public int connectionCount() {
        return clients.count();
    }

    ServerConfig config() {
        return config;
    }

    long now() {
        return now;
    }
}
