package dev.miniredis.reactor;

import dev.miniredis.command.Session;
import dev.miniredis.protocol.BufferPool;
import dev.miniredis.pubsub.PubSub;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.Channel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;

import static java.lang.System.Logger.Level.DEBUG;
import static java.lang.System.Logger.Level.WARNING;

/**
 * The registry of connected clients: accepting them (and when not to), their ids, the idle list, closing them, and the
 * counters INFO reports. Commands see it through {@code ServerControl} (CLIENT LIST, CLIENT KILL, INFO clients).
 *
 * <h2>Accept gating</h2>
 * We accept only while under {@code maxclients}, not paused after a failed accept, and not shutting down. Dropping
 * OP_ACCEPT from the listener's interest set is how a selector loop says "not now": new clients complete their TCP
 * handshake and wait in the kernel's listen backlog until the interest comes back (when a connection closes), as the
 * original mini-redis makes them wait on a semaphore.
 *
 * <h2>The idle list</h2>
 * Every open connection sits in one doubly linked list in order of last activity: a read moves it to the tail, so the
 * head is always the one idle longest. Checking {@code --timeout} is a look at the head, not a walk over every client,
 * and one timer, armed for the moment the head would become idle, is all the loop needs. Subscribers and parked
 * (blocked or paused) clients are exempt, as in
 * Redis (they may legitimately wait for messages for hours).
 *
 * <p>Only the loop thread calls this class: no locks.
 */
final class Clients {
    private static final System.Logger LOG = System.getLogger(Clients.class.getName());

    /** After accept() fails (out of file descriptors, say), stop accepting for this long and retry. */
    static final long ACCEPT_PAUSE_MILLIS = 100;
    /** Idle clients closed per timer run at most; the timer comes back at once if more are due. */
    private static final int MAX_IDLE_CLOSES_PER_TURN = 1000;

    private final EventLoop loop;
    private final ServerConfig config;
    private final Selector selector;
    private final ServerSocketChannel listener;
    private final SelectionKey listenerKey;
    private final PubSub pubsub;
    private final Timers timers;
    private final BufferPool writeBuffers;
    /** Command names interned once for every connection's parser (only this thread parses). */
    private final byte[][] commandNames = dev.miniredis.protocol.RequestParser.newNameCache();
    private final Timers.Timer idleTimer = new Timers.Timer("idle-clients", this::closeIdleClients);
    private final Timers.Timer acceptResume = new Timers.Timer("accept-resume", now -> updateAcceptInterest());
    private boolean accepting = true;

    private long nextId = 1;
    private int count;
    private long totalAccepted;
    private Connection idleHead; // least recently active
    private Connection idleTail; // most recently active

    Clients(EventLoop loop, ServerConfig config, Selector selector, ServerSocketChannel listener, PubSub pubsub,
            Timers timers, BufferPool writeBuffers) throws IOException {
        this.loop = loop;
        this.config = config;
        this.selector = selector;
        this.listener = listener;
        this.pubsub = pubsub;
        this.timers = timers;
        this.writeBuffers = writeBuffers;
        this.listenerKey = listener.register(selector, SelectionKey.OP_ACCEPT);
    }

    /** @return open connections */
    int count() {
        return count;
    }

    /** @return connections accepted since start (INFO's total_connections_received) */
    long totalAccepted() {
        return totalAccepted;
    }

    // ---- accepting --------------------------------------------------------------------------------------------------

    /** The listener is ready: accept everything waiting in the backlog (one readiness event can stand for many). */
    void acceptAll(long now) {
        while (accepting && count < config.maxClients()) {
            SocketChannel channel;
            try {
                channel = listener.accept();
                if (channel == null) break; // nonblocking accept: nobody else is waiting
            } catch (IOException e) {
                // Typically "Too many open files". Failing again at once would spin, so pause accepting briefly; the
                // clients wait in the listen backlog, and everyone already connected keeps being served.
                LOG.log(WARNING, "accept failed, pausing accepts pause_ms=" + ACCEPT_PAUSE_MILLIS + " error=\"" + e + "\"");
                timers.arm(acceptResume, now + ACCEPT_PAUSE_MILLIS);
                break;
            }
            try {
                register(channel, now);
            } catch (IOException e) {
                LOG.log(WARNING, "could not set up an accepted connection error=\"{0}\"", e.toString());
                closeQuietly(channel);
            }
        }
        updateAcceptInterest();
    }

    private void register(SocketChannel channel, long now) throws IOException {
        channel.configureBlocking(false);
        if (refusedByProtectedMode(channel)) return;
        // Replies are small and come one write per turn, so Nagle's algorithm would only hold them back waiting for an
        // ACK: with it on, pipelined clients stall for the peer's delayed-ACK timer.
        channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        Connection c = new Connection(loop, nextId++, channel, now, writeBuffers, commandNames, config.maxBulkBytes());
        c.writer.errorListener(loop.errorListener()); // every error reply counts in INFO errorstats
        // A client that connects while no password is set counts as authenticated for good, as in Redis.
        c.authenticated(config.requirePass() == null);
        // The connection rides on its key as the attachment: when the key is ready, the key leads us to the connection.
        c.key = channel.register(selector, SelectionKey.OP_READ, c);
        count++;
        totalAccepted++;
        touch(c, now);
        if (LOG.isLoggable(DEBUG)) LOG.log(DEBUG, "connection accepted " + c + " clients=" + count);
    }

