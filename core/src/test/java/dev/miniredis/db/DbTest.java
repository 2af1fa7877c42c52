package dev.miniredis.db;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(60)
class DbTest {
    private static final long T0 = 1_000_000;

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void keysAreComparedByContent() {
        Db db = new Db();
        db.put(b("k"), b("v1"), Entry.PERSISTENT, T0);
        db.put(b("k"), b("v2"), Entry.PERSISTENT, T0);
        assertThat(db.size()).isEqualTo(1);
        assertThat((byte[]) db.get(b("k"), T0)).isEqualTo(b("v2"));
        assertThat(db.get(b("other"), T0)).isNull();
    }

    @Test
    void sameLengthOverwriteReusesTheStoredArray() {
        Db db = new Db();
        byte[] first = b("aaaa");
        db.put(b("k"), first, Entry.PERSISTENT, T0);
        byte[] second = b("bbbb");
        db.put(b("k"), second, Entry.PERSISTENT, T0);
        assertThat(db.get(b("k"), T0)).isSameAs(first);
        assertThat(first).isEqualTo(b("bbbb"));
        db.put(b("k"), b("longer"), Entry.PERSISTENT, T0);
        assertThat((byte[]) db.get(b("k"), T0)).isEqualTo(b("longer"));
    }

    @Test
    void lazyExpiryAtTheDeadline() {
        Db db = new Db();
        db.put(b("k"), b("v"), T0 + 100, T0);
        assertThat(db.get(b("k"), T0 + 99)).isNotNull();
        assertThat(db.get(b("k"), T0 + 100)).isNull();
        assertThat(db.size()).as("the lookup removed it").isZero();
        assertThat(db.expiredKeys()).isEqualTo(1);
    }

    @Test
    void activeExpiryRemovesKeysNobodyReads() {
        Db db = new Db();
        db.put(b("a"), b("v"), T0 + 100, T0);
        db.put(b("b"), b("v"), T0 + 200, T0);
        db.put(b("c"), b("v"), Entry.PERSISTENT, T0);
        assertThat(db.nextDeadlineMillis()).isEqualTo(T0 + 100);
        assertThat(db.expireDue(T0 + 99, 10)).isZero();
        assertThat(db.expireDue(T0 + 100, 10)).isEqualTo(1);
        assertThat(db.size()).isEqualTo(2);
        assertThat(db.nextDeadlineMillis()).isEqualTo(T0 + 200);
        assertThat(db.expireDue(T0 + 1000, 10)).isEqualTo(1);
        assertThat(db.size()).isEqualTo(1);
        assertThat(db.nextDeadlineMillis()).isEqualTo(Db.NO_DEADLINE);
    }

    @Test
    void expiryIsBoundedPerCall() {
        Db db = new Db();
        for (int i = 0; i < 1000; i++) db.put(b("k" + i), b("v"), T0 + 1, T0);
        assertThat(db.expireDue(T0 + 1, 300)).isEqualTo(300);
        assertThat(db.nextDeadlineMillis()).as("more are due: the loop must not sleep").isLessThanOrEqualTo(T0 + 1);
        int total = 300;
        while (db.size() > 0) total += db.expireDue(T0 + 1, 300);
        assertThat(total).isEqualTo(1000);
    }

    @Test
    void changedDeadlinesLeaveStaleQueueItemsThatAreSkipped() {
        Db db = new Db();
        db.put(b("k"), b("v"), T0 + 100, T0);
        Entry e = db.lookup(b("k"), T0);
        e = db.setDeadline(e, T0 + 500);    // the item for T0+100 is now stale
        assertThat(db.expireDue(T0 + 100, 10)).isZero();
        assertThat(db.get(b("k"), T0 + 100)).isNotNull();
        e = db.setDeadline(e, Entry.PERSISTENT); // and so is the one for T0+500
        assertThat(db.expireDue(T0 + 10_000, 10)).isZero();
        assertThat(db.get(b("k"), T0 + 10_000)).isNotNull();
        assertThat(db.keysWithDeadline()).isZero();
    }

