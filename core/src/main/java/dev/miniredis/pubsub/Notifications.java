package dev.miniredis.pubsub;

import java.nio.charset.StandardCharsets;

/**
 * Keyspace notifications: Redis's {@code notify-keyspace-events}. When enabled, every change to a key is published,
 * through the ordinary pub/sub fan-out, on two channels:
 * <pre>
 *   __keyspace@&lt;db&gt;__:&lt;key&gt;      message: the event's name ("set", "del", "lpush", "expired", ...)
 *   __keyevent@&lt;db&gt;__:&lt;event&gt;    message: the key
 * </pre>
 * so a cache can subscribe to {@code __keyevent@0__:del} (or a pattern) and drop its copies of deleted keys.
 *
 * <p>The setting is a string of class letters: K (the keyspace channel) and E (the keyevent channel) choose the
 * channels; g (generic: del, expire, rename...), $ (strings), l, s, h, z (lists, sets, hashes, sorted sets), x
 * (expired), e (evicted), t (streams), d (modules), m (key misses) and n (new keys) choose the events; A is
 * {@code g$lshzxetd}. With nothing enabled, the default, {@link #notify} costs one test of an int.
 *
 * <p>The commands call {@link #notify} with their event names, after their change, in Redis's order; the keyspace
 * itself reports {@code new}, {@code expired} and {@code evicted} (see {@code Db.notifications}). Loop thread only.
 */
public final class Notifications {
    /** K: publish on {@code __keyspace@<db>__:<key>}. */
    public static final int KEYSPACE = 1;
    /** E: publish on {@code __keyevent@<db>__:<event>}. */
    public static final int KEYEVENT = 1 << 1;
    /** g: generic commands (DEL, EXPIRE, RENAME, ...). */
    public static final int GENERIC = 1 << 2;
    /** $: string commands. */
    public static final int STRING = 1 << 3;
    /** l: list commands. */
    public static final int LIST = 1 << 4;
    /** s: set commands. */
    public static final int SET = 1 << 5;
    /** h: hash commands. */
    public static final int HASH = 1 << 6;
    /** z: sorted set commands. */
    public static final int ZSET = 1 << 7;
    /** x: a key expired. */
    public static final int EXPIRED = 1 << 8;
    /** e: a key was evicted under maxmemory. */
    public static final int EVICTED = 1 << 9;
    /** t: stream commands. */
    public static final int STREAM = 1 << 10;
    /** m: a read found no key (not part of A). */
    public static final int KEY_MISS = 1 << 11;
    /** d: module events. */
    public static final int MODULE = 1 << 12;
    /** n: a key came into being (not part of A). */
    public static final int NEW = 1 << 13;
    /** A: every class but m and n. */
    public static final int ALL = GENERIC | STRING | LIST | SET | HASH | ZSET | EXPIRED | EVICTED | STREAM | MODULE;

    private static final byte[] KEYSPACE_PREFIX = "__keyspace@".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] KEYEVENT_PREFIX = "__keyevent@".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SUFFIX = "__:".getBytes(StandardCharsets.US_ASCII);

    private final PubSub pubsub;
    private int flags;

    /**
     * Notifications published through {@code pubsub}; none enabled.
     *
     * @param pubsub where they are published
     */
    public Notifications(PubSub pubsub) {
        this.pubsub = pubsub;
    }

    /**
     * Whether events of this class are published now: a command that must do work to name its event (or the keyspace,
     * to copy a key out of its record) asks first.
     *
     * @param type one class constant
     * @return true if enabled (and at least one of K and E is)
     */
    public boolean wants(int type) {
        return (flags & type) != 0 && (flags & (KEYSPACE | KEYEVENT)) != 0;
    }

    /**
     * Publishes one event, if its class is enabled: Redis's {@code notifyKeyspaceEvent}.
     *
     * @param type the event's class, one constant
     * @param event the event's name, as Redis names it ("set", "lpush", ...)
     * @param key holds the key's bytes from index 0
     * @param keyLength how many
     * @param db the database's number
     */
    public void notify(int type, String event, byte[] key, int keyLength, int db) {
        if ((flags & type) == 0) return;
        byte[] name = event.getBytes(StandardCharsets.US_ASCII);
        byte[] dbDigits = Integer.toString(db).getBytes(StandardCharsets.US_ASCII);
        if ((flags & KEYSPACE) != 0) {
            pubsub.publish(channel(KEYSPACE_PREFIX, dbDigits, key, keyLength), name);
        }
        if ((flags & KEYEVENT) != 0) {
            byte[] k = keyLength == key.length ? key : java.util.Arrays.copyOf(key, keyLength);
            pubsub.publish(channel(KEYEVENT_PREFIX, dbDigits, name, name.length), k);
        }
    }

    private static byte[] channel(byte[] prefix, byte[] db, byte[] tail, int tailLength) {
        byte[] c = new byte[prefix.length + db.length + SUFFIX.length + tailLength];
        System.arraycopy(prefix, 0, c, 0, prefix.length);
        System.arraycopy(db, 0, c, prefix.length, db.length);
        System.arraycopy(SUFFIX, 0, c, prefix.length + db.length, SUFFIX.length);
        System.arraycopy(tail, 0, c, prefix.length + db.length + SUFFIX.length, tailLength);
        return c;
    }

    /** @return the enabled classes, as bits */
    public int flags() {
        return flags;
    }

    /**
     * CONFIG SET notify-keyspace-events.
     *
     * @param classes the class letters
     * @return null if set, else Redis's error text
     */
    public String set(String classes) {
        int parsed = parse(classes);
        if (parsed < 0) return "Invalid event class character. Use 'Ag$lshzxeKEtmdn'.";
        flags = parsed;
        return null;
    }

    /**
     * The class letters as CONFIG GET prints them (Redis's {@code keyspaceEventsFlagsToString}).
     *
     * @return e.g. {@code "AKE"}, {@code "gK"}, or empty
     */
    public String get() {
        StringBuilder b = new StringBuilder();
        if ((flags & ALL) == ALL) {
            b.append('A');
        } else {
            String letters = "g$lshzxetdn";
            int[] bits = {GENERIC, STRING, LIST, SET, HASH, ZSET, EXPIRED, EVICTED, STREAM, MODULE, NEW};
            for (int i = 0; i < bits.length; i++) if ((flags & bits[i]) != 0) b.append(letters.charAt(i));
        }
        if ((flags & KEYSPACE) != 0) b.append('K');
        if ((flags & KEYEVENT) != 0) b.append('E');
        if ((flags & KEY_MISS) != 0) b.append('m');
        return b.toString();
    }

    /**
     * The bits of a class-letter string, or -1 if it holds a letter Redis does not know.
     *
     * @param classes the letters
     * @return the bits, or -1
     */
    static int parse(String classes) {
        int f = 0;
        for (int i = 0; i < classes.length(); i++) {
            f |= switch (classes.charAt(i)) {
                case 'A' -> ALL;
                case 'g' -> GENERIC;
                case '$' -> STRING;
                case 'l' -> LIST;
                case 's' -> SET;
                case 'h' -> HASH;
                case 'z' -> ZSET;
                case 'x' -> EXPIRED;
                case 'e' -> EVICTED;
                case 'K' -> KEYSPACE;
                case 'E' -> KEYEVENT;
                case 't' -> STREAM;
                case 'm' -> KEY_MISS;
                case 'd' -> MODULE;
                case 'n' -> NEW;
                default -> -1 << 30;
            };
            if (f < 0) return -1;
        }
        return f;
    }
}
