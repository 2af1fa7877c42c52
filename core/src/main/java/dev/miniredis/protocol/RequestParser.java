package dev.miniredis.protocol;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.function.BooleanSupplier;

/**
 * Turns the bytes a client sends into commands ({@code byte[][]}: the name, then the arguments), resuming wherever the
 * bytes ran out. It never blocks, never reads from a socket, and never looks at a byte twice.
 *
 * <h2>What a client may send</h2>
 * <ul>
 *   <li><b>Multibulk</b>, what every client library sends: {@code *2\r\n$3\r\nGET\r\n$3\r\nfoo\r\n}.</li>
 *   <li><b>Inline</b>, what a person types into telnet: {@code GET foo\r\n}, with Redis's quoting rules.
 *       An empty line is no command at all and is skipped, which {@code redis-cli --pipe} relies on.</li>
 * </ul>
 *
 * <h2>States</h2>
 * <pre>
 *            '*'                    count &gt; 0                     all bytes + 2
 *   START ---------&gt; ARRAY_HEADER -----------&gt; BULK_HEADER ---------&gt; BULK_BODY --+--&gt; (command) --&gt; START
 *     |                   | count &lt;= 0 (skipped)     ^                              |
 *     |                   +--&gt; START                 +------------ args left -------+
 *     | anything else
 *     +-------------&gt; INLINE --'\n'--&gt; (command, or nothing for an empty line) --&gt; START
 * </pre>
 * All progress lives in fields, so each call to {@link #next} continues exactly where the previous one stopped: in the
 * middle of a length, of a body, or of an inline line.
 *
 * <h2>Limits</h2>
 * Every state that waits for more bytes has a limit, so a peer cannot make us buffer without end: a header line or an inline
 * command is at most 64 KB, a multibulk count at most {@link Resp#MAX_MULTIBULK_COUNT}, a bulk string at most
 * {@code maxBulkBytes}. Breaking one throws {@link ProtocolException} with Redis's exact wording.
 *
 * <p>The parser works on the backing array of a heap buffer. One parser belongs to one connection and one thread.
 */
public final class RequestParser {
    private enum State { START, ARRAY_HEADER, BULK_HEADER, BULK_BODY, INLINE }

    /** Bodies up to this size get their exact array at once; larger ones grow as their bytes arrive (see readBulkBody). */
    private static final int EAGER_BODY_BYTES = 1024 * 1024;
    /** Argument slots reserved up front. A header claiming a million arguments must not reserve a million slots. */
    private static final int INITIAL_ARG_SLOTS = 1024;
    /** Commands with up to this many arguments reuse one argument array per size (see {@link #next}). */
    private static final int REUSED_ARRAY_MAX = 8;
    /** Command names up to this long are read into a scratch array and interned (see {@link #internName}). */
    private static final int NAME_SCRATCH_BYTES = 16;

    private final long maxBulkBytes;
    // Before AUTH, Redis allows only small commands, so an unauthenticated peer cannot make the server buffer much.
    // A live predicate, not a flag: CONFIG SET requirepass "" lifts the limits for connections that never authenticated.
    private BooleanSupplier authRequired = () -> false;

    private State state = State.START;

    // The command being assembled.
    private byte[][] args;
    private int argCount;     // arguments announced by *<count>
    private int argsFilled;   // arguments complete so far

    // The header line being read: *<count>\r? or $<length>\r?, parsed digit by digit as it arrives.
    private int lineLength;
    private long lineValue;
    private boolean lineNegative;
    private boolean lineLeadingZero;
    private boolean lineInvalid;
    private boolean lineSawCr;

    // The bulk body being filled.
    private int bulkLength;
    private int bodyFilled;   // counts the body and then its 2 trailing bytes

    // Garbage we avoid on the hot path: one argument array per small argument count, reused from command to command,
    // and the names of recent commands, so "GET" is not a new 3-byte array each time.
    private final byte[][][] reusedArrays = new byte[REUSED_ARRAY_MAX + 1][][];
    private byte[][] lastReturned;
    private final byte[] nameScratch = new byte[NAME_SCRATCH_BYTES];
    private final byte[][] nameCache; // may be shared by every parser on the loop thread (see the two-argument constructor)
    private boolean fillingName;

    // What the unfinished command costs us so far: every byte consumed for it, plus a fixed overhead per argument (its
    // array header and slot), so a flood of empty arguments counts too. Kept as a running total: the limit is checked
    // after every read, and summing the arguments each time would make a slow, huge command quadratic.
    private long commandBytes;
    private static final int ARGUMENT_OVERHEAD_BYTES = 24;

    // The inline line being collected, in its own small array: the read buffer is shared by every connection and is
    // cleared after each read, so nothing may stay in it between calls.
    private byte[] inline = new byte[0];
    private int inlineLength;
    private boolean inlineHasNul;

