package dev.miniredis.command;

import java.util.Locale;

/**
 * Redis 7.0's command flags, declared in the order COMMAND INFO lists them. A {@link CommandSpec} holds its flags as an
 * {@link java.util.EnumSet}, whose iteration order is this declaration order, so the reply comes out in Redis's order
 * without sorting.
 *
 * <p>Most flags are only reported here: there are no scripts, replicas, modules or memory limits to apply them to. The
 * ones the server acts on are {@link #NO_AUTH} (runs before AUTH) and, through the ACL categories they imply,
 * {@link #WRITE}, {@link #READONLY}, {@link #ADMIN}, {@link #PUBSUB}, {@link #FAST} and {@link #BLOCKING}. Redis keeps
 * four flags to itself ({@link #MAY_REPLICATE}, {@link #SENTINEL}, {@link #ONLY_SENTINEL} and {@link #PROTECTED}); so
 * do we: {@link #reported()} is false for them.
 */
public enum Flag {
    /** May change the keyspace. */
    WRITE,
    /** Reads the keyspace and never changes it. */
    READONLY,
    /** May use more memory: refused when the memory limit is reached. */
    DENYOOM,
    /** Implemented by a module. */
    MODULE,
    /** Administrative: implies the {@code @admin} and {@code @dangerous} ACL categories. */
    ADMIN,
    /** A pub/sub command. */
    PUBSUB,
    /** Not allowed inside a script. */
    NOSCRIPT,
    /** May block the client until something happens. */
    BLOCKING,
    /** Allowed while the server loads its data set. */
    LOADING,
    /** Allowed on a replica whose data is stale. */
    STALE,
    /** Not shown to MONITOR clients. */
    SKIP_MONITOR,
    /** Never recorded in the slow log. */
    SKIP_SLOWLOG,
    /** Allowed on a cluster slot being imported, after ASKING. */
    ASKING,
    /** Takes constant or logarithmic time: never holds the server up. */
    FAST,
    /** Allowed before the connection authenticates (AUTH, HELLO, QUIT, RESET). */
    NO_AUTH,
    /** May replicate even though it does not write (PUBLISH). Not reported, as in Redis. */
    MAY_REPLICATE(false),
    /** Also available in Sentinel mode. Not reported, as in Redis. */
    SENTINEL(false),
    /** Available only in Sentinel mode. Not reported, as in Redis. */
    ONLY_SENTINEL(false),
    /** May be called without any key even though it takes keys. */
    NO_MANDATORY_KEYS,
    /** Refused unless enabled in the configuration (DEBUG, MODULE). Not reported, as in Redis. */
    PROTECTED(false),
    /** Refused while a replica loads its data in the background. */
    NO_ASYNC_LOADING,
    /** Not allowed inside MULTI. */
    NO_MULTI,
    /** The key positions cannot be told from first, last and step alone. */
    MOVABLEKEYS,
    /** Allowed while a script or function is running too long. */
    ALLOW_BUSY;

    private final String wireName;
    private final boolean reported;

    Flag() {
        this(true);
    }

    Flag(boolean reported) {
        this.wireName = name().toLowerCase(Locale.ROOT);
        this.reported = reported;
    }

    /**
     * The flag as COMMAND INFO spells it.
     *
     * @return the lower-case name, such as {@code no_auth}
     */
    public String wireName() {
        return wireName;
    }

    /**
     * Whether COMMAND INFO lists this flag; Redis hides a few that only its own code reads.
     *
     * @return false for {@link #MAY_REPLICATE}, {@link #SENTINEL}, {@link #ONLY_SENTINEL} and {@link #PROTECTED}
     */
    public boolean reported() {
        return reported;
    }
}
