package dev.miniredis.db;

import dev.miniredis.protocol.BulkSource;

import java.util.function.Consumer;
import java.util.function.LongConsumer;

/**
 * The keyspace: binary keys to values, with deadlines, kept in a {@link Store} outside the Java heap.
 *
 * <h2>One owner, no locks</h2>
 * Only the event-loop thread ever touches a {@code Db}. That is deliberate, and it is one of the lessons of this project:
 * because nothing is shared there are no locks, no concurrent collections, no {@code volatile} fields, and every
 * command is atomic simply because it runs to completion before the next one starts. This is how Redis works too. The
 * alternative, many threads and one lock around a map, pays for the lock on every command and still runs one command at
 * a time.
 *
 * <h2>Keys are addresses, not objects</h2>
 * Every key is a record in the store's direct-buffer pages, found through an index of {@code long} addresses, so a
 * million keys are a million records the garbage collector never traces, not a million entry, key and value objects.
 * A lookup returns a record's <em>address</em> ({@link #NIL} when the key is absent), and the commands read the record
 * through this class: {@link #valueLength}, {@link #type}, {@link #deadlineMillis}, and {@link #copyValue}, which GET
 * hands to the reply writer so the value goes from the store straight into the write buffer. An address is good until
 * the next write to the keyspace (a {@link #put} may move the record to a bigger size class); commands read what they
 * need before they write, and never keep an address across commands. A key must fit in one record (just under 8 MiB:
 * {@link #maxKeyBytes}); a longer one is refused with {@link KeyTooLongException}, where Redis would take up to 512 MB.
 *
 * <h2>Expiry</h2>
 * Two paths, as in Redis. <b>Lazy</b>: every lookup first checks the key's deadline, so a read is right even if the key's
 * time came a microsecond ago. <b>Active</b>: the store keeps deadlines in an exact min-heap ({@link ExpiryHeap}), so
 * the event loop can sleep until {@link #nextDeadlineMillis} and then call {@link #expireDue}, which removes at most a
 * given number of keys per call: a million keys falling due at once are removed over many turns, with clients served
 * between. Every method that can see expired keys takes {@code now}, read once per turn by the loop.
 *
 * <h2>Resizing</h2>
 * The store's index rehashes incrementally, one bucket per lookup and write, as Redis's {@code dict} does; the loop
 * also calls {@link #rehashStep} from its key-expiry timer, so a resize finishes on an idle server too.
 *
 * <h2>Types: small ones packed in the record, big ones on the heap</h2>
 * A record's type bits hold its {@link Encoding}: a string; a small list, hash, set or sorted set packed into the
 * record's value bytes (as Redis's listpacks and intsets), read and rewritten whole; or a big one, which is an
 * ordinary Java object ({@link HeapValue}) that the record holds by a 4-byte handle into a table of such objects, as
 * Microsoft Garnet keeps an object store beside its main log of raw bytes. Small collections, which are most of them,
 * cost the collector nothing; the few big ones get pointers and in-place changes. The commands decide when a packed
 * collection outgrows the limits ({@link #limits}) and convert it: {@link #putObject} replaces the packed record.
 * A command that finds the wrong type replies WRONGTYPE before it looks at the bytes.
 *
 * <p>Every write of a collection goes through {@link #putPacked}, {@link #putObject} or {@link #resized} (after an
 * in-place change of a heap object), and every removal through the store's delete, which hands the heap object's
 * handle back: nothing else may drop a record, so no object is ever leaked, and {@code used_memory} stays exact.
 */
public final class Db implements BulkSource {
    /** The address {@link #lookup} and {@link #get} return for an absent or expired key. */
    public static final long NIL = Store.NIL;
    /** Returned by {@link #nextDeadlineMillis} when no key has a deadline: the loop may sleep until I/O arrives. */
    public static final long NO_DEADLINE = Store.NO_DEADLINE;
    /**
     * The deadline of a key that never expires. Chosen so that {@code deadlineMillis <= now} needs no special case; the
     * same value as {@link #NO_DEADLINE}.
     */
    public static final long PERSISTENT = Store.NO_DEADLINE;
    /** The type of a string value. */
    public static final byte TYPE_STRING = Store.TYPE_STRING;

