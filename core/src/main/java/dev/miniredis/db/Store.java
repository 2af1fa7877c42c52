package dev.miniredis.db;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Objects;
import java.util.function.IntConsumer;
import java.util.function.LongConsumer;
import java.util.random.RandomGenerator;

/**
 * The keyspace's data outside the Java heap: keys, values and their metadata as records in an {@link Arena}, found
 * through a hash index of primitive {@code long} addresses, with deadlines in an {@link ExpiryHeap}. Millions of keys
 * cost the garbage collector a handful of objects: the pages, the two index arrays, the two heap arrays.
 *
 * <h2>One owner</h2>
 * Like {@link Db}, a store belongs to the event-loop thread: no locks, no {@code volatile}, no concurrent collections.
 * Every operation runs to completion before the next starts, so an address read from {@link #find} stays valid until
 * the same thread next changes the store.
 *
 * <h2>A record</h2>
 * <pre>
 *   address (a multiple of 8)
 *   |
 *   v  0       5      6             10          14
 *   +--------+------+-------------+-----------+--------+-------+----------+-------------------+- - - - - +
 *   |  next  | meta | lru:24 lfu:8| heap slot | keyLen |  key  | valueLen | value             |  slack   |
 *   |  5 B   | 1 B  |    4 B      |   4 B     | varint |       |  varint  | or a 4-byte handle|          |
 *   +--------+------+-------------+-----------+--------+-------+----------+-------------------+- - - - - +
 *   |&lt;------------------------------ the record's size class (16, 24, ... bytes) ----------------------&gt;|
 *
 *   next       the next record in the same bucket, as address / 8 in 40 bits (NIL = 0 ends the chain)
 *   meta       bits 0-5: the type; bit 6: has a deadline; bit 7: the value lives in a dedicated large buffer
 *   lru, lfu   Redis's eviction clocks: 24 bits of LRU time and an 8-bit LFU counter (see Eviction)
 *   heap slot  where the record's deadline sits in the expiry heap; meaningless without the deadline bit
 *   keyLen, valueLen   unsigned LEB128 varints: 1 byte below 128, 2 below 16 384, at most 5
 * </pre>
 * The value length comes after the key so that a value can change length, and its varint size, without moving the key.
 * The deadline itself is not in the record: it is in the expiry heap, next to the record's address, and the record only
 * says where. The slot field is reserved in every record, used or not, so that giving a key a deadline (EXPIRE) never
 * has to move its record; it is 4 bytes per key.
 *
 * <p><b>Types.</b> Only {@link #TYPE_STRING} exists today. The value bytes are opaque to the store; later types will
 * either encode themselves into them (a small list or hash as one blob, like Redis's listpacks) or store a 4-byte handle
 * to an object on the heap for big collections, and the type says which. Six bits leave room for 64 types.
 *
 * <h2>The index: chaining, as Redis does</h2>
 * A power-of-two {@code long[]} of buckets holds the address of each chain's first record, and each record's
 * {@code next} field the next. Chaining (rather than open addressing) is what makes SCAN's promise possible: a key
 * lives in exactly one bucket, the bucket of its hash's low bits, and when the table doubles bucket {@code i} splits
 * into {@code i} and {@code i + size}. Redis's reverse-binary cursor (see {@link #scan}) visits buckets so that the
 * buckets already visited stay visited across a resize: every key present for a whole SCAN is returned at least once.
 *
 * <h2>Incremental rehashing</h2>
 * Rehashing a million keys in one go takes about 180 ms on a small machine (every record is read to hash its key again;
 * {@code StoreMeasure} times it), a stall every client would see. So, exactly like Redis's {@code dict}, a resize
 * allocates the new table and then moves the old one's buckets over a few at a time:
 * <pre>
 *   table0 (old, 8 buckets)      [ . ][ . ][ . ][ a ][ b ][ . ][ c ][ d ]
 *                                  \________________/ rehashIndex = 3: buckets below it are already moved (empty)
 *   table1 (new, 16 buckets)     [ e ][ . ][ . ][ f ][ . ][ . ][ . ][ . ][ . ][ . ][ . ][ g ][ . ][ . ][ . ][ . ]
 * </pre>
 * While both tables exist, every {@link #find}, {@link #put} and {@code delete} first moves one bucket (and the loop may
 * call {@link #rehashStep} once per turn to finish sooner); lookups and deletes look in both tables; inserts go to the
 * new one, so the old one only empties. When it is empty the new table takes its place. The table grows (doubles) when
 * it holds as many keys as buckets, and shrinks (to the smallest power of two that holds the keys) when under an eighth
 * full; shrinking is incremental too. Records never move when rehashing: only their {@code next} fields change, so an
 * address stays valid.
 *
 * <h2>Memory</h2>
 * Records live in the arena's size classes, and a deleted record, or one a bigger value outgrew, goes on its class's
 * free list for the next record of that size (see {@link Arena}). A value overwritten with one of the same size class
 * is written in place; otherwise the record moves to its new class, and the index and the expiry heap follow it.
 *
 * <p><b>Bytes per key</b>, for a 16-byte key and a 32-byte value: the record is 14 + 1 + 16 + 1 + 32 = 64 bytes, exactly
 * a size class; the index adds 8 bytes per bucket, 8 to 16 per key as the load moves between 1 and 1/2; the newest page
 * is partly empty. About 75 bytes per key at a million keys (measured: see the tests), of which 27 are not the key and
 * value. A key with a deadline adds 16 bytes in the heap arrays (more while they have room to spare). Redis 7 stores
 * the same key in a 24-byte {@code dictEntry}, the key as an sds string (3-byte header, 16 bytes, a terminator: 20,
 * which jemalloc rounds to 24) and the value as an embedded string (16-byte {@code robj}, 3-byte header, 32 bytes, a
 * terminator: 52, rounded to 56), plus its 8-16 bytes of bucket: 112-120 bytes, 64-72 of them metadata, before
 * allocator fragmentation; a deadline adds a second {@code dictEntry} in the expires table.
 *
 * <h2>No garbage</h2>
 * No operation allocates on the Java heap, except {@link #key} (which exists to hand out a copy) and the resizes that
 * some operations trigger: a new index table, new expiry-heap arrays, a new page. Those are amortised over the many
 * operations that made them necessary. Measured at a million keys: 0 bytes per find, overwrite or miss; about 17 bytes
 * per insert or delete and 34 per first deadline, all of it index and heap arrays.
 *
 * <h2>Using it</h2>
 * How the keyspace's commands map onto it, with {@code now} read once per turn:
 * <pre>
 *   GET     a = find(key); if (a != NIL &amp;&amp; deadline(a) &lt;= now) { delete(a); a = NIL; }   lazy expiry
 *           then copyValue(a, 0, writeBuffer, position, valueLength(a))
 *   SET     a = put(key, TYPE_STRING, value, 0, value.length); setDeadline(a, deadlineOrNoDeadline)
 *   EXPIRE  setDeadline(find(key), deadline)          PERSIST: setDeadline(a, NO_DEADLINE)
 *   expiry  the loop's timer sleeps until nextDeadline(); then popDue(now) and delete(a), a bounded number per turn
 *   SCAN    cursor = scan(cursor, a -&gt; collect key(a)), then filter expired keys after the call returns
 *   turn    rehashStep(1) once per turn, so a resize finishes even when no command touches the keyspace
 * </pre>
 *
 * <h2>Addresses move</h2>
 * {@link #put} returns the record's address, which differs from the old one when the value changed size class. Every
 * other method keeps addresses as they are. An address is valid until the record is deleted or moved; using it after
 * that reads some other record's bytes. Nothing checks: this is memory you manage, which is the point of the exercise.
 */
