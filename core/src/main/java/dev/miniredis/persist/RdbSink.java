package dev.miniredis.persist;

import java.util.List;

/**
 * Where {@link RdbReader} hands what it reads, in file order: the AUX fields, then for each database its number and
 * its keys. A loader implements it to fill a keyspace; a test implements it to build a model; the guide's example
 * prints. The reader builds nothing of its own.
 *
 * <p>Keys and values are fresh arrays the sink may keep. A key's deadline is in epoch milliseconds, or
 * {@link #NO_DEADLINE}. The reader passes keys whose deadline has passed as they are: dropping them (as a Redis
 * primary does when it loads) is the loader's decision, which knows the time.
 *
 * <p>{@link #idle} and {@link #freq} come, when the file has them, just before the key they belong to.
 */
public interface RdbSink {
    /** The deadline of a key that has none; the same value as the store's. */
    long NO_DEADLINE = Long.MAX_VALUE;

    /**
     * An AUX field: {@code redis-ver}, {@code redis-bits}, {@code ctime}, {@code used-mem}, {@code aof-base}, and others
     * Redis may add ({@code repl-id}, {@code repl-offset}, ...). Ignored by default.
     *
     * @param name the field's name
     * @param value its value, integers as decimal bytes
     */
    default void aux(byte[] name, byte[] value) {
    }

    /**
     * The keys that follow belong to database {@code index}.
     *
     * @param index the database number, 0 and up
     */
    void startDatabase(int index);

    /**
     * The sizes Redis noted for the current database, a hint for preallocating. Ignored by default.
     *
     * @param keys keys in the database
     * @param keysWithDeadline keys with a deadline
     */
    default void resizeHint(long keys, long keysWithDeadline) {
    }

    /**
     * The next key's LRU idle time (files saved under an LRU maxmemory policy). Ignored by default.
     *
     * @param seconds idle time in seconds
     */
    default void idle(long seconds) {
    }

    /**
     * The next key's LFU counter (files saved under an LFU maxmemory policy). Ignored by default.
     *
     * @param counter the logarithmic access counter, 0 to 255
     */
    default void freq(int counter) {
    }

    /**
     * The RDB type byte of the key that follows, for tools that show how each value was encoded (see
     * {@link Rdb#typeName}). Ignored by default: a loader re-encodes values by its own rules anyway.
     *
     * @param rdbType one of the {@code Rdb.TYPE_*} values
     */
    default void valueType(int rdbType) {
    }

    /**
     * A string key.
     *
     * @param key the key
     * @param value its value, integers as decimal bytes
     * @param deadlineMillis epoch milliseconds, or {@link #NO_DEADLINE}
     */
    void string(byte[] key, byte[] value, long deadlineMillis);

    /**
     * A list key.
     *
     * @param key the key
     * @param elements head to tail
     * @param deadlineMillis epoch milliseconds, or {@link #NO_DEADLINE}
     */
    void list(byte[] key, List<byte[]> elements, long deadlineMillis);

    /**
     * A set key.
     *
     * @param key the key
     * @param members in the file's order
     * @param deadlineMillis epoch milliseconds, or {@link #NO_DEADLINE}
     */
    void set(byte[] key, List<byte[]> members, long deadlineMillis);

    /**
     * A hash key.
     *
     * @param key the key
     * @param entries fields and values in the file's order
     * @param deadlineMillis epoch milliseconds, or {@link #NO_DEADLINE}
     */
    void hash(byte[] key, List<FieldValue> entries, long deadlineMillis);

    /**
     * A sorted-set key.
     *
     * @param key the key
     * @param members members and scores in the file's order
     * @param deadlineMillis epoch milliseconds, or {@link #NO_DEADLINE}
     */
    void zset(byte[] key, List<ScoredMember> members, long deadlineMillis);

    /**
     * A function library (Redis 7.0's FUNCTION LOAD), its source code as saved. This server has no functions, so the
     * default refuses the file rather than load it without them.
     *
     * @param code the library's source, starting with its {@code #!lua name=...} line
     * @throws RdbException unless a sink overrides this to accept libraries
     */
    default void function(byte[] code) throws RdbException {
        throw new RdbException("the RDB file holds a function library (FUNCTION2), and functions are not supported: "
                + new String(code, 0, Math.min(code.length, 60), java.nio.charset.StandardCharsets.UTF_8)
                .lines().findFirst().orElse(""));
    }

    /**
     * The end of the file: every key has been handed over and the checksum matched (or was 0: not computed).
     *
     * @param checksum the CRC-64 the file ends with
     */
    default void end(long checksum) {
    }
}
