package dev.miniredis.command;

import java.util.Locale;

/**
 * Redis's ACL categories, declared in the order COMMAND INFO lists them. A command's categories come from two places,
 * as in Redis: the ones its spec names ({@link CommandSpec#categories(Category...)}: {@code @string}, {@code @keyspace},
 * {@code @dangerous}, ...) and the ones its flags imply ({@code write} gives {@code @write}, {@code fast} gives
 * {@code @fast}, and a command that is not fast is {@code @slow}); {@link CommandSpec#categories()} joins them.
 *
 * <p>There are no ACL users here, so nothing is refused by category; COMMAND INFO reports them and
 * {@code COMMAND LIST FILTERBY ACLCAT} filters by them.
 */
public enum Category {
    /** Works on keys whatever their type. */
    KEYSPACE,
    /** Reads keys. */
    READ,
    /** Writes keys. */
    WRITE,
    /** Set commands. */
    SET,
    /** Sorted set commands. */
    SORTEDSET,
    /** List commands. */
    LIST,
    /** Hash commands. */
    HASH,
    /** String commands. */
    STRING,
    /** Bitmap commands. */
    BITMAP,
    /** HyperLogLog commands. */
    HYPERLOGLOG,
    /** Geospatial commands. */
    GEO,
    /** Stream commands. */
    STREAM,
    /** Pub/sub commands. */
    PUBSUB,
    /** Administrative commands. */
    ADMIN,
    /** Commands that take constant or logarithmic time. */
    FAST,
    /** Every command that is not fast. */
    SLOW,
    /** Commands that may block the client. */
    BLOCKING,
    /** Commands that can hurt the server when misused (KEYS, FLUSHALL, CONFIG SET, ...). */
    DANGEROUS,
    /** Commands about the connection itself. */
    CONNECTION,
    /** MULTI, EXEC and friends. */
    TRANSACTION,
    /** Scripts and functions. */
    SCRIPTING;

    private final String wireName;

    Category() {
        this.wireName = "@" + name().toLowerCase(Locale.ROOT);
    }

    /**
     * The category as COMMAND INFO spells it.
     *
     * @return the lower-case name after an {@code @}, such as {@code @keyspace}
     */
    public String wireName() {
        return wireName;
    }
}
