package dev.miniredis.protocol;

/**
 * The peer broke the RESP protocol: a malformed length, a missing {@code $}, a line or count over its limit.
 *
 * <p>The message is the exact text Redis sends back, for example {@code Protocol error: invalid bulk length}. The server
 * answers it as an error reply and then closes the connection, because after a framing error it can no longer tell where
 * the next command starts. Ordinary client mistakes (unknown command, wrong arity) are not protocol errors: they get an
 * error reply and the connection stays open.
 */
public final class ProtocolException extends Exception {
    private static final long serialVersionUID = 1L;

    /** @param message the text after the {@code -ERR } prefix, exactly as Redis words it */
    public ProtocolException(String message) {
        super(message, null, false, false); // no stack trace: this is an expected outcome, not a bug
    }
}
