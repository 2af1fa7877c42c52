package dev.miniredis.reactor;

import dev.miniredis.command.Session;
import dev.miniredis.protocol.RequestParser;
import dev.miniredis.protocol.Resp;
import dev.miniredis.protocol.RespWriter;
import dev.miniredis.pubsub.Subscriptions;

import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;

/**
 * Everything the server knows about one client socket: the channel and its selection key, the read buffer and the parser's
 * progress through it, the replies waiting to be sent, and a few flags.
 *
 * <p>Only the event-loop thread touches a connection, so nothing here needs a lock.
 *
 * <h2>Life cycle</h2>
 * <pre>
 *   accepted ──&gt; OPEN ──(QUIT, SHUTDOWN, CLIENT KILL of itself, protocol error)──&gt; CLOSING
 *                 │        (closeAfterFlush: no more commands are run; the replies already written are still sent)
 *                 │
 *                 ├──(a subscriber over its output limit)──&gt; DOOMED (receives nothing more; closed at the turn's end)
 *                 │
 *                 └──(peer closed, I/O error, idle timeout, CLIENT KILL)──&gt; CLOSED &lt;──(write buffer drained)── CLOSING
 * </pre>
 *
 * <h2>Buffers</h2>
 * The read buffer is a heap {@link ByteBuffer} kept in <em>fill mode</em> between reads: the channel writes into it at its
 * position. To parse, the loop flips it (limit = bytes read, position = 0), lets the parser consume, and compacts it back
 * into fill mode. The parser copies every byte it understands out of the buffer (into argument arrays or its own line
 * state), so after parsing the buffer is empty and the compact costs nothing. The write side is a {@link RespWriter}; its
 * class comment describes its cursors.
 */
final class Connection implements Session {
    private final EventLoop loop;
    final long id;
    final SocketChannel channel;
    final String peer;
    SelectionKey key;

    ByteBuffer readBuffer;
    final RequestParser parser;
    final RespWriter writer;

    /** No more commands will be run; close once the write buffer drains (QUIT, protocol error). */
    boolean closeAfterFlush;
    /** Already on the loop's pending-writes list for this turn. */
    boolean flushScheduled;
    boolean closed;
    /** Over its output limit: will be closed at the end of this turn; until then it receives nothing more. */
    boolean doomed;
    /** When the unsent output first went over the soft limit (epoch ms), or -1 while under it. */
    long softLimitSinceMillis = -1;

    private final Subscriptions subscriptions = new Subscriptions();
    private boolean authenticated;
    private byte[] name;
    private byte[] libName;
    private byte[] libVersion;
    private final String localAddress;
    final long createdMillis;

    // The idle list: every open connection, least recently active first (see EventLoop.closeIdleClients).
    long lastActivityMillis;
    /** When this connection last went to the back of the idle list: its last activity, or its last exemption check. */
    long idleClockMillis;
    Connection idlePrev;
    Connection idleNext;

    Connection(EventLoop loop, long id, SocketChannel channel, String peer, String localAddress, long createdMillis,
               int readBufferBytes, int writeBufferBytes, long maxBulkBytes) {
        this.loop = loop;
        this.id = id;
        this.channel = channel;
        this.peer = peer;
        this.localAddress = localAddress;
        this.createdMillis = createdMillis;
        this.readBuffer = ByteBuffer.allocate(readBufferBytes);
        this.parser = new RequestParser(maxBulkBytes);
        this.writer = new RespWriter(writeBufferBytes);
    }

    @Override
    public RespWriter writer() {
        return writer;
    }

    @Override
    public void closeAfterReply() {
        closeAfterFlush = true;
    }

    @Override
    public long id() {
        return id;
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
        return peer;
    }

    /** The CLIENT LIST line. Fields we have no equivalent for (fd, memory details) are left out rather than made up. */
    @Override
    public String describe(long now) {
        return "id=" + id + " addr=" + peer + " laddr=" + localAddress + " name=" + text(name)
                + " age=" + Math.max(0, (now - createdMillis) / 1000) + " idle=" + Math.max(0, (now - lastActivityMillis) / 1000)
                + " flags=" + (subscriptions.isEmpty() ? "N" : "P") + " db=0 sub=" + subscriptions.channels().size()
                + " psub=" + subscriptions.patterns().size() + " multi=-1 qbuf=" + parser.bufferedBytes()
                + " rbs=" + readBuffer.capacity() + " obl=" + writer.pendingBytes() + " omem=" + writer.capacity()
                + " events=r" + ((key != null && key.isValid() && (key.interestOps() & SelectionKey.OP_WRITE) != 0) ? "w" : "")
                + " user=default resp=" + writer.protocol() + " lib-name=" + text(libName) + " lib-ver=" + text(libVersion);
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
        parser.authenticated(value);
    }

    @Override
    public Subscriptions subscriptions() {
        return subscriptions;
    }

    /**
     * A published message: copy the shared frame into our write buffer (as a RESP3 push frame if this connection speaks
     * RESP3), make sure the loop flushes us, and let the loop check our output limit.
     */
    @Override
    public void deliver(byte[] frame) {
        if (doomed || closed) return;
        try {
            if (writer.protocol() == 3) writer.raw(PUSH_TYPE).raw(frame, 1, frame.length - 1);
            else writer.raw(frame);
        } catch (IllegalStateException bufferFull) {
            // Only possible with the output limits switched off: the write buffer cannot grow past 2 GB. The fault is
            // this subscriber's, not the publisher's, so this subscriber goes.
            loop.doom(this, "buffer-full", writer.pendingBytes());
            return;
        }
        loop.afterOutput(this);
    }

    private static final byte[] PUSH_TYPE = {Resp.PUSH};

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

    /** Stops reading: the connection is closing and will run no more commands. */
    void stopReading() {
        int ops = key.interestOps();
        if ((ops & SelectionKey.OP_READ) != 0) key.interestOps(ops & ~SelectionKey.OP_READ);
    }

    @Override
    public String toString() {
        return "id=" + id + " peer=" + peer;
    }
}
