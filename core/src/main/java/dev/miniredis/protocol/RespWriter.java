package dev.miniredis.protocol;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;

/**
 * Encodes RESP frames straight into a connection's write buffer. There are no reply objects: a command writes its reply
 * here, byte by byte, and the event loop later hands the same buffer to {@code SocketChannel.write}.
 *
 * <h2>Buffer convention</h2>
 * The write buffer is a heap {@link ByteBuffer} that always stays in fill mode. Its bytes fall into three runs:
 * <pre>
 *   0 ........ flushed ........ position ........ capacity
 *   | already sent | waiting to be sent | free for new replies |
 * </pre>
 * {@link #writeTo} sends from {@code flushed}; when everything is sent both cursors go back to 0. Pending bytes are moved
 * to the front only when a new reply needs the room, so a large reply that drains over many partial writes is never copied
 * again and again (which {@code flip()}/{@code compact()} after each write would do).
 *
 * <p>Heap buffers cost one copy per socket call: the JDK copies them through a temporary direct buffer. We pay it so
 * everything else works on a plain {@code byte[]} with array indexing.
 *
 * <h2>RESP2 and RESP3</h2>
 * The writer knows which protocol the connection speaks ({@link #protocol}), so a command writes {@link #nil()} or
 * {@link #map(int)} and gets {@code $-1} / {@code *2n} under RESP2 and {@code _} / {@code %n} after {@code HELLO 3}.
 *
 * <p>Not thread-safe: one writer belongs to one connection, and only the loop thread touches it.
 */
public final class RespWriter {
    // The buffer of a writer that holds no pending bytes and has given its buffer back to the pool.
    private static final ByteBuffer NONE = ByteBuffer.allocate(0);

    private final int initialCapacity;
    private final BufferPool pool; // null: this writer keeps its own buffer
    private ByteBuffer buffer;
    private int flushed;
    private int protocol = 2;

    /**
     * Creates an empty writer in RESP2 mode.
     *
     * @param initialCapacity the buffer's starting size in bytes, and the size it shrinks back to after a large reply
     */
    public RespWriter(int initialCapacity) {
        this.initialCapacity = initialCapacity;
        this.pool = null;
        this.buffer = ByteBuffer.allocate(initialCapacity);
    }

    /**
     * Creates a writer that holds a buffer only while it has pending bytes: it takes one from {@code pool} when a reply is
     * written into an empty writer and gives it back once everything was sent (the server's connections).
     *
     * @param pool where buffers come from and go back to
     */
    public RespWriter(BufferPool pool) {
        this.initialCapacity = 0;
        this.pool = pool;
        this.buffer = NONE;
    }

    /**
     * 2 (the default) or 3, as negotiated by HELLO.
     *
     * @return the protocol version replies are encoded for
     */
    public int protocol() {
        return protocol;
    }

    /**
     * Switches the encoding of later replies; bytes already written are not changed.
     *
     * @param version 2 or 3
     */
    public void protocol(int version) {
        this.protocol = version;
    }

    /**
     * Bytes written but not yet sent.
     *
     * @return the pending byte count; 0 means the connection is fully flushed
     */
    public int pendingBytes() {
        return buffer.position() - flushed;
    }

    /**
     * Capacity currently held, for memory accounting.
     *
     * @return the buffer's size in bytes
     */
    public int capacity() {
        return buffer.capacity();
    }

    /**
     * Sends up to {@code maxBytes} pending bytes; returns how many the channel took (possibly 0 when the kernel's send
     * buffer is full). Sending in bounded chunks matters for a heap buffer: the JDK copies whatever we offer into a
     * temporary direct buffer, so offering 16 MB to a socket that takes 2 MB would copy 14 MB for nothing.
     *
     * @param channel the socket (any writable channel), in nonblocking mode on the server
     * @param maxBytes the most bytes to offer in this call
     * @return the bytes the channel accepted
     * @throws IOException if the channel fails, for example because the peer reset the connection
     */
    public int writeTo(WritableByteChannel channel, int maxBytes) throws IOException {
        if (pendingBytes() == 0) return 0;
        int end = buffer.position();
        buffer.limit(Math.min(end, flushed + maxBytes)).position(flushed);
        int written;
        try {
            written = channel.write(buffer);
        } finally {
            buffer.limit(buffer.capacity()).position(end);
        }
        flushed += written;
        if (flushed == end) reset();
        return written;
    }

    /** Drops everything pending, for a connection that is going away. */
    public void discard() {
        reset();
    }