    private final Store store = new Store();
    private final HeapObjects objects = new HeapObjects();
    private final EncodingLimits limits;
    private final Eviction eviction = new Eviction(store, new java.util.SplittableRandom());
    private final byte[][] scratch = new byte[4][];
    private final byte[] handleBytes = new byte[4];
    private Consumer<byte[]> onKeyReady = key -> { };
    private int index;                    // this database's number in its Keyspace (SELECT's index)
    private KeyChanges changes;           // told of every change while `watched`
    private boolean watched;
    private KeyEvents events;             // keyspace notifications' own events: new, expired, evicted, keymiss
    private byte[] keyCopy = new byte[64]; // a record's key, copied out for `changes` without garbage
    private long maxMemoryBytes;          // 0: no limit
    private long evictedKeys;
    private long expiredKeys;
    private long hits;
    private long misses;

    /** An empty keyspace with its own encoding limits. */
    public Db() {
        this(new EncodingLimits());
    }

    /**
     * An empty keyspace, one of several databases that share their encoding limits (CONFIG SET changes them all).
     *
     * @param limits the shared limits
     */
    public Db(EncodingLimits limits) {
        this.limits = limits;
        // The store tells us when a record holding a handle is deleted, overwritten or evicted: the one place handles die.
        store.handleTypes(Encoding.ON_HEAP, objects::release);
    }

    // ---- reading ---------------------------------------------------------------------------------------------------

    /**
     * The address of the live record for {@code key}, or {@link #NIL}. A record whose deadline has passed is removed
     * here (lazy expiry).
     *
     * @param key the key's bytes
     * @param now the current time, epoch milliseconds
     * @return the record's address, or {@link #NIL} if the key is absent or expired
     */
    public long lookup(byte[] key, long now) {
        long a = peek(key, now);
        if (a != NIL) eviction.accessed(a, now); // the key's LRU clock or LFU counter: what eviction decides on
        return a;
    }

    /**
     * {@link #lookup} without counting as an access (Redis's LOOKUP_NOTOUCH): what TYPE, TTL, EXISTS and OBJECT use,
     * so that looking at a key does not make it look recently used.
     *
     * @param key the key's bytes
     * @param now the current time, epoch milliseconds
     * @return the record's address, or {@link #NIL} if the key is absent or expired
     */
    public long peek(byte[] key, long now) {
        long a = store.find(key);
        if (a == NIL || store.deadline(a) > now) return a;
        expire(a);
        return NIL;
    }

    /**
     * {@link #lookup}, counted in INFO's keyspace_hits / keyspace_misses: what reading commands (GET, MGET, TYPE) use.
     *
     * @param key the key's bytes
     * @param now the current time, epoch milliseconds
     * @return the record's address, or {@link #NIL} if the key is absent or expired
     */
    public long get(byte[] key, long now) {
        return counted(lookup(key, now), key, true);
    }

    /**
     * {@link #get} without counting as an access: TYPE's lookup (counted in the hit and miss figures, as in Redis, but
     * leaving the key's LRU clock alone).
     *
     * @param key the key's bytes
     * @param now the current time, epoch milliseconds
     * @return the record's address, or {@link #NIL} if the key is absent or expired
     */
    public long getNoTouch(byte[] key, long now) {
        return counted(peek(key, now), key, true);
    }

    /**
     * {@link #getNoTouch} without the "keymiss" notification (Redis's LOOKUP_NOTOUCH | LOOKUP_NONOTIFY): OBJECT's
     * lookup, counted in keyspace_hits / keyspace_misses as in Redis, but silent and leaving the key's clock alone.
     *
     * @param key the key's bytes
     * @param now the current time, epoch milliseconds
     * @return the record's address, or {@link #NIL} if the key is absent or expired
     */
    public long getQuietly(byte[] key, long now) {
        return counted(peek(key, now), key, false);
    }

    // The three reads Redis calls lookupKeyRead: a hit or a miss in INFO's figures, and a miss notified unless quiet.
    private long counted(long a, byte[] key, boolean notifyMiss) {
        if (a != NIL) {
            hits++;
        } else {
            misses++;
            if (notifyMiss) missed(key);
        }
        return a;
    }

    /**
     * The encoding of the record at {@code a}: its Redis type and where its value lives.
     *
     * @param a a live record's address
     * @return one of {@link Encoding}'s constants; {@link #TYPE_STRING} for a string
     */
    public byte type(long a) {
        return store.type(a);
    }

    /**
     * The length of the value at {@code a}.
     *
     * @param a a live record's address
     * @return bytes
     */
    public int valueLength(long a) {
        return store.valueLength(a);
    }

