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

    // The value of a live key as a string, or null: what GET would reply.
    private static String value(Db db, String key, long now) {
        long a = db.get(b(key), now);
        return a == Db.NIL ? null : new String(db.value(a), StandardCharsets.UTF_8);
    }

    @Test
    void keysAreComparedByContent() {
        Db db = new Db();
        db.put(b("k"), b("v1"), Db.PERSISTENT, T0);
        db.put(b("k"), b("v2"), Db.PERSISTENT, T0);
        assertThat(db.size()).isEqualTo(1);
        assertThat(value(db, "k", T0)).isEqualTo("v2");
        assertThat(db.get(b("other"), T0)).isEqualTo(Db.NIL);
    }

    @Test
    void theStoreCopiesKeysAndValuesSoTheCallersArraysAreFree() {
        Db db = new Db();
        byte[] key = b("k");
        byte[] v = b("aaaa");
        db.put(key, v, Db.PERSISTENT, T0);
        key[0] = 'x';
        v[0] = 'z';
        assertThat(value(db, "k", T0)).isEqualTo("aaaa");
        db.put(b("k"), b("a much longer value than before"), Db.PERSISTENT, T0);
        assertThat(value(db, "k", T0)).isEqualTo("a much longer value than before");
        assertThat(db.type(db.lookup(b("k"), T0))).isEqualTo(Db.TYPE_STRING);
    }

    @Test
    void copyValueWritesAtTheGivenOffset() {
        Db db = new Db();
        db.put(b("k"), b("hello"), Db.PERSISTENT, T0);
        long a = db.lookup(b("k"), T0);
        byte[] buffer = b("$5\r\n.......");
        db.copyValue(a, buffer, 4, db.valueLength(a));
        assertThat(new String(buffer, StandardCharsets.UTF_8)).isEqualTo("$5\r\nhello..");
    }

    @Test
    void hitsAndMissesCountReadsThroughGet() {
        Db db = new Db();
        db.put(b("k"), b("v"), T0 + 10, T0);
        db.get(b("k"), T0);
        db.get(b("nope"), T0);
        db.get(b("k"), T0 + 10); // expired by now: a miss
        db.lookup(b("k"), T0);   // lookup alone does not count
        assertThat(db.hits()).isEqualTo(1);
        assertThat(db.misses()).isEqualTo(2);
    }

    @Test
    void lazyExpiryAtTheDeadline() {
        Db db = new Db();
        db.put(b("k"), b("v"), T0 + 100, T0);
        assertThat(db.get(b("k"), T0 + 99)).isNotEqualTo(Db.NIL);
        assertThat(db.get(b("k"), T0 + 100)).isEqualTo(Db.NIL);
        assertThat(db.size()).as("the lookup removed it").isZero();
        assertThat(db.keysWithDeadline()).isZero();
        assertThat(db.expiredKeys()).isEqualTo(1);
    }

    @Test
    void overwritingAnExpiredKeyCountsItAsExpiredAndDropsItsDeadline() {
        Db db = new Db();
        db.put(b("k"), b("v"), T0 + 100, T0);
        long a = db.put(b("k"), b("w"), T0 + 100); // keeps the deadline of a live key, not of an expired one
        assertThat(db.deadlineMillis(a)).isEqualTo(Db.PERSISTENT);
        assertThat(db.expiredKeys()).isEqualTo(1);
        db.put(b("j"), b("v"), T0 + 100, T0);
        a = db.put(b("j"), b("w"), T0 + 50);
        assertThat(db.deadlineMillis(a)).as("a live key keeps its deadline").isEqualTo(T0 + 100);
    }

    @Test
    void activeExpiryRemovesKeysNobodyReads() {
        Db db = new Db();
        db.put(b("a"), b("v"), T0 + 100, T0);
        db.put(b("b"), b("v"), T0 + 200, T0);
        db.put(b("c"), b("v"), Db.PERSISTENT, T0);
        assertThat(db.nextDeadlineMillis()).isEqualTo(T0 + 100);
        assertThat(db.expireDue(T0 + 99, 10)).isZero();
        assertThat(db.expireDue(T0 + 100, 10)).isEqualTo(1);
        assertThat(db.size()).isEqualTo(2);
        assertThat(db.nextDeadlineMillis()).isEqualTo(T0 + 200);
        assertThat(db.expireDue(T0 + 1000, 10)).isEqualTo(1);
        assertThat(db.size()).isEqualTo(1);
        assertThat(db.nextDeadlineMillis()).isEqualTo(Db.NO_DEADLINE);
        assertThat(db.expiredKeys()).isEqualTo(2);
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
    void changedDeadlinesAreExact() {
        Db db = new Db();
        db.put(b("k"), b("v"), T0 + 100, T0);
        db.setDeadline(db.lookup(b("k"), T0), T0 + 500);
        assertThat(db.nextDeadlineMillis()).isEqualTo(T0 + 500);
        assertThat(db.expireDue(T0 + 100, 10)).isZero();
        assertThat(db.get(b("k"), T0 + 100)).isNotEqualTo(Db.NIL);
        db.setDeadline(db.lookup(b("k"), T0), Db.PERSISTENT);
        assertThat(db.nextDeadlineMillis()).isEqualTo(Db.NO_DEADLINE);
        assertThat(db.expireDue(T0 + 10_000, 10)).isZero();
        assertThat(db.get(b("k"), T0 + 10_000)).isNotEqualTo(Db.NIL);
        assertThat(db.keysWithDeadline()).isZero();
    }

    @Test
    void deletedAndRecreatedKeyIsNotExpiredByTheOldDeadline() {
        Db db = new Db();
        db.put(b("k"), b("old"), T0 + 100, T0);
        assertThat(db.delete(b("k"), T0)).isTrue();
        db.put(b("k"), b("new"), Db.PERSISTENT, T0);
        assertThat(db.expireDue(T0 + 100, 10)).isZero();
        assertThat(value(db, "k", T0 + 100)).isEqualTo("new");
    }

    @Test
    void manyDeadlineChangesLeaveOneScheduledKey() {
        Db db = new Db();
        db.put(b("k"), b("v"), T0 + 1, T0);
        long a = db.lookup(b("k"), T0);
        for (int i = 0; i < 100_000; i++) db.setDeadline(a, T0 + 2 + i);
        assertThat(db.keysWithDeadline()).isEqualTo(1);
        assertThat(db.expireDue(T0 + 200_000, 1_000_000)).isEqualTo(1);
        assertThat(db.size()).isZero();
    }

    @Test
    void persistentAndExpiringKeysLiveSideBySide() {
        Db db = new Db();
        for (int i = 0; i < 100; i++) db.put(b("k" + i), b("v" + i), Db.PERSISTENT, T0);
        long a = db.lookup(b("k7"), T0);
        assertThat(db.deadlineMillis(a)).isEqualTo(Db.PERSISTENT);
        db.setDeadline(a, T0 + 50);
        assertThat(db.deadlineMillis(db.lookup(b("k7"), T0))).isEqualTo(T0 + 50);
        assertThat(db.keysWithDeadline()).isEqualTo(1);
        for (int i = 0; i < 100; i++) assertThat(value(db, "k" + i, T0)).isEqualTo("v" + i);
        db.setDeadline(db.lookup(b("k7"), T0), Db.PERSISTENT);
        assertThat(db.keysWithDeadline()).isZero();
        assertThat(db.expireDue(T0 + 50, 10)).isZero();
        assertThat(db.size()).isEqualTo(100);
    }

    @Test
    void aNewKeyWithADeadlineExpires() {
        Db db = new Db();
        db.put(b("k"), b("v"), T0 + 10, T0);
        assertThat(db.deadlineMillis(db.lookup(b("k"), T0))).isEqualTo(T0 + 10);
        assertThat(db.keysWithDeadline()).isEqualTo(1);
        assertThat(db.nextDeadlineMillis()).isEqualTo(T0 + 10);
        assertThat(db.expireDue(T0 + 10, 10)).isEqualTo(1);
        assertThat(db.size()).isZero();
        assertThat(db.keysWithDeadline()).isZero();
    }

    @Test
    void pastDeadlineOnPutDeletes() {
        Db db = new Db();
        db.put(b("k"), b("v"), Db.PERSISTENT, T0);
        db.put(b("k"), b("v"), T0, T0);
        assertThat(db.size()).isZero();
    }

    @Test
    void clearRemovesEverything() {
        Db db = new Db();
        for (int i = 0; i < 100; i++) db.put(b("k" + i), b("v"), i % 2 == 0 ? Db.PERSISTENT : T0 + 5, T0);
        db.clear();
        assertThat(db.size()).isZero();
        assertThat(db.keysWithDeadline()).isZero();
        assertThat(db.nextDeadlineMillis()).isEqualTo(Db.NO_DEADLINE);
        assertThat(db.get(b("k0"), T0)).isEqualTo(Db.NIL);
    }

    @Test
    void fullScanReturnsEveryKeyEvenWhenTheTableGrowsAndShrinksMidway() {
        Db db = new Db();
        for (int i = 0; i < 1000; i++) db.put(b("key:" + i), b("v"), Db.PERSISTENT, T0);
        Set<String> seen = new HashSet<>();
        long cursor = 0;
        int steps = 0;
        boolean sawRehash = false;
        do {
            cursor = db.scan(cursor, a -> seen.add(new String(db.key(a), StandardCharsets.UTF_8)));
            sawRehash |= db.isRehashing();
            steps++;
            if (steps == 100) for (int i = 1000; i < 5000; i++) db.put(b("key:" + i), b("v"), Db.PERSISTENT, T0);
            if (steps == 600) for (int i = 1000; i < 5000; i++) db.delete(b("key:" + i), T0);
        } while (cursor != 0);
        for (int i = 0; i < 1000; i++) assertThat(seen).contains("key:" + i);
        assertThat(sawRehash).as("the scan ran while a resize was under way").isTrue();
    }

    @Test
    void rehashStepsFinishAResizeWithoutOtherTraffic() {
        Db db = new Db();
        int i = 0;
        while (!db.isRehashing()) db.put(b("key:" + i++), b("v"), Db.PERSISTENT, T0);
        int steps = 0;
        while (db.rehashStep(1)) steps++;
        assertThat(db.isRehashing()).isFalse();
        assertThat(steps).isPositive();
        for (int j = 0; j < i; j++) assertThat(value(db, "key:" + j, T0)).isEqualTo("v");
    }

    @Test
    void forEachKeySkipsExpired() {
        Db db = new Db();
        db.put(b("live"), b("v"), Db.PERSISTENT, T0);
        db.put(b("dead"), b("v"), T0 + 1, T0);
        Set<String> keys = new HashSet<>();
        db.forEachKey(T0 + 1, k -> keys.add(new String(k, StandardCharsets.UTF_8)));
        assertThat(keys).containsExactly("live");
    }

    @Test
    void forEachKeyVisitsEveryKeyOnceDuringAResize() {
        Db db = new Db();
        int i = 0;
        while (!db.isRehashing()) db.put(b("key:" + i++), b("v"), Db.PERSISTENT, T0);
        int[] visits = {0};
        Set<String> keys = new HashSet<>();
        db.forEachKey(T0, k -> {
            visits[0]++;
            keys.add(new String(k, StandardCharsets.UTF_8));
        });
        assertThat(visits[0]).isEqualTo(i);
        assertThat(keys).hasSize(i);
    }
}