public final class Store implements AutoCloseable {
    /** The address that means "no record". */
    public static final long NIL = Arena.NIL;
    /** The deadline of a key that never expires, and {@link #nextDeadline}'s answer when no key has a deadline. */
    public static final long NO_DEADLINE = Long.MAX_VALUE;
    /** The type of a string value: raw bytes. */
    public static final byte TYPE_STRING = 0;
    /** The highest type number a record can hold (six bits). */
    public static final int MAX_TYPE = 63;
    /** The longest value, as Redis's default {@code proto-max-bulk-len}: 512 MiB. */
    public static final int MAX_VALUE_BYTES = 512 << 20;

    // ---- the record layout (offsets from the record's address) -------------------------------------------------------
    private static final int NEXT = 0;          // 5 bytes: the next address / 8
    private static final int META = 5;          // 1 byte: type | HAS_DEADLINE | LARGE
    private static final int CLOCKS = 6;        // 4 bytes: lru << 8 | lfu
    private static final int SLOT = 10;         // 4 bytes: index in the expiry heap
    private static final int KEY_LENGTH = 14;   // varint, then the key, then the value's varint length, then the value
    private static final int HEADER_BYTES = KEY_LENGTH;
    private static final int TYPE_MASK = 0x3f;
    private static final int HAS_DEADLINE = 0x40;
    private static final int LARGE = 0x80;
    private static final int HANDLE_BYTES = 4;
    private static final int MAX_VARINT_BYTES = 5;

    private static final int MIN_BUCKETS = 16;
    private static final int MAX_BUCKETS = 1 << 30;

    // Reads 8 bytes of a byte[] as one little-endian long, to compare keys 8 bytes at a time with the pages' getLong.
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private final long seed;
    // Types whose value is a 4-byte handle to an object someone else owns (see Encoding), and who to tell when such a
    // record is deleted or overwritten: the one place a handle can be dropped, so none is ever leaked.
    private long handleTypes;
    private IntConsumer releaseHandle = h -> { };
    private final Arena arena;
    private final ExpiryHeap expiry;
    private final int maxKeyBytes;

    private long[] table0 = new long[MIN_BUCKETS];
    private long[] table1;          // the new table while rehashing, else null
    private int rehashIndex = -1;   // while rehashing: table0's buckets below it are empty (moved to table1)
    private int used0;              // records chained from table0
    private int used1;              // records chained from table1

    // Where locate() found a record: its table, bucket and predecessor (NIL if it heads the chain). Fields rather than a
    // returned object, so a lookup allocates nothing; only the loop thread calls, so they cannot be overwritten midway.
    private long[] locTable;
    private int locBucket;
    private long locPrev;

    /** A store with a random hash seed (as Redis's per-process SipHash key) and 32 MiB pages. */
    public Store() {
        this(new java.security.SecureRandom().nextLong());
    }

    /**
     * A store whose bucket order follows {@code hashSeed}: for tests and reproducible benchmarks. A server should use
     * {@link #Store()}, so that nobody can predict which keys collide.
     *
     * @param hashSeed the key of the keyed hash
     */
    public Store(long hashSeed) {
        this(hashSeed, Arena.DEFAULT_PAGE_SHIFT);
    }

    /** A store with pages of {@code 1 << pageShift} bytes; tests use small pages to reach page boundaries cheaply. */
    Store(long hashSeed, int pageShift) {
        this.seed = hashSeed;
        this.arena = new Arena(pageShift);
        this.expiry = new ExpiryHeap(arena, SLOT);
        // The longest key whose record still fits in a page with the longest varints and a large value's handle.
        this.maxKeyBytes = arena.maxRecordBytes - HEADER_BYTES - 2 * MAX_VARINT_BYTES - HANDLE_BYTES;
    }

    // ---- record sizes ------------------------------------------------------------------------------------------------

    private static int varintBytes(int v) {
        return v < 1 << 7 ? 1 : v < 1 << 14 ? 2 : v < 1 << 21 ? 3 : v < 1 << 28 ? 4 : 5;
    }

    // The bytes a record holding the value inline needs.
    private static long inlineBytes(int keyLen, int valueLen) {
        return (long) HEADER_BYTES + varintBytes(keyLen) + keyLen + varintBytes(valueLen) + valueLen;
    }

    private boolean isLarge(int keyLen, int valueLen) {
        return inlineBytes(keyLen, valueLen) > arena.maxRecordBytes;
    }