    /**
     * The key's deadline.
     *
     * @param a a live record's address
     * @return absolute epoch milliseconds, or {@link #PERSISTENT}
     */
    public long deadlineMillis(long a) {
        return store.deadline(a);
    }

    /**
     * Copies the value at {@code handle} (a record's address) into {@code dst}: how GET writes a value into the reply
     * without an array in between (see {@link dev.miniredis.protocol.RespWriter#bulk(BulkSource, long, int)}).
     */
    @Override
    public void copyValue(long handle, byte[] dst, int offset, int length) {
        store.copyValue(handle, 0, dst, offset, length);
    }

    /**
     * Copies part of the value at {@code a}: GETRANGE's reply, GETBIT's byte, BITCOUNT's chunks of a long string, none of
     * which needs the whole value.
     *
     * @param a a live record's address
     * @param from the index of the first value byte copied
     * @param dst where to
     * @param dstOffset the first index written in {@code dst}
     * @param length how many bytes; {@code from + length} must not pass the value's end
     */
    public void copyValue(long a, int from, byte[] dst, int dstOffset, int length) {
        store.copyValue(a, from, dst, dstOffset, length);
    }

    /**
     * The value at {@code a} in a new array, for commands that compute with it (APPEND, INCR); GET does not need it.
     *
     * @param a a live record's address
     * @return a copy of the value
     */
    public byte[] value(long a) {
        byte[] value = new byte[store.valueLength(a)];
        store.copyValue(a, 0, value, 0, value.length);
        return value;
    }

    /**
     * The key at {@code a} in a new array, for replies that list keys (SCAN, KEYS).
     *
     * @param a a live record's address
     * @return a copy of the key
     */
    public byte[] key(long a) {
        return store.key(a);
    }

    /** CONFIG RESETSTAT: this database's expired, evicted, hit and miss counters back to zero. */
    public void resetStats() {
        evictedKeys = 0;
        expiredKeys = 0;
        hits = 0;
        misses = 0;
    }

    /**
     * Reads through {@link #get} that found a live key (INFO's keyspace_hits).
     *
     * @return the running total
     */
    public long hits() {
        return hits;
    }

    /**
     * Reads through {@link #get} that found no live key (INFO's keyspace_misses).
     *
     * @return the running total
     */
    public long misses() {
        return misses;
    }

    /**
     * Keys stored, including expired ones not yet removed (Redis's DBSIZE counts the same way).
     *
     * @return the number of records in the store
     */
    public int size() {
        return store.size();
    }

    /**
     * Keys that have a deadline; exact, because the store's expiry heap holds no stale items.
     *
     * @return the count, shown as {@code expires=} in INFO's keyspace line
     */
    public int keysWithDeadline() {
        return store.keysWithDeadline();
    }

    /**
     * Keys removed because their deadline passed, lazily or actively.
     *
     * @return the running total, for INFO's {@code expired_keys}
     */
    public long expiredKeys() {
        return expiredKeys;
    }

    /**
     * Bytes the store holds off the heap: pages, large values, the index and the expiry heap.
     *
     * @return bytes
     */
    public long usedBytes() {
        return store.usedBytes();
    }

    // ---- writing ---------------------------------------------------------------------------------------------------

    /**
     * Stores the string {@code value} under {@code key}, keeping the deadline of a live key (APPEND, INCR, SET KEEPTTL).
     * An expired key is treated as absent: it loses its deadline and counts in {@link #expiredKeys}.
     *
     * @param key the key's bytes (copied into the store)
     * @param value the new value (copied into the store)
     * @param now the current time, epoch milliseconds
     * @return the record's address from now on
     * @throws KeyTooLongException if the key is longer than {@link #maxKeyBytes}
     */
    public long put(byte[] key, byte[] value, long now) {
        requireKeyFits(key);
        int sizeBefore = store.size();
        long a = store.put(key, TYPE_STRING, value, 0, value.length); // keeps whatever deadline the record had
        touched(a, sizeBefore, now);
        signal(key);
        if (store.deadline(a) <= now) {
            // The key had expired and nobody had noticed yet: what we overwrote was, in Redis's eyes, absent.
            expiredKeys++;
            store.setDeadline(a, PERSISTENT);
            replacedExpired(key);
        } else if (store.size() > sizeBefore) {
            created(key);
        }
        return a;
    }

