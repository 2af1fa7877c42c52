package dev.miniredis.testing;

import dev.miniredis.protocol.ProtocolException;
import dev.miniredis.protocol.ReplyParser;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A blocking socket that speaks raw bytes, for tests that compare exact reply bytes. Every read has a timeout, so a
 * server that never answers fails the test instead of hanging it. The timeout is a bound for failures only, never part
 * of what a test checks, so it is generous: a loaded 2-core CI machine must never reach it.
 */
public final class RawClient implements AutoCloseable {
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final ReplyParser parser = new ReplyParser();
    private ByteBuffer pending = ByteBuffer.allocate(0);

    /** How long a connect or a read may take before the test fails. */
    public static final int TIMEOUT_MILLIS = 30_000;
    /** Round trips {@link #callUntil} makes at most before it gives up. */
    public static final int MAX_ROUND_TRIPS = 100_000;

    public RawClient(int port) throws IOException {
        socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), TIMEOUT_MILLIS);
        socket.setSoTimeout(TIMEOUT_MILLIS);
        socket.setTcpNoDelay(true);
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    public RawClient send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
        return this;
    }

    /** Sends text as it is (use \r\n yourself). */
    public RawClient send(String text) throws IOException {
        return send(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** Sends a command as a multibulk array. */
    public RawClient command(String... args) throws IOException {
        return send(encode(args));
    }

    public static byte[] encode(String... args) {
        StringBuilder s = new StringBuilder("*").append(args.length).append("\r\n");
        for (String a : args) {
            s.append('$').append(a.getBytes(StandardCharsets.ISO_8859_1).length).append("\r\n").append(a).append("\r\n");
        }
        return s.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Reads exactly n bytes. */
    public byte[] readBytes(int n) throws IOException {
        byte[] result = new byte[n];
        int filled = 0;
        while (pending.hasRemaining() && filled < n) result[filled++] = pending.get();
        while (filled < n) {
            int r = in.read(result, filled, n - filled);
            if (r < 0) throw new IOException("closed after " + filled + " of " + n + " bytes: "
                    + new String(result, 0, filled, StandardCharsets.ISO_8859_1));
            filled += r;
        }
        return result;
    }

    /** Reads as many bytes as {@code expected} has and returns them as text (ISO-8859-1, byte for byte). */
    public String read(String expected) throws IOException {
        return new String(readBytes(expected.getBytes(StandardCharsets.ISO_8859_1).length), StandardCharsets.ISO_8859_1);
    }

    /** Reads one whole reply and returns its exact bytes, whatever its type and size. */
    public byte[] readReplyBytes() throws IOException {
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        byte[] chunk = new byte[1];
        while (true) {
            if (!pending.hasRemaining()) {
                byte[] buffer = new byte[64 * 1024];
                int r = in.read(buffer);
                if (r < 0) throw new IOException("connection closed mid-reply: " + raw);
                pending = ByteBuffer.wrap(buffer, 0, r);
            }
            int start = pending.position();
            Object reply;
            try {
                reply = parser.next(pending);
            } catch (ProtocolException e) {
                throw new IOException(e);
            }
            raw.write(pending.array(), start, pending.position() - start);
            if (reply != ReplyParser.INCOMPLETE) return raw.toByteArray();
        }
    }

    /** One whole reply as text. */
    public String readReply() throws IOException {
        return new String(readReplyBytes(), StandardCharsets.ISO_8859_1);
    }

    /** Sends a command and returns its whole reply as text. */
    public String call(String... args) throws IOException {
        command(args);
        return readReply();
    }

    /**
     * Sends a command again and again until its reply satisfies {@code done}, and returns that reply; after
     * {@link #MAX_ROUND_TRIPS} round trips it returns the last reply, for the caller's assertion to report. For waiting
     * until the server has seen something another socket did (a close, a subscription): each round trip is at least one
     * turn of the event loop, and each turn handles every socket that is ready, so the count needed is small and does
     * not depend on how fast the machine is.
     */
    public String callUntil(java.util.function.Predicate<String> done, String... args) throws IOException {
        String reply = call(args);
        for (int i = 1; i < MAX_ROUND_TRIPS && !done.test(reply); i++) reply = call(args);
        return reply;
    }

    /** True once the server closed the connection (read returns -1); fails on timeout. */
    public boolean closedByServer() throws IOException {
        if (pending.hasRemaining()) return false;
        try {
            return in.read() < 0;
        } catch (java.net.SocketException e) {
            return true; // reset by peer counts as closed
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    @Override
    public String toString() {
        return "RawClient" + Arrays.toString(new int[] {socket.getLocalPort()});
    }
}