    // Everything was sent: rewind both cursors. A pooled writer gives its buffer back, so an idle connection holds none;
    // a buffer that grew for one large reply is dropped, so a connection holds a big array only while it needs one.
    private void reset() {
        flushed = 0;
        if (pool != null) {
            if (buffer != NONE) pool.give(buffer);
            buffer = NONE;
        } else if (buffer.capacity() > initialCapacity * 4) {
            buffer = ByteBuffer.allocate(initialCapacity);
        } else {
            buffer.clear();
        }
    }

    // Makes room for `bytes` more bytes: first by taking a buffer if we hold none, then by moving pending bytes to the
    // front, then by doubling.
    private void ensureRoom(int bytes) {
        if (buffer.remaining() >= bytes) return;
        if (buffer == NONE) {
            ByteBuffer pooled = pool.take(bytes);
            buffer = pooled != null ? pooled : ByteBuffer.allocate(bytes);
            return;
        }
        int pending = pendingBytes();
        if (flushed > 0 && buffer.capacity() - pending >= bytes) {
            buffer.limit(buffer.position()).position(flushed);
            buffer.compact(); // copies [flushed, position) to the front and leaves the buffer in fill mode again
            flushed = 0;
            return;
        }
        long wanted = Math.max((long) buffer.capacity() * 2, (long) pending + bytes);
        if (wanted > Integer.MAX_VALUE - 8) throw new IllegalStateException("reply buffer over 2 GB");
        ByteBuffer bigger = pool != null ? pool.take((int) wanted) : null; // a small pooled buffer moves to a large one
        if (bigger == null) bigger = ByteBuffer.allocate((int) wanted);
        bigger.put(buffer.array(), flushed, pending);
        if (pool != null) pool.give(buffer); // the outgrown pooled buffer goes back for the others
        buffer = bigger;
        flushed = 0;
    }

    // ---- raw bytes -----------------------------------------------------------------------------------------------

    /**
     * Copies pre-encoded bytes, such as {@link Resp#OK}, as they are.
     *
     * @param bytes one or more complete frames
     * @return this writer, for chaining
     */
    public RespWriter raw(byte[] bytes) {
        ensureRoom(bytes.length);
        buffer.put(bytes);
        return this;
    }

    /**
     * Copies part of a pre-encoded frame, for example one message fanned out to many subscribers.
     *
     * @param bytes the array holding the encoded bytes
     * @param offset index of the first byte to copy
     * @param length how many bytes to copy
     * @return this writer, for chaining
     */
    public RespWriter raw(byte[] bytes, int offset, int length) {
        ensureRoom(length);
        buffer.put(bytes, offset, length);
        return this;
    }

    // Writes <type><decimal>\r\n, the header shape shared by integers, bulk strings and aggregates.
    private void header(byte type, long n) {
        ensureRoom(2 + Numbers.MAX_LONG_DIGITS + 2);
        byte[] a = buffer.array();
        int p = buffer.position();
        a[p++] = type;
        p = Numbers.writeLong(n, a, p);
        a[p++] = Resp.CR;
        a[p++] = Resp.LF;
        buffer.position(p);
    }

    // ---- RESP2 types ---------------------------------------------------------------------------------------------

    /**
     * {@code +text\r\n}. The text must not contain CR or LF.
     *
     * @param text ASCII text; each char is written as one byte
     * @return this writer, for chaining
     */
    public RespWriter simple(String text) {
        ensureRoom(text.length() + 3);
        buffer.put(Resp.SIMPLE_STRING);
        for (int i = 0; i < text.length(); i++) buffer.put((byte) text.charAt(i));
        buffer.put(Resp.CR).put(Resp.LF);
        return this;
    }

    /**
     * {@code -message\r\n}, where the message starts with its code ({@code ERR}, {@code WRONGTYPE}, ...). Like Redis, any CR
     * or LF inside becomes a space, so an argument echoed back in an error cannot break the framing.
     *
     * @param message the error line without the leading {@code -}, ASCII
     * @return this writer, for chaining
     */
    public RespWriter error(String message) {
        ensureRoom(message.length() + 3);
        buffer.put(Resp.ERROR);
        for (int i = 0; i < message.length(); i++) {
            char c = message.charAt(i);
            buffer.put(c == '\r' || c == '\n' ? (byte) ' ' : (byte) c);
        }
        buffer.put(Resp.CR).put(Resp.LF);
        return this;
    }

