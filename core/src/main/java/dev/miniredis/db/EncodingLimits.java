package dev.miniredis.db;

/**
 * When a small collection stops being packed: Redis's {@code *-max-listpack-*} and {@code set-max-intset-entries}
 * parameters, with Redis 7.0.15's defaults (checked against a real server: {@code hash-max-listpack-entries} is 512 in
 * its code, though the sample {@code redis.conf} says 128). CONFIG SET changes them; a collection already converted
 * stays converted, as in Redis, and a packed one converts at its next write past the new limit.
 *
 * <p>Plain mutable fields: the loop thread owns them like the rest of the {@link Db}.
 */
public final class EncodingLimits {
    /**
     * {@code list-max-listpack-size}: positive, the most elements in one packed node; negative, a byte size per node
     * (-1: 4 KB, -2: 8 KB, -3: 16 KB, -4: 32 KB, -5: 64 KB).
     */
    public int listMaxListpackSize = -2;
    /** {@code hash-max-listpack-entries}: more fields than this and a hash becomes a hashtable. */
    public long hashMaxListpackEntries = 512;
    /** {@code hash-max-listpack-value}: a field or value longer than this and a hash becomes a hashtable. */
    public long hashMaxListpackValue = 64;
    /** {@code set-max-intset-entries}: more integers than this and an intset becomes a hashtable. */
    public long setMaxIntsetEntries = 512;
    /** {@code zset-max-listpack-entries}: more members than this and a sorted set becomes a skiplist. */
    public long zsetMaxListpackEntries = 128;
    /** {@code zset-max-listpack-value}: a member longer than this and a sorted set becomes a skiplist. */
    public long zsetMaxListpackValue = 64;

    /**
     * Whether a list node of {@code entries} elements and {@code bytes} bytes is within {@code list-max-listpack-size},
     * as Redis's quicklist decides whether a node may take one more element.
     *
     * @param entries elements in the node
     * @param bytes the node's encoded size
     * @return true if the node may be that big
     */
    public boolean listNodeFits(int entries, long bytes) {
        if (listMaxListpackSize >= 0) return entries <= Math.max(1, listMaxListpackSize) && bytes <= SAFETY_BYTES;
        int level = Math.min(-listMaxListpackSize, 5);
        return bytes <= 4096L << (level - 1);
    }

    /** A node never grows past this, whatever the count limit says (Redis's SIZE_SAFETY_LIMIT). */
    public static final long SAFETY_BYTES = 8192;
}