    /**
     * A parser that refuses bulk strings longer than {@code maxBulkBytes} ({@code proto-max-bulk-len}).
     *
     * @param maxBulkBytes the longest single argument accepted
     */
    public RequestParser(long maxBulkBytes) {
        this(maxBulkBytes, newNameCache());
    }

    /**
     * The same, interning command names in a table shared with other parsers on the same thread. The server gives all
     * its connections one table, so a connection costs no table of its own, and "GET" is one array for all of them.
     *
     * @param maxBulkBytes the longest single argument accepted
     * @param nameCache from {@link #newNameCache()}; only parsers used by one thread may share it
     */
    public RequestParser(long maxBulkBytes, byte[][] nameCache) {
        this.maxBulkBytes = maxBulkBytes;
        this.nameCache = nameCache;
    }

    /**
     * An empty table for interning command names.
     *
     * @return a table of 512 slots (a few hundred command names, in upper and lower case, rarely collide), to pass to
     *         {@link #RequestParser(long, byte[][])}
     */
    public static byte[][] newNameCache() {
        return new byte[512][];
    }

    /** A parser with Redis's default bulk limit, {@link Resp#DEFAULT_MAX_BULK_BYTES}. */
    public RequestParser() {
        this(Resp.DEFAULT_MAX_BULK_BYTES);
    }

    /**
     * Returns the next complete command in {@code in}, or null when {@code in} ends part-way through one (the partial
     * command is kept and completed by a later call). {@code in} must be a heap buffer in drain mode; its position
     * advances past every byte consumed.
     *
     * <p>The returned <em>array</em> belongs to the parser and is reused by a later call, so use it before calling
     * again; the argument arrays inside it are the caller's to keep (SET stores its value array as it is).
     *
     * @param in the received bytes, a heap buffer in drain mode
     * @return the command, name first, or null if no complete command is available yet
     * @throws ProtocolException if the bytes break the protocol or one of its limits; the connection must then close
     */
    public byte[][] next(ByteBuffer in) throws ProtocolException {
        if (lastReturned != null) {
            Arrays.fill(lastReturned, null); // don't keep the previous command's arguments alive
            lastReturned = null;
        }
        while (true) {
            switch (state) {
                case START -> {
                    if (!in.hasRemaining()) return null;
                    if (in.get(in.position()) == Resp.ARRAY) {
                        in.get();                   // *3\r\n...  ^ here: the '*' consumed, the count comes next
                        commandBytes = 1;
                        startLine(true);
                        state = State.ARRAY_HEADER;
                    } else {
                        state = State.INLINE;
                    }
                }
                case ARRAY_HEADER -> {
                    if (!readLine(in)) return null;
                    if (!readArrayHeader()) {                   // *0 and *-1 are no command: skipped, as Redis does
                        state = State.START;
                        commandBytes = 0;
                    }
                }
                case BULK_HEADER -> {
                    if (!readLine(in)) return null;
                    readBulkHeader();
                }
                case BULK_BODY -> {
                    if (!readBulkBody(in)) return null;
                    if (argsFilled == argCount) return takeCommand();
                    state = State.BULK_HEADER;
                    startLine(false);
                }
                case INLINE -> {
                    byte[][] command = readInline(in);
                    if (command == INCOMPLETE) return null;
                    state = State.START;
                    if (command.length > 0) return command;      // an empty line is skipped
                }
            }
        }
    }

    /**
     * While {@code authRequired} answers true, multibulk counts over 10 and bulk strings over 16 KB are protocol errors,
     * as in Redis. It is asked at each header, so it can follow the server's settings as they change.
     *
     * @param authRequired whether the connection still has to authenticate (the server's one auth predicate)
     */
    public void authRequired(BooleanSupplier authRequired) {
        this.authRequired = authRequired;
    }

    /**
     * True while a command has been started but not finished: there are bytes we hold on to.
     *
     * @return whether the parser is part-way through a command
     */
    public boolean midCommand() {
        return state != State.START;
    }

    /**
     * Bytes of the unfinished command held by the parser, for the query-buffer limit.
     *
     * @return the argument and inline bytes collected so far
     */
    public long bufferedBytes() {
        return commandBytes + inlineLength;
    }

    // ---- multibulk -----------------------------------------------------------------------------------------------