    /**
     * {@link #put(byte[], byte[], long)} from the first {@code length} bytes of an array, so that a command that builds
     * a string in a reusable buffer (SETRANGE, SETBIT, BITOP) needs no array of the exact size. Keeps the deadline of a
     * live key.
     *
     * @param key the key's bytes (copied into the store)
     * @param value holds the new value from index 0 (copied into the store)
     * @param length the value's length
     * @param now the current time, epoch milliseconds
     * @return the record's address from now on
     * @throws KeyTooLongException if the key is longer than {@link #maxKeyBytes}
     */
    public long putString(byte[] key, byte[] value, int length, long now) {
        return write(key, TYPE_STRING, value, length, now);
    }

    /**
     * Stores {@code value} with a fresh deadline in one step: what SET does. {@link #PERSISTENT} removes any deadline.
     * A deadline already in the past deletes the key instead, as Redis does for SET ... PXAT with a past time.
     *
     * @param key the key's bytes (copied into the store)
     * @param value the new value (copied into the store)
     * @param deadlineMillis absolute epoch milliseconds, or {@link #PERSISTENT}
     * @param now the current time, epoch milliseconds
     * @throws KeyTooLongException if the key is longer than {@link #maxKeyBytes}
     */
    public void put(byte[] key, byte[] value, long deadlineMillis, long now) {
        if (deadlineMillis <= now) {
            delete(key, now);
            return;
        }
        requireKeyFits(key);
        int sizeBefore = store.size();
        long a = store.put(key, TYPE_STRING, value, 0, value.length);
        touched(a, sizeBefore, now);
        signal(key);
        if (store.deadline(a) <= now) {               // overwrote a key whose time had come
            expiredKeys++;
            replacedExpired(key);
        } else if (store.size() > sizeBefore) {
            created(key);
        }
        store.setDeadline(a, deadlineMillis);
    }

    // A write is an access too; a new key starts its clock (and, under LFU, its counter at LFU_INIT_VAL).
    private void touched(long a, int sizeBefore, long now) {
        if (store.size() > sizeBefore) eviction.created(a, now);
        else eviction.accessed(a, now);
    }

    /**
     * Throws unless {@code key} fits in a record. {@link #put} checks it too; a command that replies before it writes
     * (SET ... GET) or writes several keys (MSET) checks first, so that it fails whole, before any reply or write.
     *
     * @param key the key's bytes
     * @throws KeyTooLongException if the key is longer than {@link #maxKeyBytes}
     */
    public void requireKeyFits(byte[] key) {
        if (key.length > store.maxKeyBytes()) throw new KeyTooLongException(key.length, store.maxKeyBytes());
    }

    /**
     * The longest key the store can hold: a little under a quarter of a page (8 MiB). Redis takes keys up to 512 MB.
     *
     * @return bytes
     */
    public int maxKeyBytes() {
        return store.maxKeyBytes();
    }

    /**
     * Gives a live key a new deadline, or with {@link #PERSISTENT} removes it. The record does not move.
     *
     * @param a an address from {@link #lookup} or {@link #put}, with no write to the keyspace since
     * @param deadlineMillis absolute epoch milliseconds, or {@link #PERSISTENT}
     */
    public void setDeadline(long a, long deadlineMillis) {
        signal(a);
        store.setDeadline(a, deadlineMillis);
    }

    /**
     * Removes a key; true if a live key was removed.
     *
     * @param key the key's bytes
     * @param now the current time, epoch milliseconds
     * @return false if the key was absent or had already expired
     */
    public boolean delete(byte[] key, long now) {
        long a = store.find(key);
        if (a == NIL) return false;
        boolean live = store.deadline(a) > now;
        signal(key);
        store.delete(a);
        if (!live) {
            expiredKeys++;
            if (wants(KeyEvents.EXPIRED)) events.happened(KeyEvents.EXPIRED, this, key, key.length);
        }
        return live;
    }

    /**
     * Removes the live record at {@code a}, found by {@link #lookup}.
     *
     * @param a the record's address
     */
    public void delete(long a) {
        signal(a);
        store.delete(a);
    }

    // ---- the choke point: every change is signalled -------------------------------------------------------------

    /** @return this database's number (SELECT's index; SWAPDB changes it) */
    public int index() {
        return index;
    }

    void index(int index) {
        this.index = index;
    }