    // The bytes of a record: the value inline if that fits in the largest size class, else a handle.
    private int recordBytes(int keyLen, int valueLen) {
        long inline = inlineBytes(keyLen, valueLen);
        if (inline <= arena.maxRecordBytes) return (int) inline;
        return HEADER_BYTES + varintBytes(keyLen) + keyLen + varintBytes(valueLen) + HANDLE_BYTES;
    }

    // A record's size class follows from its lengths: a record is only kept in place while that stays true.
    private int sizeClass(int keyLen, int valueLen) {
        return arena.classFor(recordBytes(keyLen, valueLen));
    }

    // ---- reading fields ------------------------------------------------------------------------------------------------

    private static int readVarint(ByteBuffer p, int i) {
        int b = p.get(i);
        if (b >= 0) return b;
        int v = b & 0x7f;
        for (int shift = 7; ; shift += 7) {
            b = p.get(++i);
            v |= (b & 0x7f) << shift;
            if (b >= 0) return v;
        }
    }

    private static int writeVarint(ByteBuffer p, int i, int v) {
        while ((v & ~0x7f) != 0) {
            p.put(i++, (byte) (v | 0x80));
            v >>>= 7;
        }
        p.put(i++, (byte) v);
        return i;
    }

    private long next(long a) {
        ByteBuffer p = arena.page(a);
        int o = arena.offset(a);
        return ((p.getInt(o + NEXT) & 0xFFFF_FFFFL) | (p.get(o + NEXT + 4) & 0xFFL) << 32) << 3;
    }

    private void setNext(long a, long next) {
        ByteBuffer p = arena.page(a);
        int o = arena.offset(a);
        long units = next >>> 3;
        p.putInt(o + NEXT, (int) units);
        p.put(o + NEXT + 4, (byte) (units >>> 32));
    }

    private int meta(long a) {
        return arena.page(a).get(arena.offset(a) + META) & 0xff;
    }

    private void meta(long a, int meta) {
        arena.page(a).put(arena.offset(a) + META, (byte) meta);
    }

    /**
     * The length of the key at {@code a}.
     *
     * @param a a live record's address
     * @return bytes
     */
    public int keyLength(long a) {
        return readVarint(arena.page(a), arena.offset(a) + KEY_LENGTH);
    }

    // The offset, in its page, of the varint that holds the value's length.
    private int valueLengthOffset(ByteBuffer p, int o) {
        int keyLen = readVarint(p, o + KEY_LENGTH);
        return o + KEY_LENGTH + varintBytes(keyLen) + keyLen;
    }

    /**
     * Copies the key at {@code a} into {@code dst}.
     *
     * @param a a live record's address
     * @param dst where to copy to; needs {@link #keyLength} bytes from {@code off}
     * @param off the first index written
     */
    public void copyKey(long a, byte[] dst, int off) {
        ByteBuffer p = arena.page(a);
        int o = arena.offset(a);
        int keyLen = readVarint(p, o + KEY_LENGTH);
        p.get(o + KEY_LENGTH + varintBytes(keyLen), dst, off, keyLen);
    }

    /**
     * The key at {@code a} in a new array: for replies that must hold keys (SCAN, KEYS), not for the hot path.
     *
     * @param a a live record's address
     * @return a copy of the key
     */
    public byte[] key(long a) {
        byte[] key = new byte[keyLength(a)];
        copyKey(a, key, 0);
        return key;
    }

    /**
     * The length of the value at {@code a}.
     *
     * @param a a live record's address
     * @return bytes, 0 to {@link #MAX_VALUE_BYTES}
     */
    public int valueLength(long a) {
        ByteBuffer p = arena.page(a);
        return readVarint(p, valueLengthOffset(p, arena.offset(a)));
    }

    /**
     * Copies part of the value at {@code a} into {@code dst}: GET copies straight into the connection's write buffer.
     *
     * @param a a live record's address
     * @param from the first byte of the value to copy
     * @param dst where to copy to
     * @param dstOff the first index written
     * @param len how many bytes; {@code from + len} must not pass the value's end
     */
    public void copyValue(long a, int from, byte[] dst, int dstOff, int len) {
        ByteBuffer p = arena.page(a);
        int o = arena.offset(a);
        int i = valueLengthOffset(p, o);
        int valueLen = readVarint(p, i);
        Objects.checkFromIndexSize(from, len, valueLen);
        i += varintBytes(valueLen);
        if ((p.get(o + META) & LARGE) != 0) arena.large(p.getInt(i)).get(from, dst, dstOff, len);
        else p.get(i + from, dst, dstOff, len);
    }

    /**
     * The type of the value at {@code a}, as given to {@link #put}.
     *
     * @param a a live record's address
     * @return 0 to {@link #MAX_TYPE}; {@link #TYPE_STRING} for strings
     */
    public byte type(long a) {
        return (byte) (meta(a) & TYPE_MASK);
    }

    /**
     * Declares which types hold a 4-byte handle as their value, and who releases a handle when its record is deleted
     * or overwritten (by {@link #delete}, {@link #put} or anything that calls them). {@link #clear} does not call it:
     * whoever clears the store drops all its objects at once.
     *
     * @param typeMask bit {@code t} set for each such type {@code t}
     * @param release receives each handle that is no longer referenced
     */
    public void handleTypes(long typeMask, IntConsumer release) {
        this.handleTypes = typeMask;
        this.releaseHandle = Objects.requireNonNull(release);
    }

    /**
     * The first four bytes of the value at {@code a} as an int: the handle of a record whose type holds one.
     *
     * @param a a live record's address whose value is at least 4 bytes long and not in a large buffer
     * @return the int, in the pages' byte order
     */
    public int valueInt(long a) {
        ByteBuffer p = arena.page(a);
        int i = valueLengthOffset(p, arena.offset(a));
        return p.getInt(i + varintBytes(readVarint(p, i)));
    }

    /**
     * The 24-bit LRU clock of the record at {@code a} (0 for a new key).
     *
     * @param a a live record's address
     * @return 0 to 2^24 - 1
     */
    public int lru(long a) {
        return arena.page(a).getInt(arena.offset(a) + CLOCKS) >>> 8;
    }