    /**
     * The same as {@link #error(String)} for a message built from raw bytes (an unknown command name, say).
     *
     * @param message the error line without the leading {@code -}
     * @param length how many bytes of {@code message} to use
     * @return this writer, for chaining
     */
    public RespWriter error(byte[] message, int length) {
        ensureRoom(length + 3);
        buffer.put(Resp.ERROR);
        for (int i = 0; i < length; i++) {
            byte c = message[i];
            buffer.put(c == '\r' || c == '\n' ? (byte) ' ' : c);
        }
        buffer.put(Resp.CR).put(Resp.LF);
        return this;
    }

    /**
     * {@code :n\r\n}; 0 and 1, the most common, come pre-encoded.
     *
     * @param n the value
     * @return this writer, for chaining
     */
    public RespWriter integer(long n) {
        if (n == 0) return raw(Resp.ZERO);
        if (n == 1) return raw(Resp.ONE);
        header(Resp.INTEGER, n);
        return this;
    }

    /**
     * {@code $len\r\nbytes\r\n}.
     *
     * @param bytes the value, any bytes at all
     * @return this writer, for chaining
     */
    public RespWriter bulk(byte[] bytes) {
        return bulk(bytes, 0, bytes.length);
    }

    /**
     * {@code $len\r\nbytes\r\n} from part of an array.
     *
     * @param bytes the array holding the value
     * @param offset index of the value's first byte
     * @param length the value's length
     * @return this writer, for chaining
     */
    public RespWriter bulk(byte[] bytes, int offset, int length) {
        header(Resp.BULK_STRING, length);
        ensureRoom(length + 2);
        buffer.put(bytes, offset, length).put(Resp.CR).put(Resp.LF);
        return this;
    }

    /**
     * {@code $len\r\nbytes\r\n}, where {@code source} copies the bytes straight into the write buffer's array: GET's
     * zero-copy path, from the off-heap store to the buffer the socket is written from, without a {@code byte[]} between.
     *
     * @param source copies the value; called once, before this method returns
     * @param handle passed to {@code source} to name the value
     * @param length the value's length in bytes
     * @return this writer, for chaining
     */
    public RespWriter bulk(BulkSource source, long handle, int length) {
        header(Resp.BULK_STRING, length);
        ensureRoom(length + 2);
        byte[] a = buffer.array();
        int p = buffer.position();
        source.copyValue(handle, a, p, length);
        p += length;
        a[p++] = Resp.CR;
        a[p++] = Resp.LF;
        buffer.position(p);
        return this;
    }

    /**
     * A bulk string holding the decimal form of {@code n} (SCAN's cursor is sent this way).
     *
     * @param n the number
     * @return this writer, for chaining
     */
    public RespWriter bulk(long n) {
        int length = Numbers.decimalLength(n);
        header(Resp.BULK_STRING, length);
        ensureRoom(length + 2);
        int p = Numbers.writeLong(n, buffer.array(), buffer.position());
        buffer.position(p);
        buffer.put(Resp.CR).put(Resp.LF);
        return this;
    }

    /**
     * A bulk string from ASCII text (field names in INFO-like replies).
     *
     * @param ascii the text; each char is written as one byte
     * @return this writer, for chaining
     */
    public RespWriter bulk(String ascii) {
        header(Resp.BULK_STRING, ascii.length());
        ensureRoom(ascii.length() + 2);
        for (int i = 0; i < ascii.length(); i++) buffer.put((byte) ascii.charAt(i));
        buffer.put(Resp.CR).put(Resp.LF);
        return this;
    }

    /**
     * The missing value: {@code $-1} in RESP2, {@code _} in RESP3.
     *
     * @return this writer, for chaining
     */
    public RespWriter nil() {
        return raw(protocol == 3 ? Resp.RESP3_NULL : Resp.NULL_BULK);
    }

    /**
     * The missing array: {@code *-1} in RESP2, {@code _} in RESP3.
     *
     * @return this writer, for chaining
     */
    public RespWriter nilArray() {
        return raw(protocol == 3 ? Resp.RESP3_NULL : Resp.NULL_ARRAY);
    }

    /**
     * An array of simple strings, one per line: the shape of every {@code HELP} reply.
     *
     * @param lines the lines, each free of CR and LF
     * @return this writer
     */
    public RespWriter simpleLines(String... lines) {
        array(lines.length);
        for (String line : lines) simple(line);
        return this;
    }

    /**
     * {@code *n\r\n}: the next {@code n} frames are the elements.
     *
     * @param n the element count
     * @return this writer, for chaining
     */
    public RespWriter array(int n) {
        if (n == 0) return raw(Resp.EMPTY_ARRAY);
        header(Resp.ARRAY, n);
        return this;
    }

    // ---- RESP3 types, each with the RESP2 shape Redis falls back to -----------------------------------------------

