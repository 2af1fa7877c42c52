package dev.miniredis.persist;

import java.io.IOException;

/**
 * An RDB file that cannot be read: truncated, corrupt, a checksum that does not match, or a type this reader does not
 * load (modules, streams). The message says what and where ({@code "at byte 1234"}), so a log line is enough to find it.
 */
public final class RdbException extends IOException {
    private static final long serialVersionUID = 1L;

    /**
     * A failure with its explanation.
     *
     * @param message what is wrong, and where
     */
    public RdbException(String message) {
        super(message);
    }
}