    /**
     * Who to tell about changes (see {@link KeyChanges}), and whether anyone listens to this database now. The
     * listener sets the flag as its interest comes and goes, so unwatched writes cost one test.
     *
     * @param listener the listener, or null
     * @param watched true while the listener wants this database's changes
     */
    public void changes(KeyChanges listener, boolean watched) {
        this.changes = listener;
        this.watched = listener != null && watched;
    }

    /** @return whether changes to this database are being reported now */
    public boolean watched() {
        return watched;
    }

    boolean swapWatched(boolean other) {
        boolean mine = watched;
        watched = other && changes != null;
        return mine;
    }

    /**
     * Who hears of the events only the keyspace sees (new keys, expiry, eviction, read misses), or null.
     *
     * @param events the listener
     */
    public void events(KeyEvents events) {
        this.events = events;
    }

    private boolean wants(int event) {
        return events != null && events.wants(event);
    }

    // Copies the key at `a` into keyCopy and returns its length.
    private int copyKeyOut(long a) {
        int length = store.keyLength(a);
        if (keyCopy.length < length) keyCopy = new byte[Math.max(length, 2 * keyCopy.length)];
        store.copyKey(a, keyCopy, 0);
        return length;
    }

    // Removes a record whose deadline passed (lazily or actively), telling watchers and notifications.
    private void expire(long a) {
        if (watched || wants(KeyEvents.EXPIRED)) {
            int length = copyKeyOut(a);
            if (watched) changes.modified(this, keyCopy, length);
            store.delete(a);
            expiredKeys++;
            if (wants(KeyEvents.EXPIRED)) events.happened(KeyEvents.EXPIRED, this, keyCopy, length);
            return;
        }
        store.delete(a);
        expiredKeys++;
    }

    private void created(byte[] key) {
        if (wants(KeyEvents.NEW)) events.happened(KeyEvents.NEW, this, key, key.length);
    }

    // A write found the key expired but not yet removed: to Redis that key expired first (its lookup removed it) and
    // the write then created it anew.
    private void replacedExpired(byte[] key) {
        if (wants(KeyEvents.EXPIRED)) events.happened(KeyEvents.EXPIRED, this, key, key.length);
        created(key);
    }

    private void missed(byte[] key) {
        if (wants(KeyEvents.KEY_MISS)) events.happened(KeyEvents.KEY_MISS, this, key, key.length);
    }

    private void signal(byte[] key) {
        if (watched) changes.modified(this, key, key.length);
    }

    private void signal(long a) {
        if (!watched) return;
        int length = copyKeyOut(a);
        changes.modified(this, keyCopy, length);
    }

    /**
     * Whether a record holds {@code key} but its deadline has passed (it has not been removed yet). Removes nothing:
     * WATCH asks it to remember whether a key was already gone when watched.
     *
     * @param key the key's bytes
     * @param now the current time, epoch milliseconds
     * @return true if present and expired
     */
    public boolean expiredButPresent(byte[] key, long now) {
        long a = store.find(key);
        return a != NIL && store.deadline(a) <= now;
    }

    /**
     * Whether {@code key} exists, expired or not: what {@link KeyChanges#replaced} listeners ask about a database
     * before it is emptied. Removes nothing.
     *
     * @param key the key's bytes
     * @param length how many of them
     * @return true if a record holds the key
     */
    public boolean holds(byte[] key, int length) {
        return store.find(key, 0, length) != NIL;
    }

    // ---- collections --------------------------------------------------------------------------------------------

    /**
     * The heap object of a big collection.
     *
     * @param a a live record's address whose {@link #type} is {@link Encoding#onHeap on the heap}
     * @return the object; the caller casts it to the class its encoding stands for
     */
    public HeapValue object(long a) {
        return objects.get(store.valueInt(a));
    }

    /**
     * Tells the keyspace that the heap object at {@code a} changed in place, so that {@code used_memory} follows it.
     * Every command that changes a heap object calls it once, after the change.
     *
     * @param a a live record's address holding a heap object
     */
    public void resized(long a) {
        objects.resized(store.valueInt(a));
        signal(a);
    }

