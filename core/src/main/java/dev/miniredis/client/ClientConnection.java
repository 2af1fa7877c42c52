package dev.miniredis.client;

import dev.miniredis.protocol.ProtocolException;
import dev.miniredis.protocol.ReplyParser;
import dev.miniredis.protocol.RespError;
import dev.miniredis.protocol.RespWriter;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.WritableByteChannel;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;

/**
 * One blocking socket speaking RESP, shared by {@link Client} and {@link Subscriber}: commands are encoded with the same
 * {@link RespWriter} the server uses for replies, and replies are decoded with the incremental {@link ReplyParser}, so a
 * read that times out in the middle of a reply loses nothing: the parser keeps its place.
 *
 * <p>Not thread-safe: one thread at a time, as with any blocking connection.
 */
final class ClientConnection implements AutoCloseable {
    private final Socket socket;
    private final InputStream in;
    private final WritableByteChannel outChannel;
    private final RespWriter writer = new RespWriter(1024);
    private final ReplyParser parser = new ReplyParser();
    private final byte[] readArray = new byte[16 * 1024];
    private final ByteBuffer readBuffer = ByteBuffer.wrap(readArray).limit(0); // drain mode: nothing unread yet
    private final Duration readTimeout;

    ClientConnection(String host, int port, Duration connectTimeout, Duration readTimeout) throws IOException {
        this.readTimeout = readTimeout;
        socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(host, port), (int) connectTimeout.toMillis());
            socket.setTcpNoDelay(true);
            socket.setSoTimeout((int) readTimeout.toMillis());
            in = socket.getInputStream();
            outChannel = Channels.newChannel(socket.getOutputStream());
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    /** Encodes and sends one command. */
    void send(byte[]... args) throws IOException {
        writer.command(args);
        // A blocking socket's channel view writes everything it is given before returning.
        while (writer.pendingBytes() > 0) writer.writeTo(outChannel, Integer.MAX_VALUE);
    }

    /** Reads one whole reply, waiting at most the read timeout (or {@code timeout}, if not null). */
    Object read(Duration timeout) throws IOException {
        int soTimeout = (int) (timeout == null ? readTimeout : timeout).toMillis();
        if (socket.getSoTimeout() != soTimeout) socket.setSoTimeout(soTimeout);
        while (true) {
            Object reply;
            try {
                reply = parser.next(readBuffer);
            } catch (ProtocolException e) {
                throw new IOException("malformed reply from server: " + e.getMessage(), e);
            }
            if (reply != ReplyParser.INCOMPLETE) return reply;
            int n = in.read(readArray);       // the parser consumed everything, so refill from the start
            if (n < 0) throw new IOException("connection closed by the server");
            readBuffer.position(0).limit(n);
        }
    }

    /** Sends a command and returns its reply; an error reply becomes a {@link RedisException}. */
    Object call(byte[]... args) throws IOException {
        send(args);
        return check(read(null));
    }

    static Object check(Object reply) {
        if (reply instanceof RespError e) throw new RedisException(e.message());
        return reply;
    }

    static boolean isTimeout(IOException e) {
        return e instanceof SocketTimeoutException;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