    /**
     * Sets the 24-bit LRU clock of the record at {@code a}; higher bits are dropped.
     *
     * @param a a live record's address
     * @param clock24 the clock, as Redis's {@code LRU_CLOCK()}
     */
    public void lru(long a, int clock24) {
        ByteBuffer p = arena.page(a);
        int i = arena.offset(a) + CLOCKS;
        p.putInt(i, clock24 << 8 | (p.getInt(i) & 0xff));
    }

    /**
     * The 8-bit LFU counter of the record at {@code a} (0 for a new key).
     *
     * @param a a live record's address
     * @return 0 to 255
     */
    public int lfu(long a) {
        return arena.page(a).getInt(arena.offset(a) + CLOCKS) & 0xff;
    }

    /**
     * Sets the 8-bit LFU counter of the record at {@code a}; higher bits are dropped.
     *
     * @param a a live record's address
     * @param counter8 the counter
     */
    public void lfu(long a, int counter8) {
        ByteBuffer p = arena.page(a);
        int i = arena.offset(a) + CLOCKS;
        p.putInt(i, (p.getInt(i) & ~0xff) | (counter8 & 0xff));
    }

    // ---- finding -------------------------------------------------------------------------------------------------------

    /**
     * The record of {@code key}, or {@link #NIL}. Moves one bucket along if a rehash is under way, as Redis's lookups do.
     *
     * @param key the key's bytes
     * @return its record's address, or {@link #NIL}
     */
    public long find(byte[] key) {
        return find(key, 0, key.length);
    }

    /**
     * The record of the key in {@code key[off .. off + len)}, or {@link #NIL}.
     *
     * @param key holds the key's bytes
     * @param off where they start
     * @param len how many
     * @return its record's address, or {@link #NIL}
     */
    public long find(byte[] key, int off, int len) {
        Objects.checkFromIndexSize(off, len, key.length);
        if (size() == 0) return NIL;
        if (table1 != null) rehashStep(1);
        return locate(key, off, len, KeyHash.hash(seed, key, off, len));
    }

    // Finds the key in table0, then table1; on success sets locTable, locBucket and locPrev for unlinking or relinking.
    private long locate(byte[] key, int off, int len, int hash) {
        long a = locateIn(table0, key, off, len, hash);
        if (a == NIL && table1 != null) a = locateIn(table1, key, off, len, hash);
        return a;
    }

    private long locateIn(long[] table, byte[] key, int off, int len, int hash) {
        int bucket = hash & (table.length - 1);
        long prev = NIL;
        for (long a = table[bucket]; a != NIL; prev = a, a = next(a)) {
            if (keyEquals(a, key, off, len)) {
                locTable = table;
                locBucket = bucket;
                locPrev = prev;
                return a;
            }
        }
        return NIL;
    }

    // Like locate, for a record known by its address: hash its stored key and find it in its chain.
    private void locateAddress(long target) {
        int hash = hashOf(target);
        if (!locateAddressIn(table0, target, hash) && (table1 == null || !locateAddressIn(table1, target, hash))) {
            throw new IllegalArgumentException("no record at address " + target);
        }
    }

    private boolean locateAddressIn(long[] table, long target, int hash) {
        int bucket = hash & (table.length - 1);
        long prev = NIL;
        for (long a = table[bucket]; a != NIL; prev = a, a = next(a)) {
            if (a == target) {
                locTable = table;
                locBucket = bucket;
                locPrev = prev;
                return true;
            }
        }
        return false;
    }

    private boolean keyEquals(long a, byte[] key, int off, int len) {
        ByteBuffer p = arena.page(a);
        int o = arena.offset(a);
        if (readVarint(p, o + KEY_LENGTH) != len) return false; // most non-matching keys stop here or at the first 8 bytes
        int k = o + KEY_LENGTH + varintBytes(len);
        int i = 0;
        for (; i + 8 <= len; i += 8) {
            if ((long) LONGS.get(key, off + i) != p.getLong(k + i)) return false;
        }
        for (; i < len; i++) {
            if (key[off + i] != p.get(k + i)) return false;
        }
        return true;
    }

    private int hashOf(long a) {
        ByteBuffer p = arena.page(a);
        int o = arena.offset(a);
        int keyLen = readVarint(p, o + KEY_LENGTH);
        return KeyHash.hash(seed, p, o + KEY_LENGTH + varintBytes(keyLen), keyLen);
    }

    // ---- writing -------------------------------------------------------------------------------------------------------

    /**
     * Stores {@code value[off .. off + len)} under {@code key} with type {@code type}: inserts a new record, or overwrites
     * the existing one, keeping its deadline and LRU/LFU clocks. The value is written in place when its record stays in
     * the same size class; otherwise the record moves and the new address is returned.
     *
     * @param key the key's bytes (copied)
     * @param type the value's type, 0 to {@link #MAX_TYPE}
     * @param value holds the value's bytes (copied)
     * @param off where they start
     * @param len how many, at most {@link #MAX_VALUE_BYTES}
     * @return the record's address from now on
     */
    public long put(byte[] key, byte type, byte[] value, int off, int len) {
        return put(key, 0, key.length, type, value, off, len);
    }

