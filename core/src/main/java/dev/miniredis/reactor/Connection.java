package dev.miniredis.reactor;

import dev.miniredis.command.Session;
import dev.miniredis.protocol.BufferPool;
import dev.miniredis.protocol.RequestParser;
import dev.miniredis.protocol.Resp;
import dev.miniredis.protocol.RespWriter;
import dev.miniredis.pubsub.Subscriptions;

import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;

/**
 * Everything the server knows about one client socket: the channel and its selection key, the parser's progress through
 * the bytes received so far, the replies waiting to be sent, its output limits, and where it is in its life.
 *
 * <p>Only the event-loop thread touches a connection, so nothing here needs a lock.
 *
 * <h2>States</h2>
 * <pre>
 *             (QUIT, protocol error, SHUTDOWN, CLIENT KILL of itself)
 *   OPEN ──────────────────────────────────────────────────────────────&gt; CLOSING ──(write buffer drained)──&gt; CLOSED
 *    │ │                                                                   ^
 *    │ └──(shutdown begins)──&gt; DRAINING ──(the kernel holds no more bytes)──┘
 *    │                        read and run what had arrived, then stop reading
 *    │
 *    ├──(a subscriber over its output limit)──&gt; DOOMED ──(end of the serving step)──&gt; CLOSED
 *    │                                          receives nothing more
 *    └──(peer closed, I/O error, idle timeout, CLIENT KILL, shutdown deadline)──&gt; CLOSED
 * </pre>
 * Commands run only in OPEN and DRAINING. {@link Clients#close} is the only way to CLOSED.
 *
 * <h2>Buffers: held only while needed</h2>
 * A connection owns no read buffer: the loop reads every socket into one shared buffer, and the parser copies each byte
 * it understands out of it (into argument arrays or its own line state), so once parsed the shared buffer is empty again
 * and ready for the next socket. The write side is a {@link RespWriter} that borrows a buffer from the loop's
 * {@link BufferPool} when the first reply is written and gives it back when the socket has taken everything. An idle
 * connection therefore holds no buffer at all: its cost is this object, the parser's small state, and the JDK's socket.
 *
 * <h2>Output limits</h2>
 * A normal client has no output limit, as in Redis. A subscriber that cannot keep up is closed: at once when its
 * pending output reaches the hard limit, or when it has stayed over the soft limit for longer than the grace period. As
 * in Redis the soft limit is checked when output is added, so the message that finds it over for too long is the last.
 */
final class Connection implements Session {
    /** Where a connection is in its life; see the class comment. */
    enum State {
        /** Reading, running commands, answering. */
        OPEN,
        /** Shutdown began: read what the kernel already holds, run it, then move to CLOSING. */
        DRAINING,
        /** No more commands will run; close once the write buffer drains. */
        CLOSING,
        /** Over its output limit: receives nothing more and is closed at the end of this turn's serving step. */
        DOOMED,
        /** Closed; the object may still be referenced from this turn's lists, which skip it. */
        CLOSED
    }

    private final EventLoop loop;
    final long id;
    final SocketChannel channel;
    // "127.0.0.1:50312", made only when CLIENT LIST or a log line needs it: most connections are never listed.
    private String peer;
    private String localAddress;
    final long createdMillis;
    SelectionKey key;

    State state = State.OPEN;
    final RequestParser parser;
    final RespWriter writer;
    /** Already on the loop's pending-writes list for this turn. */
    boolean flushScheduled;
    /** When the unsent output first went over the soft limit (epoch ms), or -1 while under it. */
    private long softLimitSinceMillis = -1;

    private final Subscriptions subscriptions = new Subscriptions();
    private boolean authenticated;
    private byte[] name;
    private int db;             // the selected database (SELECT)
    private dev.miniredis.command.tx.Transaction transaction; // MULTI/WATCH state, made on first use
    private byte[] libName;
    private byte[] libVersion;
    private boolean monitoring;   // sent MONITOR: receives every command as a line (CLIENT LIST flag O)
    private dev.miniredis.command.CommandSpec lastCommand; // CLIENT LIST's cmd=, null before the first (or unknown)

    // CLIENT REPLY. replyControlled is the one flag the loop checks after each command: any of the three is set.
    boolean replyControlled;
    private boolean repliesOff;   // OFF: every reply is taken back, until ON
    private boolean skipThis;     // SKIP, in effect: the reply of the command running now is taken back
    private boolean skipNext;     // SKIP, just sent: becomes skipThis for the next command

    // Parked (see Parking): the command that waits, and the bytes that had arrived behind it.
    byte[][] parkedCommand;
    Timers.Timer blockTimer;     // a blocked client's timeout, made on first use

    Timers.Timer blockTimer(java.util.function.Consumer<Connection> onTimeout) {
        if (blockTimer == null) blockTimer = new Timers.Timer("blocked-client", now -> onTimeout.accept(this));
        return blockTimer;
    }
    java.nio.ByteBuffer heldBytes;

    // The idle list, kept by Clients: every open connection, least recently active first.
    long lastActivityMillis;
    /** When this connection last went to the back of the idle list: its last activity, or its last exemption check. */
    long idleClockMillis;
    Connection idlePrev;
    Connection idleNext;

