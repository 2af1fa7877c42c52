package dev.miniredis.db;

import dev.miniredis.db.types.Listpack;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** Packed collections in records, heap ones behind handles, and every way a handle is given back. */
@Timeout(30)
class CollectionStorageTest {
    private static final long NOW = 1_000_000;

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** A stand-in for a big collection: reports whatever size it is told. */
    private static final class Blob implements HeapValue {
        long bytes;

        Blob(long bytes) {
            this.bytes = bytes;
        }

        @Override
        public long memoryBytes() {
            return bytes;
        }

        @Override
        public HeapValue copy() {
            return new Blob(bytes);
        }
    }

    @Test
    void listpackEntriesInsertReplaceDelete() {
        byte[] buf = new byte[1024];
        int len = Listpack.init(buf);
        len = Listpack.insert(buf, len, len, b("a"), 0, 1);
        len = Listpack.insert(buf, len, len, b("x".repeat(200)), 0, 200); // a 2-byte varint
        len = Listpack.insert(buf, len, Listpack.HEADER_BYTES, b("first"), 0, 5);
        Listpack.setCount(buf, 3);
        assertThat(Listpack.count(buf)).isEqualTo(3);
        assertThat(Listpack.copy(buf, Listpack.seek(buf, 0))).isEqualTo(b("first"));
        assertThat(Listpack.copy(buf, Listpack.seek(buf, 1))).isEqualTo(b("a"));
        assertThat(Listpack.length(buf, Listpack.seek(buf, 2))).isEqualTo(200);
        assertThat(Listpack.seek(buf, 3)).isEqualTo(len);
        len = Listpack.replace(buf, len, Listpack.seek(buf, 1), b("longer"), 0, 6);
        assertThat(Listpack.equalsAt(buf, Listpack.seek(buf, 1), b("longer"), 0, 6)).isTrue();
        assertThat(Listpack.compareAt(buf, Listpack.seek(buf, 1), b("longes"))).isNegative();
        len = Listpack.delete(buf, len, Listpack.seek(buf, 0), 2);
        assertThat(Listpack.length(buf, Listpack.HEADER_BYTES)).isEqualTo(200);
        assertThat(len).isEqualTo(Listpack.HEADER_BYTES + 2 + 200);
    }

    @Test
    void packedValuesKeepTheirDeadlineAndType() {
        Db db = new Db();
        byte[] buf = db.scratch(0, 64);
        int len = Listpack.init(buf);
        len = Listpack.insert(buf, len, len, b("v"), 0, 1);
        Listpack.setCount(buf, 1);
        long a = db.putPacked(b("h"), Encoding.HASH_PACKED, buf, len, NOW);
        db.setDeadline(a, NOW + 10);
        a = db.putPacked(b("h"), Encoding.HASH_PACKED, buf, len, NOW);
        assertThat(db.deadlineMillis(a)).isEqualTo(NOW + 10);
        assertThat(Encoding.typeName(db.type(a))).isEqualTo("hash");
        assertThat(Encoding.name(db.type(a))).isEqualTo("listpack");
        assertThat(Listpack.count(db.readPacked(a, 1))).isEqualTo(1);
    }

    @Test
    void everyRemovalGivesTheHeapObjectBack() {
        Db db = new Db();
        long base = db.usedMemoryBytes();
        Blob big = new Blob(1_000_000);
        long a = db.putObject(b("k"), Encoding.HASH, big, NOW);
        assertThat(db.object(a)).isSameAs(big);
        assertThat(db.usedMemoryBytes() - base).isGreaterThanOrEqualTo(1_000_000);
        big.bytes = 3_000_000;
        db.resized(a);
        assertThat(db.usedMemoryBytes() - base).isGreaterThanOrEqualTo(3_000_000);

        db.delete(b("k"), NOW);                                  // DEL
        assertThat(db.heapObjects()).isZero();
        db.putObject(b("k"), Encoding.SET, new Blob(10), NOW);
        db.put(b("k"), b("now a string"), NOW);                  // overwritten by SET
        assertThat(db.heapObjects()).isZero();
        long e = db.putObject(b("e"), Encoding.ZSET, new Blob(10), NOW);
        db.setDeadline(e, NOW + 5);
        assertThat(db.expireDue(NOW + 5, 10)).isEqualTo(1);      // active expiry
        assertThat(db.heapObjects()).isZero();
        long l = db.putObject(b("l"), Encoding.LIST, new Blob(10), NOW);
        db.setDeadline(l, NOW + 5);
        assertThat(db.lookup(b("l"), NOW + 5)).isEqualTo(Db.NIL); // lazy expiry
        assertThat(db.heapObjects()).isZero();
        db.putObject(b("x"), Encoding.LIST, new Blob(10), NOW);
        db.clear();                                              // FLUSHDB
        assertThat(db.heapObjects()).isZero();
        assertThat(db.usedMemoryBytes()).isEqualTo(base);
    }

    @Test
    void evictionGivesTheHeapObjectBack() {
        Db db = new Db();
        db.eviction().policy(Eviction.Policy.ALLKEYS_RANDOM);
        for (int i = 0; i < 100; i++) db.putObject(b("k" + i), Encoding.HASH, new Blob(10_000), NOW);
        db.maxMemoryBytes(db.usedMemoryBytes() / 2);
        assertThat(db.evictIfNeeded(NOW, 1000)).isTrue();
        assertThat(db.heapObjects()).isEqualTo(db.size());
        assertThat(Long.compareUnsigned(db.usedMemoryBytes(), db.maxMemoryBytes())).isLessThanOrEqualTo(0);
    }

    @Test
    void aNewListOrSortedSetSignalsItsKey() {
        Db db = new Db();
        java.util.List<String> ready = new java.util.ArrayList<>();
        db.onKeyReady(k -> ready.add(new String(k, StandardCharsets.UTF_8)));
        byte[] buf = db.scratch(0, 16);
        int len = Listpack.init(buf);
        db.putPacked(b("l"), Encoding.LIST_PACKED, buf, len, NOW);
        db.putPacked(b("l"), Encoding.LIST_PACKED, buf, len, NOW);   // an existing key: not again
        db.putPacked(b("h"), Encoding.HASH_PACKED, buf, len, NOW);   // a hash: nobody blocks on hashes
        db.putObject(b("z"), Encoding.ZSET, new Blob(1), NOW);
        assertThat(ready).containsExactly("l", "z");
    }
}