    /**
     * {@link #put(byte[], byte, byte[], int, int)} with the key in {@code key[keyOff .. keyOff + keyLen)}.
     *
     * @param key holds the key's bytes (copied)
     * @param keyOff where they start
     * @param keyLen how many, at most {@link #maxKeyBytes}
     * @param type the value's type, 0 to {@link #MAX_TYPE}
     * @param value holds the value's bytes (copied)
     * @param valueOff where they start
     * @param valueLen how many, at most {@link #MAX_VALUE_BYTES}
     * @return the record's address from now on
     */
    public long put(byte[] key, int keyOff, int keyLen, byte type, byte[] value, int valueOff, int valueLen) {
        Objects.checkFromIndexSize(keyOff, keyLen, key.length);
        Objects.checkFromIndexSize(valueOff, valueLen, value.length);
        if (keyLen > maxKeyBytes) throw new IllegalArgumentException("key of " + keyLen + " bytes is too long");
        if (valueLen > MAX_VALUE_BYTES) throw new IllegalArgumentException("value of " + valueLen + " bytes is too long");
        if (type < 0 || type > MAX_TYPE) throw new IllegalArgumentException("type " + type);
        if (table1 != null) rehashStep(1);
        int hash = KeyHash.hash(seed, key, keyOff, keyLen);
        long a = locate(key, keyOff, keyLen, hash);
        if (a != NIL) return overwrite(a, type, value, valueOff, valueLen);

        if (table1 == null && used0 >= table0.length && table0.length < MAX_BUCKETS) startRehash(table0.length * 2);
        long[] table = table1 != null ? table1 : table0; // while rehashing, new keys go to the new table
        int bucket = hash & (table.length - 1);
        a = arena.allocate(sizeClass(keyLen, valueLen));
        writeRecord(a, table[bucket], type, 0, 0, key, keyOff, keyLen, value, valueOff, valueLen);
        table[bucket] = a;
        if (table == table1) used1++;
        else used0++;
        return a;
    }

    private void writeRecord(long a, long next, int meta, int clocks, int slot,
                             byte[] key, int keyOff, int keyLen, byte[] value, int valueOff, int valueLen) {
        ByteBuffer p = arena.page(a);
        int o = arena.offset(a);
        setNext(a, next);
        p.putInt(o + CLOCKS, clocks);
        p.putInt(o + SLOT, slot);
        int i = writeVarint(p, o + KEY_LENGTH, keyLen);
        p.put(i, key, keyOff, keyLen);
        i = writeVarint(p, i + keyLen, valueLen);
        if (isLarge(keyLen, valueLen)) {
            int handle = arena.allocateLarge(valueLen);
            arena.large(handle).put(0, value, valueOff, valueLen);
            p.putInt(i, handle);
            meta |= LARGE;
        } else {
            p.put(i, value, valueOff, valueLen);
            meta &= ~LARGE;
        }
        p.put(o + META, (byte) meta);
    }

    // put() found the key at `a` (locTable, locBucket and locPrev are set).
    private long overwrite(long a, byte type, byte[] value, int valueOff, int valueLen) {
        ByteBuffer p = arena.page(a);
        int o = arena.offset(a);
        int meta = p.get(o + META) & 0xff;
        int keyLen = readVarint(p, o + KEY_LENGTH);
        int lengthAt = o + KEY_LENGTH + varintBytes(keyLen) + keyLen;
        int oldLen = readVarint(p, lengthAt);
        int oldClass = sizeClass(keyLen, oldLen);
        int newClass = sizeClass(keyLen, valueLen);
        boolean large = isLarge(keyLen, valueLen);
        int keep = meta & HAS_DEADLINE;
        if ((handleTypes & 1L << (meta & TYPE_MASK)) != 0) releaseHandle.accept(p.getInt(lengthAt + varintBytes(oldLen)));
        if ((meta & LARGE) != 0) {
            int handle = p.getInt(lengthAt + varintBytes(oldLen));
            if (large && valueLen == oldLen && newClass == oldClass) {
                // A big value replaced by one of the same length: copy into its buffer, allocate nothing.
                arena.large(handle).put(0, value, valueOff, valueLen);
                p.put(o + META, (byte) (type | keep | LARGE));
                return a;
            }
            arena.freeLarge(handle);
        }
        if (newClass == oldClass) {
            // The new value fits the record's class: rewrite it where it is. Key and header stay as they are.
            int i = writeVarint(p, lengthAt, valueLen);
            if (large) {
                int handle = arena.allocateLarge(valueLen);
                arena.large(handle).put(0, value, valueOff, valueLen);
                p.putInt(i, handle);
                p.put(o + META, (byte) (type | keep | LARGE));
            } else {
                p.put(i, value, valueOff, valueLen);
                p.put(o + META, (byte) (type | keep));
            }
            return a;
        }
        // Another class: a new record takes the old one's place in its chain (and in the expiry heap), with the same
        // clocks and slot; the old record goes on its class's free list.
        long moved = arena.allocate(newClass);
        int clocks = p.getInt(o + CLOCKS);
        int slot = p.getInt(o + SLOT);
        ByteBuffer q = arena.page(moved);
        int m = arena.offset(moved);
        setNext(moved, next(a));
        q.putInt(m + CLOCKS, clocks);
        q.putInt(m + SLOT, slot);
        q.put(m + KEY_LENGTH, p, o + KEY_LENGTH, lengthAt - (o + KEY_LENGTH)); // the key's length and bytes
        int i = writeVarint(q, m + (lengthAt - o), valueLen);
        if (large) {
            int handle = arena.allocateLarge(valueLen);
            arena.large(handle).put(0, value, valueOff, valueLen);
            q.putInt(i, handle);
            q.put(m + META, (byte) (type | keep | LARGE));
        } else {
            q.put(i, value, valueOff, valueLen);
            q.put(m + META, (byte) (type | keep));
        }
        if (locPrev == NIL) locTable[locBucket] = moved;
        else setNext(locPrev, moved);
        if (keep != 0) expiry.moved(slot, moved);
        arena.free(a, oldClass);
        return moved;
    }

    /**
     * Removes {@code key}.
     *
     * @param key the key's bytes
     * @return whether it was there
     */
    public boolean delete(byte[] key) {
        return delete(key, 0, key.length);
    }

    /**
     * Removes the key in {@code key[off .. off + len)}.
     *
     * @param key holds the key's bytes
     * @param off where they start
     * @param len how many
     * @return whether it was there
     */
    public boolean delete(byte[] key, int off, int len) {
        Objects.checkFromIndexSize(off, len, key.length);
        if (size() == 0) return false;
        if (table1 != null) rehashStep(1);
        long a = locate(key, off, len, KeyHash.hash(seed, key, off, len));
        if (a == NIL) return false;
        unlinkAndFree(a);
        return true;
    }

    /**
     * Removes the record at {@code a}, found by {@link #find}, {@link #scan} or {@link #popDue}.
     *
     * @param a a live record's address
     * @throws IllegalArgumentException if no record of the store is at {@code a} (not every misuse is caught)
     */
    public void delete(long a) {
        if (table1 != null) rehashStep(1);
        locateAddress(a);
        unlinkAndFree(a);
    }