    @Test
    void deletedAndRecreatedKeyIsNotExpiredByTheOldItem() {
        Db db = new Db();
        db.put(b("k"), b("old"), T0 + 100, T0);
        assertThat(db.delete(b("k"), T0)).isTrue();
        db.put(b("k"), b("new"), Entry.PERSISTENT, T0);
        assertThat(db.expireDue(T0 + 100, 10)).isZero();
        assertThat((byte[]) db.get(b("k"), T0 + 100)).isEqualTo(b("new"));
    }

    @Test
    void staleItemsDoNotPileUp() {
        Db db = new Db();
        db.put(b("k"), b("v"), T0 + 1, T0);
        Entry e = db.lookup(b("k"), T0);
        for (int i = 0; i < 100_000; i++) e = db.setDeadline(e, T0 + 2 + i);
        assertThat(db.expireDue(T0 + 200_000, 1_000_000)).isEqualTo(1);
        // 100,000 deadline changes, but the queue was rebuilt along the way: far fewer than 100,000 items were examined.
        assertThat(db.size()).isZero();
    }

    @Test
    void onlyKeysWithADeadlineCarryOneAndTheSwapKeepsTheChainIntact() {
        Db db = new Db();
        for (int i = 0; i < 100; i++) db.put(b("k" + i), b("v" + i), Entry.PERSISTENT, T0);
        Entry plain = db.lookup(b("k7"), T0);
        assertThat(plain).isNotInstanceOf(ExpiringEntry.class);
        Entry expiring = db.setDeadline(plain, T0 + 50);
        assertThat(expiring).isInstanceOf(ExpiringEntry.class);
        assertThat(db.lookup(b("k7"), T0)).isSameAs(expiring);
        assertThat(db.keysWithDeadline()).isEqualTo(1);
        for (int i = 0; i < 100; i++) assertThat((byte[]) db.get(b("k" + i), T0)).isEqualTo(b("v" + i));
        assertThat(db.setDeadline(expiring, Entry.PERSISTENT)).isSameAs(expiring);
        assertThat(db.keysWithDeadline()).isZero();
        assertThat(db.expireDue(T0 + 50, 10)).as("the old queue item is stale").isZero();
        assertThat(db.size()).isEqualTo(100);
    }

    @Test
    void aNewKeyWithADeadlineIsCreatedExpiringAndStillExpires() {
        Db db = new Db();
        db.put(b("k"), b("v"), T0 + 10, T0);
        assertThat(db.lookup(b("k"), T0)).isInstanceOf(ExpiringEntry.class);
        assertThat(db.keysWithDeadline()).isEqualTo(1);
        assertThat(db.nextDeadlineMillis()).isEqualTo(T0 + 10);
        assertThat(db.expireDue(T0 + 10, 10)).isEqualTo(1);
        assertThat(db.size()).isZero();
        assertThat(db.keysWithDeadline()).isZero();
    }

    @Test
    void pastDeadlineOnPutDeletes() {
        Db db = new Db();
        db.put(b("k"), b("v"), Entry.PERSISTENT, T0);
        db.put(b("k"), b("v"), T0, T0);
        assertThat(db.size()).isZero();
    }

    @Test
    void fullScanReturnsEveryKeyEvenWhenTheTableGrowsAndShrinksMidway() {
        Db db = new Db();
        for (int i = 0; i < 1000; i++) db.put(b("key:" + i), b("v"), Entry.PERSISTENT, T0);
        Set<String> seen = new HashSet<>();
        long cursor = 0;
        int steps = 0;
        do {
            cursor = db.scan(cursor, e -> seen.add(new String(e.key(), StandardCharsets.UTF_8)));
            steps++;
            if (steps == 100) for (int i = 1000; i < 5000; i++) db.put(b("key:" + i), b("v"), Entry.PERSISTENT, T0);
            if (steps == 600) for (int i = 1000; i < 5000; i++) db.delete(b("key:" + i), T0);
        } while (cursor != 0);
        for (int i = 0; i < 1000; i++) assertThat(seen).contains("key:" + i);
    }

    @Test
    void forEachKeySkipsExpired() {
        Db db = new Db();
        db.put(b("live"), b("v"), Entry.PERSISTENT, T0);
        db.put(b("dead"), b("v"), T0 + 1, T0);
        Set<String> keys = new HashSet<>();
        db.forEachKey(T0 + 1, k -> keys.add(new String(k, StandardCharsets.UTF_8)));
        assertThat(keys).containsExactly("live");
    }
}
