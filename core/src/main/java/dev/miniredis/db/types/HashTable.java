package dev.miniredis.db.types;

import dev.miniredis.db.HeapValue;

/**
 * A big hash: Redis's {@code hashtable} encoding, which a hash becomes once it outgrows its packed form (more fields
 * than {@code hash-max-listpack-entries}, or a field or value longer than {@code hash-max-listpack-value}).
 *
 * <p>It is a {@link BytesMap} from field to value, both plain {@code byte[]}s: no wrapper object per field, so a field
 * costs its two arrays and the map's few array slots, much as a Redis {@code dictEntry} and its two {@code sds} strings
 * do. The only thing added here is the count of the value arrays' bytes, so that {@link #memoryBytes} (and through it
 * {@code used_memory} and {@code maxmemory}) sees the values as well as the fields.
 *
 * <p>Arrays handed to {@link #put} are kept, not copied: the commands pass the argument arrays the request parser
 * allocated for them, which are theirs to keep.
 *
 * <p>Loop thread only, like the keyspace that owns it.
 */
public final class HashTable implements HeapValue {
    private final BytesMap<byte[]> map = new BytesMap<>();
    private long valueBytes;

    /**
     * The map itself, for walks ({@link BytesMap#forEach}, {@link BytesMap#scan}) and lookups by entry. Change values
     * only through this class, so the byte count stays right.
     *
     * @return the field-to-value map
     */
    public BytesMap<byte[]> map() {
        return map;
    }

    /**
     * Fields held.
     *
     * @return the number of fields
     */
    public int size() {
        return map.size();
    }

    /**
     * The value of a field.
     *
     * @param field the field's bytes
     * @return the value's array itself (do not change it), or null if the field is absent
     */
    public byte[] get(byte[] field) {
        return map.get(field);
    }

    /**
     * Sets a field's value, adding the field if it is new.
     *
     * @param field the field's bytes, kept if the field is new
     * @param value the value's bytes, kept
     * @return true if the field was new
     */
    public boolean put(byte[] field, byte[] value) {
        int e = map.find(field);
        valueBytes += BytesMap.arrayBytes(value.length);
        if (e >= 0) {
            valueBytes -= BytesMap.arrayBytes(map.value(e).length);
            map.value(e, value);
            return false;
        }
        map.add(field, value);
        return true;
    }

    /**
     * Removes a field.
     *
     * @param field the field's bytes
     * @return true if it was there
     */
    public boolean remove(byte[] field) {
        int e = map.find(field);
        if (e < 0) return false;
        valueBytes -= BytesMap.arrayBytes(map.value(e).length);
        map.removeEntry(e);
        return true;
    }

    /** The map's arrays and fields, plus the value arrays. */
    @Override
    public long memoryBytes() {
        return 16 + map.memoryBytes() + valueBytes;
    }
}