    // Unlinks the record locate() found and gives its memory back.
    private void unlinkAndFree(long a) {
        long next = next(a);
        if (locPrev == NIL) locTable[locBucket] = next;
        else setNext(locPrev, next);
        if (locTable == table0) used0--;
        else used1--;
        ByteBuffer p = arena.page(a);
        int o = arena.offset(a);
        int meta = p.get(o + META) & 0xff;
        if ((meta & HAS_DEADLINE) != 0) expiry.remove(p.getInt(o + SLOT));
        int lengthAt = valueLengthOffset(p, o);
        int keyLen = readVarint(p, o + KEY_LENGTH);
        int valueLen = readVarint(p, lengthAt);
        if ((meta & LARGE) != 0) arena.freeLarge(p.getInt(lengthAt + varintBytes(valueLen)));
        if ((handleTypes & 1L << (meta & TYPE_MASK)) != 0) releaseHandle.accept(p.getInt(lengthAt + varintBytes(valueLen)));
        arena.free(a, sizeClass(keyLen, valueLen));
        shrinkIfSparse();
    }

    /**
     * Removes every key and gives every page back (FLUSHDB). The pages' native memory returns when the collector clears
     * the buffer objects; {@link #usedBytes} stops counting it at once.
     */
    public void clear() {
        arena.clear();
        expiry.clear();
        table0 = new long[MIN_BUCKETS];
        table1 = null;
        rehashIndex = -1;
        used0 = 0;
        used1 = 0;
        locTable = null;
    }

    /** Same as {@link #clear}: the store holds nothing afterwards, and may be used again. */
    @Override
    public void close() {
        clear();
    }

    // ---- resizing ------------------------------------------------------------------------------------------------------

    private void startRehash(int buckets) {
        table1 = new long[buckets];
        used1 = 0;
        rehashIndex = 0;
    }

    private void shrinkIfSparse() {
        if (table1 == null && table0.length > MIN_BUCKETS && used0 < table0.length / 8) {
            int buckets = used0 <= MIN_BUCKETS ? MIN_BUCKETS : Integer.highestOneBit(used0 - 1) << 1;
            startRehash(buckets);
        }
    }

    /**
     * Whether a resize is under way: two tables, buckets still to move.
     *
     * @return true while rehashing
     */
    public boolean isRehashing() {
        return table1 != null;
    }

    /**
     * Moves up to {@code buckets} non-empty buckets from the old table to the new one, visiting at most ten times as many
     * empty ones (Redis's {@code dictRehash}); the loop calls it once per turn so a resize finishes even when no command
     * touches the store. Does nothing when no resize is under way.
     *
     * @param buckets how many buckets to move at most
     * @return whether buckets are still left to move
     */
    public boolean rehashStep(int buckets) {
        if (table1 == null) return false;
        int emptyVisits = buckets * 10;
        long[] from = table0;
        long[] to = table1;
        int mask = to.length - 1;
        while (buckets-- > 0 && used0 != 0) {
            while (from[rehashIndex] == NIL) {
                rehashIndex++;
                if (--emptyVisits == 0) return true;
            }
            // Move the whole chain: each record goes to the head of its bucket in the new table.
            for (long a = from[rehashIndex]; a != NIL; ) {
                long next = next(a);
                int bucket = hashOf(a) & mask;
                setNext(a, to[bucket]);
                to[bucket] = a;
                used0--;
                used1++;
                a = next;
            }
            from[rehashIndex++] = NIL;
        }
        if (used0 != 0) return true;
        table0 = to;
        used0 = used1;
        table1 = null;
        used1 = 0;
        rehashIndex = -1;
        shrinkIfSparse(); // keys deleted during the rehash may leave even the new table too big
        return table1 != null;
    }

    // ---- deadlines -----------------------------------------------------------------------------------------------------

    /**
     * The deadline of the record at {@code a}.
     *
     * @param a a live record's address
     * @return absolute epoch milliseconds, or {@link #NO_DEADLINE}
     */
    public long deadline(long a) {
        ByteBuffer p = arena.page(a);
        int o = arena.offset(a);
        return (p.get(o + META) & HAS_DEADLINE) == 0 ? NO_DEADLINE : expiry.deadline(p.getInt(o + SLOT));
    }

    /**
     * Gives the record at {@code a} a deadline, changes it, or with {@link #NO_DEADLINE} removes it (PERSIST). The record
     * never moves: its heap-slot field is always there. The store does not compare deadlines with any clock: a deadline
     * in the past just makes the record due for {@link #popDue} at once.
     *
     * @param a a live record's address
     * @param deadlineMillis absolute epoch milliseconds, or {@link #NO_DEADLINE}
     */
    public void setDeadline(long a, long deadlineMillis) {
        ByteBuffer p = arena.page(a);
        int o = arena.offset(a);
        int meta = p.get(o + META) & 0xff;
        if ((meta & HAS_DEADLINE) != 0) {
            int slot = p.getInt(o + SLOT);
            if (deadlineMillis == NO_DEADLINE) {
                expiry.remove(slot);
                p.put(o + META, (byte) (meta & ~HAS_DEADLINE));
            } else {
                expiry.update(slot, deadlineMillis);
            }
        } else if (deadlineMillis != NO_DEADLINE) {
            p.put(o + META, (byte) (meta | HAS_DEADLINE));
            expiry.add(deadlineMillis, a); // writes the record's slot field
        }
    }

    /**
     * How many keys have a deadline (INFO's {@code expires=}); exact, since the heap holds no stale items.
     *
     * @return the count
     */
    public int keysWithDeadline() {
        return expiry.size();
    }

    /**
     * The earliest deadline of any key, for the loop's key-expiry timer.
     *
     * @return absolute epoch milliseconds, or {@link #NO_DEADLINE} if no key has one
     */
    public long nextDeadline() {
        return expiry.peekDeadline();
    }

