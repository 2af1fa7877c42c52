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
 * server that never answers fails the test instead of hanging it.
 */
public final class RawClient implements AutoCloseable {
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final ReplyParser parser = new ReplyParser();
    private ByteBuffer pending = ByteBuffer.allocate(0);

    public RawClient(int port) throws IOException {
        socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        socket.setSoTimeout(5_000);
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