    /**
     * {@code %n} in RESP3; a flat array of {@code 2n} elements in RESP2.
     *
     * @param pairs the number of key-value pairs that follow
     * @return this writer, for chaining
     */
    public RespWriter map(int pairs) {
        if (protocol == 3) header(Resp.MAP, pairs);
        else array(pairs * 2);
        return this;
    }

    /**
     * {@code ~n} in RESP3; an array in RESP2.
     *
     * @param n the element count
     * @return this writer, for chaining
     */
    public RespWriter set(int n) {
        if (protocol == 3) header(Resp.SET, n);
        else array(n);
        return this;
    }

    /**
     * {@code >n} in RESP3 (out-of-band data such as pub/sub messages); an array in RESP2.
     *
     * @param n the element count
     * @return this writer, for chaining
     */
    public RespWriter push(int n) {
        if (protocol == 3) header(Resp.PUSH, n);
        else array(n);
        return this;
    }

    /**
     * {@code #t} / {@code #f} in RESP3; {@code :1} / {@code :0} in RESP2.
     *
     * @param value the boolean
     * @return this writer, for chaining
     */
    public RespWriter bool(boolean value) {
        if (protocol == 3) return raw(value ? Resp.RESP3_TRUE : Resp.RESP3_FALSE);
        return integer(value ? 1 : 0);
    }

    /**
     * {@code ,text} in RESP3; a bulk string in RESP2. The caller formats the number as Redis would.
     *
     * @param formatted the number as ASCII text, such as {@code 3.5} or {@code inf}
     * @return this writer, for chaining
     */
    public RespWriter doubleValue(String formatted) {
        if (protocol != 3) return bulk(formatted);
        ensureRoom(formatted.length() + 3);
        buffer.put(Resp.DOUBLE);
        for (int i = 0; i < formatted.length(); i++) buffer.put((byte) formatted.charAt(i));
        buffer.put(Resp.CR).put(Resp.LF);
        return this;
    }

    /**
     * A double as Redis 7.0's {@code addReplyDouble} sends it: {@code ,1.5\r\n} in RESP3, a bulk string in RESP2, the
     * digits as {@link Numbers#formatDouble17g} writes them ({@code inf}, {@code -inf}, {@code 1e+20}, ...). The digits
     * are written straight into the write buffer: past the reply first, then moved behind the header once their length
     * is known.
     *
     * @param d the value
     * @return this writer, for chaining
     */
    public RespWriter doubleValue(double d) {
        int max = Numbers.MAX_DOUBLE_CHARS;
        ensureRoom(2 * max + 8);
        byte[] a = buffer.array();
        int p = buffer.position();
        int scratch = p + max + 8;
        int length = Numbers.formatDouble17g(d, a, scratch) - scratch;
        if (protocol == 3) {
            a[p++] = Resp.DOUBLE;
        } else {
            a[p++] = Resp.BULK_STRING;
            p = Numbers.writeLong(length, a, p);
            a[p++] = Resp.CR;
            a[p++] = Resp.LF;
        }
        System.arraycopy(a, scratch, a, p, length);
        p += length;
        a[p++] = Resp.CR;
        a[p++] = Resp.LF;
        buffer.position(p);
        return this;
    }

    /**
     * {@code =len\r\ntxt:text\r\n} in RESP3 (INFO uses it); a bulk string in RESP2.
     *
     * @param format the three-letter format, {@code txt} or {@code mkd}
     * @param text the content
     * @return this writer, for chaining
     */
    public RespWriter verbatim(String format, byte[] text) {
        if (protocol != 3) return bulk(text);
        header(Resp.VERBATIM_STRING, text.length + 4);
        ensureRoom(text.length + 6);
        for (int i = 0; i < 3; i++) buffer.put((byte) format.charAt(i));
        buffer.put((byte) ':').put(text).put(Resp.CR).put(Resp.LF);
        return this;
    }

    /**
     * A command as clients send it: an array of bulk strings. The client library encodes every request this way.
     *
     * @param args the command name followed by its arguments
     * @return this writer, for chaining
     */
    public RespWriter command(byte[]... args) {
        header(Resp.ARRAY, args.length);
        for (byte[] arg : args) bulk(arg);
        return this;
    }

    /**
     * A copy of the pending bytes, for tests that check exactly what was encoded.
     *
     * @return a new array; the writer's state is unchanged
     */
    public byte[] pendingCopy() {
        byte[] copy = new byte[pendingBytes()];
        System.arraycopy(buffer.array(), flushed, copy, 0, copy.length);
        return copy;
    }
}
