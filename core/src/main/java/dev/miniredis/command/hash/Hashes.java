package dev.miniredis.command.hash;

import dev.miniredis.command.CommandError;
import dev.miniredis.db.Db;
import dev.miniredis.db.Encoding;
import dev.miniredis.db.EncodingLimits;
import dev.miniredis.db.types.HashTable;
import dev.miniredis.db.types.Listpack;
import dev.miniredis.protocol.RespWriter;

/**
 * What the hash commands share: the type check, finding a field in the packed form, writing fields with Redis's
 * conversion rule, and replying with fields and values from either form.
 *
 * <h2>Two forms of one hash</h2>
 * <pre>
 *   HASH_PACKED (OBJECT ENCODING "listpack")          HASH (OBJECT ENCODING "hashtable")
 *   record: | count | f1 | v1 | f2 | v2 | ... |       record: | handle | --> HashTable: buckets of entries,
 *   fields in insertion order, new ones appended                             one "field value" array each
 * </pre>
 * A hash starts packed and stays packed while it has at most {@code hash-max-listpack-entries} fields (512 on Redis
 * 7.0.15) and no field or value longer than {@code hash-max-listpack-value} bytes (64). The first write that breaks
 * either limit converts it, once: Redis 7.0 never converts a hashtable back, even when it shrinks to one field, and
 * neither do we, so OBJECT ENCODING answers the same for the same history.
 *
 * <p>A packed hash is read by copying the record into scratch slot 0 and walking it: a linear search, as Redis's
 * {@code lpFind} is, over at most {@code hash-max-listpack-entries} fields of at most {@code hash-max-listpack-value}
 * bytes, and the record costs the collector nothing. Replies are written straight from the scratch bytes (or from a
 * big hash's entry arrays), never through a {@code byte[]} per field.
 */
final class Hashes {
    private Hashes() {
    }

    /**
     * Checks that the record at {@code a} is a hash: WRONGTYPE for any other type. {@link Db#NIL} passes, so callers
     * test for it afterwards.
     */
    static long requireHash(Db db, long a) {
        if (a != Db.NIL) {
            byte type = db.type(a);
            if (type != Encoding.HASH_PACKED && type != Encoding.HASH) throw CommandError.WRONG_TYPE;
        }
        return a;
    }

    /** Whether the hash at {@code a} is in its packed form (else it is a {@link HashTable}). */
    static boolean packed(Db db, long a) {
        return db.type(a) == Encoding.HASH_PACKED;
    }

    /** The fields of the hash at {@code a}; a packed one's count is read from its first four bytes only. */
    static int length(Db db, long a) {
        if (!packed(db, a)) return ((HashTable) db.object(a)).size();
        byte[] head = db.scratch(0, Listpack.HEADER_BYTES);
        db.copyValue(a, head, 0, Listpack.HEADER_BYTES);
        return Listpack.count(head) / 2;
    }

    /** The position of {@code field}'s entry in the packed hash {@code b}, or -1. Its value is the next entry. */
    static int find(byte[] b, byte[] field) {
        int entries = Listpack.count(b);
        int pos = Listpack.HEADER_BYTES;
        for (int i = 0; i < entries; i += 2) {
            if (Listpack.equalsAt(b, pos, field, 0, field.length)) return pos;
            pos = Listpack.next(b, Listpack.next(b, pos));
        }
        return -1;
    }

    /** The length of {@code field}'s value in the hash at {@code a} (which must exist), or -1 if it is absent. */
    static int valueLength(Db db, long a, byte[] field) {
        if (packed(db, a)) {
            byte[] b = db.readPacked(a, 0);
            int pos = find(b, field);
            return pos < 0 ? -1 : Listpack.length(b, Listpack.next(b, pos));
        }
        HashTable table = (HashTable) db.object(a);
        int e = table.find(field);
        return e < 0 ? -1 : table.valueLength(e);
    }