    // Validates *<count>; returns false for a count <= 0, which Redis silently skips.
    private boolean readArrayHeader() throws ProtocolException {
        // *3\r\n  ^ here: the whole line consumed
        if (!lineHoldsInteger() || lineNumber() > Resp.MAX_MULTIBULK_COUNT) {
            throw new ProtocolException("Protocol error: invalid multibulk length");
        }
        if (lineNumber() > 10 && authRequired.getAsBoolean()) {
            throw new ProtocolException("Protocol error: unauthenticated multibulk length");
        }
        if (lineNumber() <= 0) return false;
        argCount = (int) lineNumber();
        argsFilled = 0;
        if (argCount <= REUSED_ARRAY_MAX) {
            args = reusedArrays[argCount];
            if (args == null) args = reusedArrays[argCount] = new byte[argCount][];
        } else {
            args = new byte[Math.min(argCount, INITIAL_ARG_SLOTS)][];
        }
        state = State.BULK_HEADER;
        startLine(false);
        return true;
    }

    // Validates $<length> and allocates the argument's array.
    private void readBulkHeader() throws ProtocolException {
        // $3\r\nGET\r\n  ^ here: the length line consumed, the body comes next
        if (lineFirstByte != Resp.BULK_STRING) {
            throw new ProtocolException("Protocol error: expected '$', got '" + (char) (lineFirstByte & 0xff) + "'");
        }
        long length = lineNumber();
        if (!lineHoldsInteger() || length < 0 || length > maxBulkBytes || length > Integer.MAX_VALUE - 8) {
            throw new ProtocolException("Protocol error: invalid bulk length");
        }
        if (length > 16384 && authRequired.getAsBoolean()) throw new ProtocolException("Protocol error: unauthenticated bulk length");
        bulkLength = (int) length;
        bodyFilled = 0;
        if (argsFilled == args.length) args = Arrays.copyOf(args, (int) Math.min(argCount, 2L * args.length));
        // Copy once: the array we fill here becomes the argument, and often the stored value too. A huge announced
        // length gets a smaller array that grows as bytes actually arrive, so a header alone cannot reserve 512 MB.
        commandBytes += ARGUMENT_OVERHEAD_BYTES;
        fillingName = argsFilled == 0 && bulkLength <= NAME_SCRATCH_BYTES;
        args[argsFilled] = fillingName ? nameScratch : new byte[Math.min(bulkLength, EAGER_BODY_BYTES)];
        state = State.BULK_BODY;
    }

    // Copies what is available of the body; true once the body and the 2 bytes after it have been consumed.
    private boolean readBulkBody(ByteBuffer in) {
        byte[] body = args[argsFilled];
        if (bodyFilled < bulkLength) {
            int wanted = bulkLength - bodyFilled;
            int n = Math.min(wanted, in.remaining());
            if (bodyFilled + n > body.length) {
                body = Arrays.copyOf(body, (int) Math.min(bulkLength, Math.max(2L * body.length, bodyFilled + n)));
                args[argsFilled] = body;
            }
            in.get(body, bodyFilled, n);
            bodyFilled += n;
            commandBytes += n;
            if (bodyFilled < bulkLength) return false;
        }
        // Redis skips the two bytes after a body without checking that they are \r\n, and so do we.
        while (bodyFilled < bulkLength + 2) {
            if (!in.hasRemaining()) return false;
            in.get();
            bodyFilled++;
        }
        if (fillingName) {
            args[argsFilled] = internName(nameScratch, bulkLength);
            fillingName = false;
        }
        argsFilled++;
        return true;
    }

    private byte[][] takeCommand() {
        commandBytes = 0;
        byte[][] command = args;
        if (command.length <= REUSED_ARRAY_MAX) lastReturned = command;
        args = null;
        state = State.START;
        return command;
    }

    /**
     * The same array for the same name bytes: a client sends "SET" millions of times, and each would otherwise be a new
     * array. A small cache indexed by hash; a collision just replaces the entry. Names are never modified, so sharing is
     * safe, and the exact bytes (case included) are kept for error messages.
     */
    private byte[] internName(byte[] scratch, int length) {
        int h = length;
        for (int i = 0; i < length; i++) h = 31 * h + scratch[i];
        int slot = (h ^ (h >>> 16)) & (nameCache.length - 1);
        byte[] cached = nameCache[slot];
        if (cached != null && Arrays.equals(cached, 0, cached.length, scratch, 0, length)) return cached;
        return nameCache[slot] = Arrays.copyOf(scratch, length);
    }

    // ---- header lines: *<n>\r? and $<n>\r?, parsed as they arrive ----------------------------------------------------

    private byte lineFirstByte;

    // Prepares to read a header line. For *<count> the '*' was already consumed by START; for $<length> it was not.
    private void startLine(boolean typeByteConsumed) {
        lineFirstByte = Resp.ARRAY;
        lineLength = typeByteConsumed ? 0 : -1; // -1: the type byte has not been seen yet
        lineValue = 0;
        lineNegative = false;
        lineLeadingZero = false;
        lineInvalid = false;
        lineSawCr = false;
    }