    Connection(EventLoop loop, long id, SocketChannel channel, long createdMillis, BufferPool writeBuffers,
               byte[][] commandNames, long maxBulkBytes) {
        this.loop = loop;
        this.id = id;
        this.channel = channel;
        this.createdMillis = createdMillis;
        this.parser = new RequestParser(maxBulkBytes, commandNames);
        this.parser.authRequired(this::authRequired);
        this.writer = new RespWriter(writeBuffers);
    }

    /** Whether a command of this connection waits in {@link Parking}. */
    boolean parked() {
        return parkedCommand != null;
    }

    /**
     * Keeps what is left of {@code in} (the bytes behind a parked command) in this connection's own buffer: the shared
     * read buffer is cleared once this read is done.
     */
    void holdBytes(java.nio.ByteBuffer in) {
        int before = heldBytes == null ? 0 : heldBytes.remaining();
        java.nio.ByteBuffer held = java.nio.ByteBuffer.allocate(before + in.remaining());
        if (heldBytes != null) held.put(heldBytes);   // a blocked client keeps reading: its bytes queue up behind
        held.put(in).flip();
        heldBytes = held;
    }

    /** @return bytes held behind a parked command (counted in the query buffer limit) */
    int heldByteCount() {
        return heldBytes == null ? 0 : heldBytes.remaining();
    }

    /** Reads again after a park. */
    void resumeReading() {
        int ops = key.interestOps();
        if ((ops & SelectionKey.OP_READ) == 0) key.interestOps(ops | SelectionKey.OP_READ);
    }

    /**
     * After each command while CLIENT REPLY is in play: take the command's reply back out of the write buffer if the
     * connection is silenced, then move SKIP along (a SKIP silences the command after the one that sent it).
     *
     * @param pendingBefore {@code writer.pendingBytes()} before the command ran
     */
    void afterCommandReply(int pendingBefore) {
        if (repliesOff || skipThis) writer.truncate(pendingBefore);
        skipThis = skipNext;
        skipNext = false;
        replyControlled = repliesOff || skipThis;
    }

    @Override
    public void replyMode(String mode) {
        switch (mode) {
            case "on" -> {
                repliesOff = false;
                skipThis = false;
                skipNext = false;
            }
            case "off" -> repliesOff = true;
            default -> {
                if (!repliesOff) skipNext = true;   // SKIP under OFF changes nothing, as in Redis
            }
        }
        replyControlled = repliesOff || skipThis || skipNext;
    }

    @Override
    public void lastCommand(dev.miniredis.command.CommandSpec spec) {
        if (lastCommand != spec) lastCommand = spec; // a pipeline of one command stores (and pays the GC barrier) once
    }

    @Override
    public boolean monitoring() {
        return monitoring;
    }

    @Override
    public void monitoring(boolean value) {
        monitoring = value;
    }

    @Override
    public void sendRaw(byte[] frame) {
        if (state == State.DOOMED || state == State.CLOSED || repliesOff) return;
        writer.raw(frame);
        loop.scheduleFlush(this);
    }

    /** Whether commands from this connection still run (OPEN or DRAINING). */
    boolean runsCommands() {
        return state == State.OPEN || state == State.DRAINING;
    }

    boolean closed() {
        return state == State.CLOSED;
    }

    @Override
    public RespWriter writer() {
        return writer;
    }

    @Override
    public void closeAfterReply() {
        if (runsCommands()) state = State.CLOSING;
    }

    @Override
    public long id() {
        return id;
    }

    @Override
    public int db() {
        return db;
    }

    @Override
    public dev.miniredis.command.tx.Transaction transaction() {
        if (transaction == null) transaction = new dev.miniredis.command.tx.Transaction();
        return transaction;
    }

    @Override
    public dev.miniredis.command.tx.Transaction transactionOrNull() {
        return transaction;
    }

    @Override
    public void db(int index) {
        this.db = index;
    }

    @Override
    public byte[] name() {
        return name;
    }

    @Override
    public void name(byte[] name) {
        this.name = name;
    }

    @Override
    public void libraryInfo(byte[] libName, byte[] libVersion) {
        if (libName != null) this.libName = libName;
        if (libVersion != null) this.libVersion = libVersion;
    }

    @Override
    public String address() {
        if (peer == null) peer = Clients.address(channel, true);
        return peer;
    }

    private String localAddress() {
        if (localAddress == null) localAddress = Clients.address(channel, false);
        return localAddress;
    }