    /**
     * Stores a packed collection (or replaces a key's value with one), keeping the deadline of a live key as a write to
     * a collection does. A new list or sorted set key tells the key-ready listener (blocked clients wait for them).
     *
     * @param key the key's bytes (copied)
     * @param encoding a packed encoding ({@link Encoding#LIST_PACKED}, {@link Encoding#HASH_PACKED}, ...)
     * @param bytes holds the packed bytes from index 0 (copied)
     * @param length how many
     * @param now the current time, epoch milliseconds
     * @return the record's address from now on
     */
    public long putPacked(byte[] key, byte encoding, byte[] bytes, int length, long now) {
        if (Encoding.onHeap(encoding)) throw new IllegalArgumentException("encoding " + encoding + " is not packed");
        return write(key, encoding, bytes, length, now);
    }

    /**
     * Stores a heap collection under {@code key} (a new key, or a packed collection that outgrew its limits), keeping
     * the deadline of a live key.
     *
     * @param key the key's bytes (copied)
     * @param encoding a heap encoding ({@link Encoding#LIST}, {@link Encoding#HASH}, ...)
     * @param value the collection, which the keyspace now owns
     * @param now the current time, epoch milliseconds
     * @return the record's address from now on
     */
    public long putObject(byte[] key, byte encoding, HeapValue value, long now) {
        if (!Encoding.onHeap(encoding)) throw new IllegalArgumentException("encoding " + encoding + " is not on the heap");
        requireKeyFits(key);
        int handle = objects.add(value);
        byte[] h = handleBytes; // little-endian, as the pages are
        h[0] = (byte) handle;
        h[1] = (byte) (handle >>> 8);
        h[2] = (byte) (handle >>> 16);
        h[3] = (byte) (handle >>> 24);
        return write(key, encoding, h, 4, now);
    }

    private long write(byte[] key, byte encoding, byte[] bytes, int length, long now) {
        requireKeyFits(key);
        int sizeBefore = store.size();
        long a = store.put(key, 0, key.length, encoding, bytes, 0, length); // keeps the deadline the record had
        touched(a, sizeBefore, now);
        signal(key);
        boolean fresh = store.size() > sizeBefore;
        if (store.deadline(a) <= now) {
            expiredKeys++;
            store.setDeadline(a, PERSISTENT);
            replacedExpired(key);
            fresh = true;
        } else if (fresh) {
            created(key);
        }
        if (fresh && (encoding == Encoding.LIST_PACKED || encoding == Encoding.LIST
                || encoding == Encoding.ZSET_PACKED || encoding == Encoding.ZSET)) {
            onKeyReady.accept(key); // Redis's signalKeyAsReady in dbAdd: a list or sorted set came into being
        }
        return a;
    }

    /**
     * Writes the value at {@code a} under {@code key} in {@code target} (this database or another), replacing whatever
     * {@code key} held there, with the same deadline and eviction clocks: the common step of RENAME and MOVE, which then
     * delete the source record. A big collection's object is not copied: both records refer to it until the caller
     * deletes the source (which forgets only the source's handle). COPY passes a copy of the object instead.
     *
     * @param a a live record's address in this database
     * @param target where to write; may be {@code this}
     * @param key the new key (copied)
     * @param copy for a heap collection, the object to store (the same one for RENAME and MOVE, a copy for COPY);
     *             ignored for strings and packed collections, whose bytes are copied
     * @param keepClocks true to carry the eviction clocks over (RENAME, MOVE: the same value under a new name); false to
     *                   start them afresh (COPY: a new value, as Redis makes one)
     * @param now the current time, epoch milliseconds
     * @return the new record's address in {@code target}; {@code a} stays valid
     */
    public long transfer(long a, Db target, byte[] key, HeapValue copy, boolean keepClocks, long now) {
        byte encoding = store.type(a);
        long deadline = store.deadline(a);
        int lru = store.lru(a);
        int lfu = store.lfu(a);
        target.requireKeyFits(key);
        target.delete(key, now);
        long b;
        if (Encoding.onHeap(encoding)) {
            b = target.putObject(key, encoding, copy, now);
        } else {
            byte[] value = value(a);
            b = target.write(key, encoding, value, value.length, now);
        }
        target.store.setDeadline(b, deadline);
        if (keepClocks) {
            target.store.lru(b, lru);
            target.store.lfu(b, lfu);
        }
        return b;
    }

