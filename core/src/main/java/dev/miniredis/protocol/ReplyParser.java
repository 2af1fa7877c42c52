package dev.miniredis.protocol;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The client side's parser: turns reply bytes into Java values, resuming wherever the bytes ran out, like
 * {@link RequestParser} on the server side. Replies can be any RESP2 or RESP3 type and nest, so the partial state is a
 * stack of the aggregates still being filled.
 *
 * <p>Decoded as: simple string → {@code String}; error → {@link RespError}; integer → {@code Long}; bulk string →
 * {@code byte[]}; null bulk, null array and RESP3 null → {@code null}; array and set → {@code List<Object>}; map →
 * {@code Map<Object, Object>} (bulk-string keys become {@code String}s); boolean → {@code Boolean}; double →
 * {@code Double}; big number → {@code BigInteger}; verbatim string → {@code byte[]} without its format prefix; push →
 * {@link Push}. RESP3 attributes are read and dropped.
 *
 * <p>{@link #next} returns {@link #INCOMPLETE} (not null: null is a valid reply) until a whole top-level reply arrived.
 */
public final class ReplyParser {
    /** Returned by {@link #next} while a reply is still incomplete. */
    public static final Object INCOMPLETE = new Object() {
        @Override
        public String toString() {
            return "INCOMPLETE";
        }
    };

    private final long maxBulkBytes;

    // A line being collected: the type byte is line[0].
    private byte[] line = new byte[64];
    private int lineLength;

    // A bulk body being collected.
    private byte[] body;
    private int bodyFilled = -1; // -1: not in a body
    private byte bodyType;

    // Aggregates still being filled, innermost last.
    private final List<Frame> stack = new ArrayList<>();

    private static final class Frame {
        final byte type;
        final List<Object> items;
        final long expected;

        Frame(byte type, long expected) {
            this.type = type;
            this.expected = expected;
            this.items = new ArrayList<>((int) Math.min(expected, 1024));
        }
    }

    /**
     * A parser that refuses bulk replies longer than {@code maxBulkBytes}.
     *
     * @param maxBulkBytes the longest bulk string, bulk error or verbatim string accepted
     */
    public ReplyParser(long maxBulkBytes) {
        this.maxBulkBytes = maxBulkBytes;
    }

    /** A parser with Redis's default bulk limit, {@link Resp#DEFAULT_MAX_BULK_BYTES}. */
    public ReplyParser() {
        this(Resp.DEFAULT_MAX_BULK_BYTES);
    }

    /**
     * The next complete reply in {@code in}, or {@link #INCOMPLETE}. {@code in} is in drain mode.
     *
     * @param in the received bytes; its position advances past every byte consumed, and when the result is
     *           {@link #INCOMPLETE} every byte has been consumed and kept
     * @return the decoded reply (which may be null), or {@link #INCOMPLETE}
     * @throws ProtocolException if the bytes are not valid RESP or a line or bulk is over its limit
     */
    public Object next(ByteBuffer in) throws ProtocolException {
        while (true) {
            Object value;
            if (bodyFilled >= 0) {
                value = readBody(in);
                if (value == INCOMPLETE) return INCOMPLETE;   // every available byte went into the body
            } else {
                if (!readLine(in)) return INCOMPLETE;
                value = interpretLine();
                if (value == INCOMPLETE) continue;            // an aggregate or a body was opened
            }
            // A complete value: attach it to the innermost aggregate, closing every aggregate it completes.
            while (value != SKIP) {
                if (stack.isEmpty()) return value;
                Frame top = stack.get(stack.size() - 1);
                top.items.add(value);
                if (top.items.size() < top.expected) break;
                stack.remove(stack.size() - 1);
                value = close(top);
            }
        }
    }

    // An attribute frame: read, then dropped instead of being attached anywhere.
    private static final Object SKIP = new Object();

    private boolean readLine(ByteBuffer in) throws ProtocolException {
        while (in.hasRemaining()) {
            byte b = in.get();
            if (b == Resp.LF && lineLength > 0 && line[lineLength - 1] == Resp.CR) {
                lineLength--;
                return true;
            }
            if (lineLength == line.length) {
                if (lineLength >= Resp.MAX_INLINE_BYTES) throw new ProtocolException("reply line too long");
                line = Arrays.copyOf(line, line.length * 2);
            }
            line[lineLength++] = b;
        }
        return false;
    }

    // Turns a complete line into a value, or opens an aggregate / a body and returns INCOMPLETE.
    private Object interpretLine() throws ProtocolException {
        if (lineLength == 0) throw new ProtocolException("empty reply line");
        byte type = line[0];
        String text = new String(line, 1, lineLength - 1, StandardCharsets.UTF_8);
        lineLength = 0;
        switch (type) {
            case Resp.SIMPLE_STRING:
                return text;
            case Resp.ERROR:
                return new RespError(text);
            case Resp.INTEGER:
                return parseLong(text);
            case Resp.NULL:
                return null;
            case Resp.BOOLEAN:
                return "t".equals(text);
            case Resp.DOUBLE:
                return switch (text) {
                    case "inf" -> Double.POSITIVE_INFINITY;
                    case "-inf" -> Double.NEGATIVE_INFINITY;
                    case "nan" -> Double.NaN;
                    default -> Double.parseDouble(text);
                };
            case Resp.BIG_NUMBER:
                return new BigInteger(text);
            case Resp.BULK_STRING, Resp.BULK_ERROR, Resp.VERBATIM_STRING: {
                long length = parseLong(text);
                if (length < 0) return null;
                if (length > maxBulkBytes) throw new ProtocolException("bulk reply over " + maxBulkBytes + " bytes");
                body = new byte[(int) length];
                bodyFilled = 0;
                bodyType = type;
                return INCOMPLETE;
            }
            case Resp.ARRAY, Resp.SET, Resp.PUSH, Resp.MAP, '|': {
                long count = parseLong(text);
                if (count < 0) return null;
                long elements = (type == Resp.MAP || type == '|') ? count * 2 : count;
                Frame frame = new Frame(type, elements);
                if (elements == 0) return close(frame);
                stack.add(frame);
                return INCOMPLETE;
            }
            default:
                throw new ProtocolException("unexpected reply type byte '" + (char) type + "'");
        }
    }

    private Object readBody(ByteBuffer in) {
        int n = Math.min(in.remaining(), body.length + 2 - bodyFilled);
        int toBody = Math.max(0, Math.min(n, body.length - bodyFilled)); // 0 once only the trailing \r\n is left
        if (toBody > 0) in.get(body, bodyFilled, toBody);
        for (int i = toBody; i < n; i++) in.get(); // the trailing \r\n
        bodyFilled += n;
        if (bodyFilled < body.length + 2) return INCOMPLETE;
        bodyFilled = -1;
        byte[] value = body;
        body = null;
        if (bodyType == Resp.BULK_ERROR) return new RespError(new String(value, StandardCharsets.UTF_8));
        if (bodyType == Resp.VERBATIM_STRING && value.length >= 4) return Arrays.copyOfRange(value, 4, value.length);
        return value;
    }

    private Object close(Frame frame) {
        return switch (frame.type) {
            case Resp.PUSH -> new Push(frame.items);
            case Resp.MAP -> {
                Map<Object, Object> map = new LinkedHashMap<>();
                for (int i = 0; i < frame.items.size(); i += 2) {
                    Object key = frame.items.get(i);
                    map.put(key instanceof byte[] b ? new String(b, StandardCharsets.UTF_8) : key, frame.items.get(i + 1));
                }
                yield map;
            }
            case '|' -> SKIP;
            default -> frame.items;
        };
    }

    private static long parseLong(String text) throws ProtocolException {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new ProtocolException("invalid number in reply: " + text);
        }
    }
}