    /**
     * The CLIENT LIST line, with Redis 7.0.15's fields in its order. Where we have no equivalent the value says so the
     * way Redis does for a client without one: {@code fd=-1} (the JDK does not show a socket's descriptor), {@code rbs=0}
     * and {@code qbuf-free=0} (connections own no read buffer here: the loop reads into one shared buffer),
     * {@code argv-mem=0}, {@code oll=0}/{@code omem=0} (replies go to one
     * growable buffer, {@code obl}, not to a list of blocks).
     */
    @Override
    public String describe(long now) {
        long qbuf = parser.bufferedBytes() + (heldBytes == null ? 0 : heldBytes.remaining());
        return "id=" + id + " addr=" + address() + " laddr=" + localAddress() + " fd=-1 name=" + text(name)
                + " age=" + Math.max(0, (now - createdMillis) / 1000) + " idle=" + Math.max(0, (now - lastActivityMillis) / 1000)
                + " flags=" + flags() + " db=" + db + " sub=" + subscriptions.channels().size()
                + " psub=" + subscriptions.patterns().size() + " ssub=0 multi="
                + (inMulti() ? transaction.queuedCount() : -1) + " qbuf=" + qbuf + " qbuf-free=0"
                + " argv-mem=0 multi-mem=0 rbs=0 rbp=0 obl=" + writer.pendingBytes() + " oll=0 omem=0"
                + " tot-mem=" + (writer.capacity() + qbuf)
                + " events=r" + ((key != null && key.isValid() && (key.interestOps() & SelectionKey.OP_WRITE) != 0) ? "w" : "")
                + " cmd=" + (lastCommand == null ? "NULL" : lastCommand.name()) + " user=default redir=-1 resp="
                + writer.protocol();
    }

    private boolean inMulti() {
        return transaction != null && transaction.queuing();
    }

    // Redis's flag letters, in its order: O monitor, P pub/sub, x in MULTI, b blocked (parked), c close after reply; N
    // for none.
    private String flags() {
        StringBuilder f = new StringBuilder(4);
        if (monitoring) f.append('O');
        if (!subscriptions.isEmpty()) f.append('P');
        if (inMulti()) f.append('x');
        if (parked()) f.append('b');
        if (state == State.CLOSING) f.append('c');
        return f.length() == 0 ? "N" : f.toString();
    }

    private static String text(byte[] bytes) {
        return bytes == null ? "" : new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
    }

    @Override
    public boolean authenticated() {
        return authenticated;
    }

    @Override
    public void authenticated(boolean value) {
        authenticated = value;
    }

    /**
     * The server's one authentication predicate, asked by both the command table and the parser's pre-AUTH limits: a
     * password is set <em>now</em> and this connection has not authenticated. Reading the setting live means
     * {@code CONFIG SET requirepass ""} frees connections that never authenticated, as in Redis.
     */
    @Override
    public boolean authRequired() {
        return !authenticated && loop.config().requirePass() != null;
    }

    @Override
    public Subscriptions subscriptions() {
        return subscriptions;
    }

    /**
     * A published message: copy the shared frame into our write buffer (as a RESP3 push frame if this connection speaks
     * RESP3), make sure the loop flushes us, and check our output limit.
     */
    @Override
    public void deliver(byte[] frame) {
        if (state == State.DOOMED || state == State.CLOSED || repliesOff) return;
        try {
            if (writer.protocol() == 3) writer.raw(PUSH_TYPE).raw(frame, 1, frame.length - 1);
            else writer.raw(frame);
        } catch (IllegalStateException bufferFull) {
            // Only possible with the output limits switched off: the write buffer cannot grow past 2 GB. The fault is
            // this subscriber's, not the publisher's, so this subscriber goes.
            loop.doom(this, "buffer-full");
            return;
        }
        loop.scheduleFlush(this);
        checkOutputLimits(loop.now(), loop.config());
    }

    private static final byte[] PUSH_TYPE = {Resp.PUSH};

    // Redis's "pubsub" class of client-output-buffer-limit. Normal clients have none.
    private void checkOutputLimits(long now, ServerConfig config) {
        if (subscriptions.isEmpty()) return;
        long pending = writer.pendingBytes();
        long hard = config.pubsubHardLimitBytes();
        long soft = config.pubsubSoftLimitBytes();
        if (hard > 0 && pending >= hard) {
            loop.doom(this, "hard");
        } else if (soft > 0 && pending >= soft) {
            if (softLimitSinceMillis < 0) softLimitSinceMillis = now;
            else if (now - softLimitSinceMillis > config.pubsubSoftLimitSeconds() * 1000) loop.doom(this, "soft");
        } else {
            softLimitSinceMillis = -1;
        }
    }

    /**
     * Adds or removes OP_WRITE interest. A socket is writable nearly all the time, because its kernel send buffer is rarely
     * full. If OP_WRITE stayed in the interest set, select() would return at once on every turn and the loop would burn a
     * CPU doing nothing. So we write eagerly, ask for OP_WRITE only when the kernel took fewer bytes than we offered, and
     * drop the interest as soon as the buffer drains.
     */
    void wantWrite(boolean want) {
        int ops = key.interestOps();
        int wanted = want ? ops | SelectionKey.OP_WRITE : ops & ~SelectionKey.OP_WRITE;
        if (wanted != ops) key.interestOps(wanted);
    }

    /** Stops reading: the connection will run no more commands, so whatever else arrives stays in the kernel. */
    void stopReading() {
        int ops = key.interestOps();
        if ((ops & SelectionKey.OP_READ) != 0) key.interestOps(ops & ~SelectionKey.OP_READ);
    }

    @Override
    public String toString() {
        return "id=" + id + " peer=" + address();
    }
}