    /**
     * A live key chosen at random (RANDOMKEY), or {@link #NIL} when there is none. Expired keys met on the way are
     * removed, as Redis's {@code dbRandomKey} does; after 100 expired draws in a row it gives up the search.
     *
     * @param random the source of randomness
     * @param now the current time, epoch milliseconds
     * @return a live record's address, or {@link #NIL}
     */
    public long randomKey(java.util.random.RandomGenerator random, long now) {
        for (int tries = 0; tries < 100 && store.size() > 0; tries++) {
            long a = store.randomAddress(random);
            if (a == NIL) return NIL;
            if (store.deadline(a) > now) return a;
            expire(a);
        }
        return NIL;
    }

    /**
     * Who hears that a list or sorted set key came into being (Redis's {@code signalKeyAsReady}): the hook blocked
     * clients (BLPOP, BZPOPMIN) will wait on. No one listens yet.
     *
     * @param listener receives the new key's bytes (the caller's array: copy it to keep it)
     */
    public void onKeyReady(Consumer<byte[]> listener) {
        this.onKeyReady = listener;
    }

    /**
     * When packed collections convert to heap ones; CONFIG SET changes them.
     *
     * @return the limits, mutable
     */
    public EncodingLimits limits() {
        return limits;
    }

    /**
     * A reusable array of at least {@code minBytes}, for packing and unpacking collections without garbage. There are
     * four, so that a command working on two keys at once (SMOVE, LMOVE, ZUNIONSTORE) uses one per key; each is
     * valid until the next call with the same slot, and only on the loop thread. Growing keeps the contents, so a
     * command can pack into a slot and ask for more room as it goes.
     *
     * @param slot 0 to 3
     * @param minBytes the least length needed
     * @return the slot's array, grown (at least doubled, contents kept) if it was shorter
     */
    public byte[] scratch(int slot, int minBytes) {
        byte[] b = scratch[slot];
        if (b == null) {
            b = scratch[slot] = new byte[Math.max(minBytes, 256)];
        } else if (b.length < minBytes) {
            b = scratch[slot] = java.util.Arrays.copyOf(b, Math.max(minBytes,
                    (int) Math.min(Integer.MAX_VALUE - 8, 2L * b.length)));
        }
        return b;
    }

    /**
     * Copies a packed collection's bytes (the whole value at {@code a}) into scratch array {@code slot}.
     *
     * @param a a live record's address
     * @param slot the scratch slot to use, 0 to 3
     * @return the array, holding the value from index 0 to {@link #valueLength}{@code (a)}
     */
    public byte[] readPacked(long a, int slot) {
        int length = store.valueLength(a);
        byte[] b = scratch(slot, length);
        store.copyValue(a, 0, b, 0, length);
        return b;
    }

    /**
     * Heap objects held by records (for tests and INFO).
     *
     * @return how many big collections the keyspace holds
     */
    public int heapObjects() {
        return objects.live();
    }

    // ---- memory and eviction ----------------------------------------------------------------------------------------

    /**
     * The memory the keyspace uses, as {@code maxmemory} counts it and INFO reports it as {@code used_memory}: the live
     * records (each at its size class), large values, the index and the expiry heap. Free space in the pages is not
     * counted: it is reused by the next records, and counting it would make eviction unable to ever get under the limit.
     *
     * @return bytes
     */
    public long usedMemoryBytes() {
        return store.usedMemoryBytes() + objects.totalBytes();
    }

    /**
     * Sets {@code maxmemory}; 0 means no limit. Unsigned, as in Redis: CONFIG SET accepts up to 2^64 - 1.
     *
     * @param bytes the limit, as the bits of an unsigned long
     */
    public void maxMemoryBytes(long bytes) {
        this.maxMemoryBytes = bytes;
    }

    /** @return the {@code maxmemory} limit in bytes, 0 for none */
    public long maxMemoryBytes() {
        return maxMemoryBytes;
    }

    /**
     * The policy, its sampling and the LFU tuning: CONFIG changes them here.
     *
     * @return the keyspace's eviction
     */
    public Eviction eviction() {
        return eviction;
    }

    /** @return keys evicted so far (INFO's {@code evicted_keys}) */
    public long evictedKeys() {
        return evictedKeys;
    }

