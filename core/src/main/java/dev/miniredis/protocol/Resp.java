package dev.miniredis.protocol;

import java.nio.charset.StandardCharsets;

/**
 * Constants of the RESP wire format: the type bytes, the limits Redis applies while reading, and replies that never change
 * and are therefore encoded once, at class-load time, and copied into write buffers as they are.
 */
public final class Resp {
    private Resp() {
    }

    // RESP2 type bytes: the first byte of every frame says what follows.
    /** {@code +OK\r\n}: a short text without CR or LF. */
    public static final byte SIMPLE_STRING = '+';
    /** {@code -ERR message\r\n}: an error reply, code first. */
    public static final byte ERROR = '-';
    /** {@code :42\r\n}: a signed 64-bit integer. */
    public static final byte INTEGER = ':';
    /** {@code $5\r\nhello\r\n}: a length, then that many binary bytes; {@code $-1} is RESP2's null. */
    public static final byte BULK_STRING = '$';
    /** {@code *2\r\n...}: a count, then that many frames; {@code *-1} is RESP2's null array. */
    public static final byte ARRAY = '*';
    // RESP3 adds these; a connection sees them only after HELLO 3.
    /** {@code _\r\n}: RESP3's one null, for strings and arrays alike. */
    public static final byte NULL = '_';
    /** {@code #t\r\n} or {@code #f\r\n}. */
    public static final byte BOOLEAN = '#';
    /** {@code ,3.14\r\n}: a floating-point number in text. */
    public static final byte DOUBLE = ',';
    /** {@code (12345678901234567890\r\n}: an integer beyond 64 bits. */
    public static final byte BIG_NUMBER = '(';
    /** {@code !<length>\r\n<bytes>\r\n}: an error whose message may contain CR or LF. */
    public static final byte BULK_ERROR = '!';
    /** {@code =<length>\r\ntxt:<text>\r\n}: a bulk string with a three-letter format, such as INFO's text. */
    public static final byte VERBATIM_STRING = '=';
    /** {@code %<pairs>\r\n}, then a key frame and a value frame per pair. */
    public static final byte MAP = '%';
    /** {@code ~<count>\r\n}: like an array, but unordered and without duplicates. */
    public static final byte SET = '~';
    /** {@code ><count>\r\n}: an out-of-band frame, such as a pub/sub message, that answers no request. */
    public static final byte PUSH = '>';

    /** Carriage return: every line of the protocol ends with CR LF. */
    public static final byte CR = '\r';
    /** Line feed, the second byte of a line ending. */
    public static final byte LF = '\n';

    /** Redis's {@code proto-max-bulk-len} default: one argument may be at most 512 MB. */
    public static final long DEFAULT_MAX_BULK_BYTES = 512L * 1024 * 1024;
    /** Redis 7.0 accepts a multibulk count up to INT_MAX; what protects memory is that we never pre-size for it. */
    public static final long MAX_MULTIBULK_COUNT = Integer.MAX_VALUE;
    /** Redis's PROTO_INLINE_MAX_SIZE: an inline command, or a {@code *}/{@code $} header line, may be at most 64 KB. */
    public static final int MAX_INLINE_BYTES = 64 * 1024;

    // Pre-encoded replies. Writing one is a single array copy.
    /** {@code +OK}, the reply of SET and other commands that only confirm. */
    public static final byte[] OK = ascii("+OK\r\n");
    /** {@code +PONG}, PING's reply. */
    public static final byte[] PONG = ascii("+PONG\r\n");
    /** {@code +QUEUED}, Redis's reply to a command queued inside MULTI (not implemented here). */
    public static final byte[] QUEUED = ascii("+QUEUED\r\n");
    /** RESP2's null bulk string: GET of a missing key. */
    public static final byte[] NULL_BULK = ascii("$-1\r\n");
    /** RESP2's null array. */
    public static final byte[] NULL_ARRAY = ascii("*-1\r\n");
    /** RESP3's null, which replaces both RESP2 nulls. */
    public static final byte[] RESP3_NULL = ascii("_\r\n");
    /** The integer 0. */
    public static final byte[] ZERO = ascii(":0\r\n");
    /** The integer 1. */
    public static final byte[] ONE = ascii(":1\r\n");
    /** An array with no elements. */
    public static final byte[] EMPTY_ARRAY = ascii("*0\r\n");
    /** RESP3's true. */
    public static final byte[] RESP3_TRUE = ascii("#t\r\n");
    /** RESP3's false. */
    public static final byte[] RESP3_FALSE = ascii("#f\r\n");
    /** The line ending that closes every header and every bulk body. */
    public static final byte[] CRLF = ascii("\r\n");

    /**
     * Encodes text that is known to be ASCII (command names, constant replies). Never used for keys or values.
     *
     * @param s ASCII text
     * @return its bytes, one per character
     */
    public static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
