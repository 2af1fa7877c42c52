package dev.miniredis.protocol;

/**
 * Something that can copy a stored value straight into a reply: the keyspace implements it, so GET writes the bulk
 * header and then lets the store fill the next {@code length} bytes of the write buffer's array, with no {@code byte[]}
 * in between (see {@link RespWriter#bulk(BulkSource, long, int)}).
 *
 * <p>The interface lives here, not in {@code db}, so that {@code protocol} keeps depending on nothing: the writer only
 * knows "someone who can copy {@code length} bytes named by a {@code long}".
 */
public interface BulkSource {
    /**
     * Copies the whole value named by {@code handle} into {@code dst}.
     *
     * @param handle what the source uses to find the value (the keyspace: a record's address)
     * @param dst the write buffer's array
     * @param offset the first index written
     * @param length the value's length, as the caller learned it from the source
     */
    void copyValue(long handle, byte[] dst, int offset, int length);
}