    /** Writes the entry at {@code pos} of a packed hash as a bulk string, straight from the scratch bytes. */
    static void bulkAt(RespWriter out, byte[] b, int pos) {
        out.bulk(b, Listpack.data(b, pos), Listpack.length(b, pos));
    }

    /** A packed hash as a {@link HashTable}: the conversion, each field and value copied once, into its entry. */
    static HashTable unpack(byte[] b) {
        HashTable table = new HashTable();
        int entries = Listpack.count(b);
        int pos = Listpack.HEADER_BYTES;
        for (int i = 0; i < entries; i += 2) {
            int valuePos = Listpack.next(b, pos);
            table.put(b, Listpack.data(b, pos), Listpack.length(b, pos),
                    b, Listpack.data(b, valuePos), Listpack.length(b, valuePos));
            pos = Listpack.next(b, valuePos);
        }
        return table;
    }

    /**
     * Sets the fields and values {@code argv[from]}, {@code argv[from + 1]}, ... up to {@code to} (exclusive) on the
     * hash {@code key}, creating it if {@code a} is {@link Db#NIL}: HSET's, HMSET's and every other write's work.
     *
     * <p>Redis's rule for the encoding, from {@code hashTypeTryConversion} and {@code hashTypeSet}: a field or value
     * longer than {@code hash-max-listpack-value}, whether the field is new or not, converts the hash before anything
     * is set; more fields than {@code hash-max-listpack-entries} after an insertion converts it after. Since fields
     * only come in here, "after any insertion" is the same as "at the end", which is when we check.
     *
     * @return how many fields were new
     */
    static int put(Db db, byte[] key, long a, byte[][] argv, int from, int to, long now) {
        if (a != Db.NIL && !packed(db, a)) {
            HashTable table = (HashTable) db.object(a);
            int created = putAll(table, argv, from, to);
            db.resized(a);
            return created;
        }
        EncodingLimits limits = db.limits();
        for (int i = from; i < to; i++) {
            if (argv[i].length > limits.hashMaxListpackValue) {
                HashTable table = a == Db.NIL ? new HashTable() : unpack(db.readPacked(a, 0));
                int created = putAll(table, argv, from, to);
                db.putObject(key, Encoding.HASH, table, now); // replaces the packed record: the conversion
                return created;
            }
        }
        byte[] b;
        int length;
        if (a == Db.NIL) {
            b = db.scratch(0, 64);
            length = Listpack.init(b);
        } else {
            b = db.readPacked(a, 0);
            length = db.valueLength(a);
        }
        int created = 0;
        for (int i = from; i < to; i += 2) {
            byte[] field = argv[i];
            byte[] value = argv[i + 1];
            int pos = find(b, field);
            if (pos >= 0) {
                b = db.scratch(0, length + Listpack.entryBytes(value.length)); // room for the value to grow
                length = Listpack.replace(b, length, Listpack.next(b, pos), value, 0, value.length);
            } else {
                b = db.scratch(0, length + Listpack.entryBytes(field.length) + Listpack.entryBytes(value.length));
                length = Listpack.insert(b, length, length, field, 0, field.length);
                length = Listpack.insert(b, length, length, value, 0, value.length);
                Listpack.setCount(b, Listpack.count(b) + 2);
                created++;
            }
        }
        if (Listpack.count(b) / 2 > limits.hashMaxListpackEntries) {
            db.putObject(key, Encoding.HASH, unpack(b), now);
        } else {
            db.putPacked(key, Encoding.HASH_PACKED, b, length, now);
        }
        return created;
    }

    /** {@link #put} of one field, for HSETNX, HINCRBY and HINCRBYFLOAT. */
    static void put(Db db, byte[] key, long a, byte[] field, byte[] value, long now) {
        put(db, key, a, new byte[][] {field, value}, 0, 2, now);
    }