    // The number on a complete header line, or null when string2ll would reject it.
    private boolean lineHoldsInteger() {
        if (lineInvalid || lineLength == 0) return false;
        return !(lineNegative && lineLength == 1); // a lone "-"
    }

    private long lineNumber() {
        return lineNegative ? -lineValue : lineValue;
    }

    /**
     * Consumes the header line up to and including the byte after its '\r' (Redis does not check that this byte is '\n').
     * Returns false if the line is not complete yet. The number is judged with string2ll's rules while the digits stream
     * past, so nothing is rescanned; the verdict is only acted on once the line is complete, as Redis does.
     */
    private boolean readLine(ByteBuffer in) throws ProtocolException {
        byte[] a = in.array();
        int p = in.arrayOffset() + in.position();
        int end = in.arrayOffset() + in.limit();
        try {
            while (p < end) {
                byte b = a[p++];
                if (lineSawCr) return true;
                if (lineLength < 0) {               // $3\r\n  ^ here: the type byte
                    lineFirstByte = b;
                    lineLength = 0;
                    // An empty line ("*1\r\n\r\n"): Redis finds the \r first and then rejects the type byte, \r.
                    if (b == Resp.CR) lineSawCr = true;
                    continue;
                }
                if (b == Resp.CR) {
                    lineSawCr = true;
                    continue;
                }
                if (++lineLength > Resp.MAX_INLINE_BYTES) {
                    throw new ProtocolException(lineFirstByte == Resp.ARRAY
                            ? "Protocol error: too big mbulk count string"
                            : "Protocol error: too big bulk count string");
                }
                acceptDigit(b);
            }
            return false;
        } finally {
            commandBytes += p - (in.arrayOffset() + in.position());
            in.position(p - in.arrayOffset());
        }
    }

    // One more byte of the number, judged with string2ll's rules.
    private void acceptDigit(byte b) {
        if (lineInvalid) return;
        if (lineLength == 1 && b == '-') {
            lineNegative = true;
            return;
        }
        if (b < '0' || b > '9') {
            lineInvalid = true;
            return;
        }
        boolean firstDigit = lineLength == 1 || (lineNegative && lineLength == 2);
        if (firstDigit) {
            if (b == '0') {
                if (lineNegative) lineInvalid = true; // "-0" is not an integer
                lineLeadingZero = true;
            }
        } else if (lineLeadingZero) {
            lineInvalid = true;                        // "01" is not an integer
            return;
        }
        if (lineValue > (Long.MAX_VALUE - 9) / 10) {
            lineInvalid = true;                        // far beyond any limit we accept
            return;
        }
        lineValue = lineValue * 10 + (b - '0');
    }

    // ---- inline commands -----------------------------------------------------------------------------------------

    private static final byte[][] INCOMPLETE = new byte[0][];
    private static final byte[][] EMPTY = new byte[0][];

    // Collects bytes up to '\n' into `inline`, then splits the line into arguments.
    private byte[][] readInline(ByteBuffer in) throws ProtocolException {
        byte[] a = in.array();
        int start = in.arrayOffset() + in.position();
        int end = in.arrayOffset() + in.limit();
        int newline = -1;
        for (int p = start; p < end; p++) {
            byte b = a[p];
            // Redis finds the end of an inline line with strchr, which stops at a NUL byte: a line containing one never
            // ends, and eventually trips the size limit. We reproduce that so both servers answer such input alike.
            if (b == 0) inlineHasNul = true;
            else if (b == Resp.LF && !inlineHasNul) {
                newline = p;
                break;
            }
        }
        int chunkEnd = newline < 0 ? end : newline;
        appendInline(a, start, chunkEnd - start);
        if (newline < 0) {
            in.position(end - in.arrayOffset());
            if (inlineLength > Resp.MAX_INLINE_BYTES) throw new ProtocolException("Protocol error: too big inline request");
            return INCOMPLETE;
        }
        in.position(newline + 1 - in.arrayOffset());  // GET foo\r\n  ^ here: the whole line consumed
        int length = inlineLength;
        if (length > 0 && inline[length - 1] == Resp.CR) length--;
        inlineLength = 0;
        inlineHasNul = false;
        byte[][] command = length == 0 ? EMPTY : InlineSplitter.split(inline, length);
        if (inline.length > 4096) inline = new byte[0]; // give back the room a long line needed
        return command;
    }

    private void appendInline(byte[] src, int from, int n) {
        if (inlineLength + n > inline.length) {
            inline = Arrays.copyOf(inline, Math.max(inlineLength + n, Math.max(64, inline.length * 2)));
        }
        System.arraycopy(src, from, inline, inlineLength, n);
        inlineLength += n;
    }
}