    /**
     * Redis's {@code performEvictions}, run before each command while a limit is set: evicts keys by the policy until the
     * keyspace is under {@code maxmemory}, at most {@code maxKeys} of them (the next command goes on). Returns false when
     * it is over the limit and can evict nothing (noeviction, or no candidate): then a command that may add memory is
     * refused with Redis's OOM error.
     *
     * @param now the current time, epoch milliseconds
     * @param maxKeys the most keys to evict in this call
     * @return true if the keyspace is under the limit or eviction made progress
     */
    public boolean evictIfNeeded(long now, int maxKeys) {
        if (maxMemoryBytes == 0 || Long.compareUnsigned(usedMemoryBytes(), maxMemoryBytes) <= 0) return true;
        for (int evicted = 0; evicted < maxKeys; evicted++) {
            if (!evictOne(now)) return false; // out of candidates while still over: Redis's EVICT_FAIL, even after some
            if (Long.compareUnsigned(usedMemoryBytes(), maxMemoryBytes) <= 0) return true;
        }
        return true; // still over, but freeing: Redis's EVICT_RUNNING, the command is not refused
    }

    /**
     * Evicts one key chosen by the policy, if the policy and the keys allow one.
     *
     * @param now the current time, epoch milliseconds
     * @return false if there was nothing to evict (noeviction, no keys, no key with a deadline under volatile-*)
     */
    public boolean evictOne(long now) {
        long victim = eviction.chooseVictim(now);
        if (victim == NIL) return false;
        if (watched || wants(KeyEvents.EVICTED)) {
            int length = copyKeyOut(victim);
            if (watched) changes.modified(this, keyCopy, length);
            store.delete(victim);
            evictedKeys++;
            if (wants(KeyEvents.EVICTED)) events.happened(KeyEvents.EVICTED, this, keyCopy, length);
            return true;
        }
        store.delete(victim);
        evictedKeys++;
        return true;
    }

    /** Removes every key (FLUSHDB). The pages go back to the collector, which frees their native memory. */
    public void clear() {
        if (watched) changes.replaced(this, null);
        store.clear();
        objects.clear();
    }

    // ---- active expiry and resizing --------------------------------------------------------------------------------

    /**
     * The earliest deadline of any key, for the loop's key-expiry timer. Exact: the heap has no stale items.
     *
     * @return epoch milliseconds, or {@link #NO_DEADLINE} if no key has a deadline
     */
    public long nextDeadlineMillis() {
        return store.nextDeadline();
    }

    /**
     * Removes keys whose deadline is {@code <= now}, at most {@code maxKeys} of them, and returns how many were removed.
     * If more were due, {@link #nextDeadlineMillis} stays at or before {@code now}, so the loop comes straight back after
     * serving the clients that are waiting.
     *
     * @param now the current time, epoch milliseconds
     * @param maxKeys the most keys to remove in this call
     * @return the number of keys removed
     */
    public int expireDue(long now, int maxKeys) {
        int removed = 0;
        for (long a; removed < maxKeys && (a = store.popDue(now)) != NIL; removed++) {
            expire(a);
        }
        return removed;
    }

    /**
     * Whether the index is between two sizes, with buckets still to move.
     *
     * @return true while rehashing
     */
    public boolean isRehashing() {
        return store.isRehashing();
    }

    /**
     * Moves up to {@code buckets} buckets of a resize under way; the loop calls it from its key-expiry timer.
     *
     * @param buckets how many non-empty buckets to move at most
     * @return whether buckets are still left to move
     */
    public boolean rehashStep(int buckets) {
        return store.rehashStep(buckets);
    }

    // ---- iteration ------------------------------------------------------------------------------------------------

    /**
     * Calls {@code action} with a copy of every live key (KEYS). Expired keys are skipped but not removed here.
     *
     * @param now the current time, epoch milliseconds
     * @param action receives each key's bytes, a new array; it must not change the keyspace
     */
    public void forEachKey(long now, Consumer<byte[]> action) {
        // Without writes in between, a full reverse-binary walk visits every bucket once, during a rehash too.
        long cursor = 0;
        do {
            cursor = store.scan(cursor, a -> {
                if (store.deadline(a) > now) action.accept(store.key(a));
            });
        } while (cursor != 0);
    }

    /**
     * Visits the records of one bucket chosen by {@code cursor} (while rehashing, the matching buckets of both tables)
     * and returns the cursor for the next call; 0 means the iteration is over. See {@link Store#scan} for why every key
     * present for the whole iteration is returned at least once, even across resizes.
     *
     * @param cursor 0 to start, then the value the previous call returned
     * @param action receives each record's address, expired ones included; it must not change the keyspace
     * @return the next cursor, or 0 when every bucket has been visited
     */
    public long scan(long cursor, LongConsumer action) {
        return store.scan(cursor, action);
    }
}