    /**
     * Protected mode (see {@link ProtectedMode}): a stranger gets Redis's DENIED text in one nonblocking write (what
     * the kernel takes now; it always has room for 1 KB on a fresh socket) and is closed, never registered.
     */
    private boolean refusedByProtectedMode(SocketChannel channel) throws IOException {
        if (!config.protectedMode() || config.requirePass() != null) return false; // the common case: no address lookup
        if (!(channel.getRemoteAddress() instanceof InetSocketAddress peer)) return false;
        if (!ProtectedMode.denies(true, false, peer.getAddress())) return false;
        try {
            channel.write(java.nio.ByteBuffer.wrap(ProtectedMode.DENIED));
        } catch (IOException ignored) {
            // best effort, as Redis's own write of this text
        }
        LOG.log(WARNING, "refused a client in protected mode address=" + peer.getAddress().getHostAddress());
        closeQuietly(channel);
        return true;
    }

    /**
     * "127.0.0.1:50312", as Redis prints addresses (InetSocketAddress.toString would add a leading slash).
     *
     * @param channel an accepted socket
     * @param remote the peer's address if true, ours if false
     * @return the address, or "?" once the socket is closed and the address no longer known
     */
    static String address(SocketChannel channel, boolean remote) {
        SocketAddress address;
        try {
            address = remote ? channel.getRemoteAddress() : channel.getLocalAddress();
        } catch (IOException closed) {
            return "?";
        }
        if (address instanceof InetSocketAddress inet) return inet.getAddress().getHostAddress() + ":" + inet.getPort();
        return String.valueOf(address);
    }

    /** Sets OP_ACCEPT on the listener if we may accept now, clears it if not. Safe to call at any time. */
    void updateAcceptInterest() {
        if (!listenerKey.isValid()) return;
        boolean accept = accepting && count < config.maxClients() && !acceptResume.armed();
        listenerKey.interestOps(accept ? SelectionKey.OP_ACCEPT : 0);
    }

    /** Shutdown: no new clients from now on. The listening socket is closed, so they are refused rather than queued. */
    void stopAccepting() {
        accepting = false;
        timers.disarm(acceptResume);
        closeQuietly(listener);
    }

    // ---- the idle list ----------------------------------------------------------------------------------------------

    /**
     * Marks activity: the connection moves to the back of the idle list.
     *
     * @param c the connection that read or wrote
     * @param now this turn's time
     */
    void touch(Connection c, long now) {
        c.lastActivityMillis = now;
        moveToIdleTail(c, now);
    }

    private void moveToIdleTail(Connection c, long now) {
        c.idleClockMillis = now;
        if (idleTail != c) {
            unlinkIdle(c);
            c.idlePrev = idleTail;
            if (idleTail != null) idleTail.idleNext = c;
            idleTail = c;
            if (idleHead == null) idleHead = c;
        }
        // The head only ever becomes idle later than it was, so the timer needs moving only if it is not armed.
        if (!idleTimer.armed()) armIdleTimer();
    }

    private void unlinkIdle(Connection c) {
        if (c.idlePrev != null) c.idlePrev.idleNext = c.idleNext;
        else if (idleHead == c) idleHead = c.idleNext;
        if (c.idleNext != null) c.idleNext.idlePrev = c.idlePrev;
        else if (idleTail == c) idleTail = c.idlePrev;
        c.idlePrev = null;
        c.idleNext = null;
    }

    /** (Re)arms the idle timer for the head of the list; called again when CONFIG SET timeout changes the limit. */
    void armIdleTimer() {
        long limitMillis = config.idleTimeoutSeconds() * 1000;
        if (limitMillis <= 0 || idleHead == null) {
            timers.disarm(idleTimer);
            return;
        }
        // +1: a client counts as idle once strictly more than the limit has passed (as in Redis), so waking exactly at
        // the limit would find nothing to close.
        timers.arm(idleTimer, idleHead.idleClockMillis + limitMillis + 1);
    }

    private void closeIdleClients(long now) {
        long limit = config.idleTimeoutSeconds() * 1000;
        for (int checked = 0; limit > 0 && checked < MAX_IDLE_CLOSES_PER_TURN && idleHead != null; checked++) {
            Connection c = idleHead;
            if (now - c.idleClockMillis <= limit) break;
            if (!c.subscriptions().isEmpty() || c.parked()) {
                // Exempt, as in Redis (subscribers, and blocked clients, which wait by design): to the back of the
                // line, its last activity unchanged (CLIENT LIST)
                moveToIdleTail(c, now);
                continue;
            }
            close(c, "idle-timeout");
        }
        armIdleTimer();
    }

    // ---- closing and listing ----------------------------------------------------------------------------------------

    /**
     * Closes a connection: the only way to {@link Connection.State#CLOSED}. Safe to call twice.
     *
     * @param c the connection
     * @param reason for the debug log
     */
    void close(Connection c, String reason) {
        if (c.closed()) return;
        c.state = Connection.State.CLOSED;
        count--;
        c.writer.discard();      // gives its write buffer back to the pool
        pubsub.removeAll(c);
        loop.forgetTransaction(c);
        loop.forget(c);          // parked list, monitors
        unlinkIdle(c);
        if (LOG.isLoggable(DEBUG)) LOG.log(DEBUG, "connection closed " + c + " reason=" + reason + " clients=" + count);
        // Closing the channel also cancels its key; the selector forgets it at the next select.
        closeQuietly(c.channel);
        updateAcceptInterest(); // a slot may have opened under --maxclients
    }

    /**
     * Every open connection, oldest first by id, for CLIENT LIST, CLIENT KILL and shutdown.
     *
     * @return a new list
     */
    List<Connection> all() {
        List<Connection> all = new ArrayList<>(count);
        for (Connection c = idleHead; c != null; c = c.idleNext) all.add(c);
        all.sort((a, b) -> Long.compare(a.id, b.id));
        return all;
    }

    /** @return the same list, typed as commands see it */
    List<Session> sessions() {
        return new ArrayList<>(all());
    }

    static void closeQuietly(Channel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing useful to do: the socket is going away either way
        }
    }
}