    /**
     * Removes the fields {@code argv[from ..]} from the hash {@code key} at {@code a} (which must exist): HDEL's work.
     * Removing the last field deletes the key, as Redis does; a big hash stays a hashtable however small it gets.
     *
     * @return how many of the fields were there
     */
    static int delete(Db db, byte[] key, long a, byte[][] argv, int from, long now) {
        int deleted = 0;
        if (packed(db, a)) {
            byte[] b = db.readPacked(a, 0);
            int length = db.valueLength(a);
            for (int i = from; i < argv.length && Listpack.count(b) > 0; i++) {
                int pos = find(b, argv[i]);
                if (pos < 0) continue;
                length = Listpack.delete(b, length, pos, 2); // the field and its value
                Listpack.setCount(b, Listpack.count(b) - 2);
                deleted++;
            }
            if (Listpack.count(b) == 0) db.delete(a);
            else if (deleted > 0) db.putPacked(key, Encoding.HASH_PACKED, b, length, now);
        } else {
            HashTable table = (HashTable) db.object(a);
            for (int i = from; i < argv.length && table.size() > 0; i++) {
                if (table.remove(argv[i])) deleted++;
            }
            if (table.size() == 0) db.delete(a);
            else if (deleted > 0) db.resized(a);
        }
        return deleted;
    }

    private static int putAll(HashTable table, byte[][] argv, int from, int to) {
        int created = 0;
        for (int i = from; i < to; i += 2) {
            if (table.put(argv[i], argv[i + 1])) created++;
        }
        return created;
    }

    /**
     * The value of {@code field} in the hash at {@code a} (which must exist), as {@code b[off .. off + len)}; for the
     * commands that compute with it (HINCRBY, HINCRBYFLOAT). A packed hash's value stays in scratch slot 0.
     */
    static final class Value {
        byte[] bytes;
        int offset;
        int length;

        /** Looks the field up; false if it is absent. */
        boolean find(Db db, long a, byte[] field) {
            if (packed(db, a)) {
                byte[] b = db.readPacked(a, 0);
                int pos = Hashes.find(b, field);
                if (pos < 0) return false;
                pos = Listpack.next(b, pos);
                bytes = b;
                offset = Listpack.data(b, pos);
                length = Listpack.length(b, pos);
                return true;
            }
            HashTable table = (HashTable) db.object(a);
            int e = table.find(field);
            if (e < 0) return false;
            bytes = table.entry(e);
            offset = table.fieldLength(e);
            length = table.valueLength(e);
            return true;
        }
    }

    /**
     * Replies with a whole hash: HGETALL's map of fields to values, or HKEYS' or HVALS' array. Packed hashes answer in
     * their insertion order, as Redis's listpacks do; big ones in the table's order, which differs from Redis's dict
     * order (both are "no particular order").
     */
    static void replyAll(RespWriter out, Db db, long a, boolean fields, boolean values) {
        if (packed(db, a)) {
            byte[] b = db.readPacked(a, 0);
            int n = Listpack.count(b) / 2;
            if (fields && values) out.map(n);
            else out.array(n);
            int pos = Listpack.HEADER_BYTES;
            for (int i = 0; i < n; i++) {
                if (fields) bulkAt(out, b, pos);
                pos = Listpack.next(b, pos);
                if (values) bulkAt(out, b, pos);
                pos = Listpack.next(b, pos);
            }
            return;
        }
        HashTable table = (HashTable) db.object(a);
        if (fields && values) out.map(table.size());
        else out.array(table.size());
        table.forEach(e -> {
            if (fields) fieldBulk(out, table, e);
            if (values) valueBulk(out, table, e);
        });
    }

    /** Entry {@code e}'s field as a bulk string, from its array. */
    static void fieldBulk(RespWriter out, HashTable table, int e) {
        out.bulk(table.entry(e), 0, table.fieldLength(e));
    }

    /** Entry {@code e}'s value as a bulk string, from its array. */
    static void valueBulk(RespWriter out, HashTable table, int e) {
        out.bulk(table.entry(e), table.fieldLength(e), table.valueLength(e));
    }
}
