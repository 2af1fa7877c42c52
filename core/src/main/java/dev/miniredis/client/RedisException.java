package dev.miniredis.client;

/**
 * The server answered with an error reply, such as {@code ERR syntax error} or {@code WRONGTYPE ...}. The connection is
 * still usable. (A lost or timed-out connection is an {@link java.io.IOException} instead.)
 */
public final class RedisException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Wraps an error reply.
     *
     * @param message the error reply's text, code first, e.g. {@code ERR unknown command}
     */
    public RedisException(String message) {
        super(message);
    }

    /**
     * The error code: the first word of the message ({@code ERR}, {@code WRONGTYPE}, {@code NOAUTH}, ...).
     *
     * @return the code, or the whole message if it is a single word
     */
    public String code() {
        String m = getMessage();
        int space = m.indexOf(' ');
        return space < 0 ? m : m.substring(0, space);
    }
}
