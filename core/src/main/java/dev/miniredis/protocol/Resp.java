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
    public static final byte SIMPLE_STRING = '+';
    public static final byte ERROR = '-';
    public static final byte INTEGER = ':';
    public static final byte BULK_STRING = '$';
    public static final byte ARRAY = '*';
    // RESP3 adds these; a connection sees them only after HELLO 3.
    public static final byte NULL = '_';
    public static final byte BOOLEAN = '#';
    public static final byte DOUBLE = ',';
    public static final byte BIG_NUMBER = '(';
    public static final byte BULK_ERROR = '!';
    public static final byte VERBATIM_STRING = '=';
    public static final byte MAP = '%';
    public static final byte SET = '~';
    public static final byte PUSH = '>';

    public static final byte CR = '\r';
    public static final byte LF = '\n';

    /** Redis's {@code proto-max-bulk-len} default: one argument may be at most 512 MB. */
    public static final long DEFAULT_MAX_BULK_BYTES = 512L * 1024 * 1024;
    /** Redis 7.0 accepts a multibulk count up to INT_MAX; what protects memory is that we never pre-size for it. */
    public static final long MAX_MULTIBULK_COUNT = Integer.MAX_VALUE;
    /** Redis's PROTO_INLINE_MAX_SIZE: an inline command, or a {@code *}/{@code $} header line, may be at most 64 KB. */
    public static final int MAX_INLINE_BYTES = 64 * 1024;

    // Pre-encoded replies. Writing one is a single array copy.
    public static final byte[] OK = ascii("+OK\r\n");
    public static final byte[] PONG = ascii("+PONG\r\n");
    public static final byte[] QUEUED = ascii("+QUEUED\r\n");
    public static final byte[] NULL_BULK = ascii("$-1\r\n");
    public static final byte[] NULL_ARRAY = ascii("*-1\r\n");
    public static final byte[] RESP3_NULL = ascii("_\r\n");
    public static final byte[] ZERO = ascii(":0\r\n");
    public static final byte[] ONE = ascii(":1\r\n");
    public static final byte[] EMPTY_ARRAY = ascii("*0\r\n");
    public static final byte[] RESP3_TRUE = ascii("#t\r\n");
    public static final byte[] RESP3_FALSE = ascii("#f\r\n");
    public static final byte[] CRLF = ascii("\r\n");

    /** Encodes text that is known to be ASCII (command names, constant replies). Never used for keys or values. */
    public static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