    /**
     * Takes the earliest deadline off the heap if it is due ({@code <= now}) and returns its record, which stays in the
     * store, now without a deadline, so that the caller can read its key (for keyspace notifications, or to propagate a
     * DEL) before it calls {@link #delete(long)}. Active expiry is then:
     * <pre>
     *   for (long a; removed &lt; max &amp;&amp; (a = store.popDue(now)) != Store.NIL; removed++) { ...; store.delete(a); }
     * </pre>
     *
     * @param now the current time, epoch milliseconds
     * @return a due record's address, or {@link #NIL} if none is due
     */
    public long popDue(long now) {
        if (expiry.size() == 0 || expiry.peekDeadline() > now) return NIL;
        long a = expiry.peekAddress();
        expiry.remove(0);
        meta(a, meta(a) & ~HAS_DEADLINE);
        return a;
    }

    // ---- iteration -----------------------------------------------------------------------------------------------------

    /**
     * Visits the records of one bucket chosen by {@code cursor} (while rehashing: one bucket of the smaller table and the
     * buckets it expands to in the bigger one) and returns the cursor for the next call; 0 means the iteration is over.
     *
     * <p>The cursor walks bucket indexes with their bits reversed: it increments the <em>highest</em> bit of the index
     * first. When the table doubles, bucket {@code i} splits into {@code i} and {@code i + size}, which in reversed order
     * come right next to each other, so buckets already visited stay visited and none is skipped; when it halves, two
     * visited buckets merge into one visited bucket. During a rehash both tables are visited: the bucket of the smaller
     * one, then every bucket of the bigger one that has the same low bits (Redis's {@code dictScan}). The price is that a
     * key may be returned twice, exactly as in Redis. A call does bounded work: one bucket, or one plus the buckets it
     * expands to, as many as the ratio of the two tables' sizes.
     *
     * @param cursor 0 to start, then the value the previous call returned
     * @param action receives each record's address; it must not change the store
     * @return the next cursor, or 0 when every bucket has been visited
     */
    public long scan(long cursor, LongConsumer action) {
        if (size() == 0) return 0;
        if (table1 == null) {
            long mask = table0.length - 1;
            visitBucket(table0[(int) (cursor & mask)], action);
            return nextCursor(cursor, mask);
        }
        long[] small = table0;
        long[] big = table1;
        if (small.length > big.length) {
            small = table1;
            big = table0;
        }
        long smallMask = small.length - 1;
        long bigMask = big.length - 1;
        visitBucket(small[(int) (cursor & smallMask)], action);
        // The buckets of the bigger table whose low bits are the smaller one's bucket, in reversed-increment order.
        do {
            visitBucket(big[(int) (cursor & bigMask)], action);
            cursor = nextCursor(cursor, bigMask);
        } while ((cursor & (smallMask ^ bigMask)) != 0);
        return cursor;
    }

    private void visitBucket(long a, LongConsumer action) {
        while (a != NIL) {
            long next = next(a);
            action.accept(a);
            a = next;
        }
    }

    // Increment the cursor's masked bits in reversed order: set the bits above the mask so the carry runs into them.
    private static long nextCursor(long cursor, long mask) {
        cursor |= ~mask;
        cursor = Long.reverse(cursor);
        cursor++;
        return Long.reverse(cursor);
    }

    /**
     * A record chosen at random (for eviction, and RANDOMKEY when it comes): a random non-empty bucket, then a random record of its chain,
     * like Redis's {@code dictGetRandomKey}. Not perfectly fair: a record in a long chain is less likely than one alone.
     *
     * @param random the source of randomness
     * @return an address, or {@link #NIL} if the store is empty
     */
    public long randomAddress(RandomGenerator random) {
        if (size() == 0) return NIL;
        if (table1 != null) rehashStep(1);
        long head;
        if (table1 != null) {
            // Table0's buckets below rehashIndex are empty: draw from the rest of table0 and all of table1.
            int from = rehashIndex;
            int span = table0.length + table1.length - from;
            do {
                int i = from + random.nextInt(span);
                head = i < table0.length ? table0[i] : table1[i - table0.length];
            } while (head == NIL);
        } else {
            do {
                head = table0[random.nextInt(table0.length)];
            } while (head == NIL);
        }
        int length = 0;
        for (long a = head; a != NIL; a = next(a)) length++;
        long a = head;
        for (int skip = random.nextInt(length); skip > 0; skip--) a = next(a);
        return a;
    }

    /**
     * Up to {@code count} records from consecutive buckets starting at a random one (Redis's {@code dictGetSomeKeys}, the
     * sampler behind approximate LRU eviction). Cheap rather than uniform; in a small table the walk may wrap around and
     * return a record twice.
     *
     * @param random the source of randomness
     * @param dst receives the addresses
     * @param count how many are wanted, at most {@code dst.length}
     * @return how many were stored in {@code dst}
     */
    public int sample(RandomGenerator random, long[] dst, int count) {
        int wanted = Math.min(count, size());
        if (wanted <= 0) return 0;
        for (int j = 0; j < wanted && table1 != null; j++) rehashStep(1);
        int tables = table1 == null ? 1 : 2;
        int maxMask = table0.length - 1;
        if (tables == 2) maxMask = Math.max(maxMask, table1.length - 1);
        int i = random.nextInt() & maxMask;
        int emptyInARow = 0;
        int stored = 0;
        for (int steps = wanted * 10; stored < wanted && steps > 0; steps--) {
            for (int t = 0; t < tables; t++) {
                long[] table = t == 0 ? table0 : table1;
                if (tables == 2 && t == 0 && i < rehashIndex) {
                    // Those buckets of table0 are empty; if i is past table1's end too, nothing is there until rehashIndex.
                    if (i >= table1.length) i = rehashIndex;
                    else continue;
                }
                if (i >= table.length) continue;
                long a = table[i];
                if (a == NIL) {
                    if (++emptyInARow >= 5 && emptyInARow > wanted) {
                        i = random.nextInt() & maxMask;
                        emptyInARow = 0;
                    }
                } else {
                    emptyInARow = 0;
                    for (; a != NIL; a = next(a)) {
                        dst[stored++] = a;
                        if (stored == wanted) return stored;
                    }
                }
            }
            i = (i + 1) & maxMask;
        }
        return stored;
    }

