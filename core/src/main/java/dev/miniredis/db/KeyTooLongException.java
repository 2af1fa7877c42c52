package dev.miniredis.db;

/**
 * A key longer than a record can hold ({@link Db#maxKeyBytes}, a little under 8 MiB with the default pages). Redis
 * accepts keys up to {@code proto-max-bulk-len} (512 MB); the store keeps a key inside one record, and a record inside one
 * page, so it refuses longer ones. The command table turns this into an error reply, so the client stays connected.
 */
public final class KeyTooLongException extends RuntimeException {
    /**
     * @param keyBytes the key's length
     * @param maxKeyBytes the longest key the store holds
     */
    public KeyTooLongException(int keyBytes, int maxKeyBytes) {
        // No stack trace: this is a reply, not a bug.
        super("ERR key of " + keyBytes + " bytes is longer than the " + maxKeyBytes + " bytes a key may have here",
                null, false, false);
    }
}