    /**
     * Up to {@code count} records that have a deadline, each drawn at random from the expiry heap (the sampler behind
     * the {@code volatile-*} eviction policies, like Redis's sampling of its {@code expires} table). Draws may repeat.
     *
     * @param random the source of randomness
     * @param dst receives the addresses
     * @param count how many are wanted, at most {@code dst.length}
     * @return how many were stored in {@code dst}: 0 when no key has a deadline
     */
    public int sampleWithDeadline(RandomGenerator random, long[] dst, int count) {
        int n = expiry.size();
        int wanted = Math.min(count, n);
        for (int i = 0; i < wanted; i++) dst[i] = expiry.address(random.nextInt(n));
        return wanted;
    }

    // ---- sizes ---------------------------------------------------------------------------------------------------------

    /**
     * Keys stored.
     *
     * @return the count
     */
    public int size() {
        return used0 + used1;
    }

    /**
     * The longest key a record can hold: a little under a quarter of a page (8 MiB with the default pages).
     *
     * @return bytes
     */
    public int maxKeyBytes() {
        return maxKeyBytes;
    }

    /**
     * Everything the store holds: its pages, the dedicated buffers of large values, the index arrays and the expiry
     * heap's arrays. Pages are counted whole, used or free; a dropped buffer stops counting at once, even though its
     * native memory returns only when the collector clears it.
     *
     * @return bytes
     */
    public long usedBytes() {
        long index = 8L * (table0.length + (table1 == null ? 0 : table1.length));
        return arena.pageBytesTotal() + arena.largeBytes() + index + expiry.bytes();
    }

    /**
     * What {@code maxmemory} counts: {@link #liveBytes}, plus the index arrays and the expiry heap's arrays. Unlike
     * {@link #usedBytes} it leaves out the free space in the pages, so deleting keys brings it down at once.
     *
     * @return bytes
     */
    public long usedMemoryBytes() {
        long index = 8L * (table0.length + (table1 == null ? 0 : table1.length));
        return liveBytes() + index + expiry.bytes();
    }

    /**
     * Bytes in live records, each counted at its size class, plus the large values' buffers: {@link #usedBytes} minus
     * this is free space in the pages, the index and the heap.
     *
     * @return bytes
     */
    public long liveBytes() {
        return arena.liveRecordBytes() + arena.largeBytes();
    }

    /** The largest record the arena's pages hold; bigger values go to dedicated buffers. For tests. */
    int maxRecordBytes() {
        return arena.maxRecordBytes;
    }

    /** The bytes of pages taken so far; for tests. */
    long pageBytes() {
        return arena.pageBytesTotal();
    }

    /** The bytes of dedicated buffers of large values; for tests. */
    long largeBytes() {
        return arena.largeBytes();
    }

    /** The number of buckets in the main table (the old one while rehashing); for tests. */
    int buckets() {
        return table0.length;
    }

    /** The bytes the record for a key and a value of these lengths takes in the pages; for tests. */
    int recordBytesFor(int keyLen, int valueLen) {
        return arena.classBytes(sizeClass(keyLen, valueLen));
    }

    /**
     * Checks every structural promise: each record in the bucket its hash names, table0 empty below rehashIndex, the
     * counts, each deadline bit matching a heap item that points back, the byte accounting. For tests; O(n).
     */
    void checkInvariants() {
        int[] deadlines = {0};
        long[] bytes = {0, 0};
        int n0 = checkTable(table0, table1 != null ? rehashIndex : 0, deadlines, bytes);
        int n1 = table1 == null ? 0 : checkTable(table1, 0, deadlines, bytes);
        if (n0 != used0 || n1 != used1) {
            throw new IllegalStateException("counted " + n0 + "+" + n1 + " records, expected " + used0 + "+" + used1);
        }
        if (deadlines[0] != expiry.size()) {
            throw new IllegalStateException(deadlines[0] + " records with a deadline, " + expiry.size() + " in the heap");
        }
        if (bytes[0] != arena.liveRecordBytes()) {
            throw new IllegalStateException("record bytes " + bytes[0] + " but the arena counts " + arena.liveRecordBytes());
        }
        if (bytes[1] != arena.largeBytes()) {
            throw new IllegalStateException("large bytes " + bytes[1] + " but the arena counts " + arena.largeBytes());
        }
        expiry.checkInvariants();
    }

    private int checkTable(long[] table, int firstUsed, int[] deadlines, long[] bytes) {
        int count = 0;
        int limit = size();
        for (int bucket = 0; bucket < table.length; bucket++) {
            if (bucket < firstUsed && table[bucket] != NIL) throw new IllegalStateException("moved bucket " + bucket);
            for (long a = table[bucket]; a != NIL; a = next(a)) {
                if ((a & (Arena.ALIGNMENT - 1)) != 0) throw new IllegalStateException("misaligned address " + a);
                if ((hashOf(a) & (table.length - 1)) != bucket) throw new IllegalStateException("wrong bucket " + bucket);
                if (++count > limit) throw new IllegalStateException("a chain loops, or size() is wrong");
                ByteBuffer p = arena.page(a);
                int o = arena.offset(a);
                int meta = p.get(o + META) & 0xff;
                int keyLen = keyLength(a);
                int valueLen = valueLength(a);
                bytes[0] += recordBytesFor(keyLen, valueLen);
                if (((meta & LARGE) != 0) != isLarge(keyLen, valueLen)) throw new IllegalStateException("large bit");
                if ((meta & LARGE) != 0) {
                    bytes[1] += arena.large(p.getInt(valueLengthOffset(p, o) + varintBytes(valueLen))).capacity();
                }
                if ((meta & HAS_DEADLINE) != 0) {
                    deadlines[0]++;
                    int slot = p.getInt(o + SLOT);
                    if (slot < 0 || slot >= expiry.size() || expiry.address(slot) != a) {
                        throw new IllegalStateException("heap slot " + slot + " does not point back at " + a);
                    }
                }
            }
        }
        return count;
    }
}
