package dev.miniredis.server;

import dev.miniredis.server.HeapTrimmer.Action;
import dev.miniredis.server.HeapTrimmer.Policy;
import dev.miniredis.server.HeapTrimmer.Reading;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The trimmer's decision on numbers: what it does with {@code G1PeriodicGCInterval} for a given sequence of heap
 * readings. No collector, no heap, no clock. Whether G1 really hands the memory back once the flag is set is the slow
 * test {@link HeapTrimmerJvmTest}'s question.
 */
@Timeout(60)
class HeapTrimmerTest {
    private static final long MB = 1024 * 1024;
    /** The event loop's allocation counter: mb() moves it on every reading, so those readings show a busy server. */
    private static long loopAllocated;

    /** used / committed / initial / old generation in MB, and the collection count. */
    private static Reading mb(long used, long committed, long initial, long old, long collections) {
        return new Reading(used * MB, committed * MB, initial * MB, old * MB, collections, ++loopAllocated);
    }

    @Test
    void afterABulkLoadItArmsOnceThenDisarmsAtTheNextCollection() {
        Policy policy = new Policy();
        // 100 MB of data in a heap that grew from 380 MB to 864 MB: more than half of it unused.
        Reading loaded = mb(150, 864, 380, 100, 40);
        assertThat(policy.check(loaded)).isEqualTo(Action.ARM);
        assertThat(policy.armed()).isTrue();
        assertThat(policy.check(loaded)).as("no collection yet: the quiet time is G1's to wait out").isEqualTo(Action.NONE);
        assertThat(policy.check(loaded)).isEqualTo(Action.NONE);
        assertThat(policy.check(mb(150, 864, 380, 100, 41))).as("a collection ran").isEqualTo(Action.DISARM);
        assertThat(policy.armed()).isFalse();
        // The cycle shrank the heap to 30 % free: nothing more to do, however many checks follow.
        for (int i = 0; i < 10; i++) assertThat(policy.check(mb(110, 157, 380, 100, 43))).isEqualTo(Action.NONE);
    }

    @Test
    void aHeapStillWorthTrimmingAfterACollectionIsArmedAgainAtTheNextCheck() {
        Policy policy = new Policy();
        assertThat(policy.check(mb(150, 864, 380, 100, 7))).isEqualTo(Action.ARM);
        assertThat(policy.check(mb(160, 864, 380, 100, 8))).isEqualTo(Action.DISARM); // a young pause, not the trim
        assertThat(policy.check(mb(160, 864, 380, 100, 8))).isEqualTo(Action.ARM);
    }

    @Test
    void aHeapThatNeverGrewIsLeftAlone() {
        assertThat(new Policy().check(mb(100, 380, 380, 90, 3))).as("at its initial size").isEqualTo(Action.NONE);
        assertThat(new Policy().check(mb(10, 64, 8, 0, 3))).as("at the 64 MB floor").isEqualTo(Action.NONE);
        assertThat(new Policy().check(new Reading(0, 64 * MB, -1, 65 * MB, 0, 0))).as("initial size undefined")
                .isEqualTo(Action.NONE);
    }

    @Test
    void aServerThatOnlyChurnsGarbageKeepsItsHeap() {
        // The heap grew under a request load, but long-lived data is small: trimming would only shrink the young
        // generation the next burst needs.
        assertThat(new Policy().check(mb(60, 864, 380, 20, 500))).isEqualTo(Action.NONE);
    }

    @Test
    void aHeapMostlyInUseIsLeftAlone() {
        assertThat(new Policy().check(mb(600, 864, 380, 500, 12))).isEqualTo(Action.NONE);
    }

    @Test
    void everyGateIsStrict() {
        long committed = 400 * MB;
        long initial = 200 * MB;
        long old = HeapTrimmer.OLD_DATA_BYTES + 1;
        long halfUsed = committed / 2;
        assertThat(Policy.worthTrimming(new Reading(halfUsed - 1, committed, initial, old, 0, 0))).isTrue();
        assertThat(Policy.worthTrimming(new Reading(halfUsed, committed, initial, old, 0, 0)))
                .as("exactly half unused").isFalse();
        assertThat(Policy.worthTrimming(new Reading(halfUsed - 1, committed, initial, HeapTrimmer.OLD_DATA_BYTES, 0, 0)))
                .as("exactly 64 MB of old data").isFalse();
        assertThat(Policy.worthTrimming(new Reading(halfUsed - 1, committed, committed, old, 0, 0)))
                .as("committed exactly the initial size").isFalse();
        assertThat(Policy.worthTrimming(new Reading(halfUsed - 1, committed, committed - 1, old, 0, 0)))
                .as("one byte over the initial size").isTrue();
        long floor = HeapTrimmer.MIN_COMMITTED_BYTES;
        assertThat(Policy.worthTrimming(new Reading(0, floor, 0, old, 0, 0))).as("exactly the 64 MB floor").isFalse();
    }

    /** used / committed in MB, with the loop's allocation counter as given: the same value twice means idle. */
    private static Reading idle(long used, long committed, long collections, long loopAllocatedBytes) {
        return new Reading(used * MB, committed * MB, 380 * MB, 2 * MB, collections, loopAllocatedBytes);
    }

    @Test
    void anIdleServerGivesBackWhatItDoesNotUseOncePerIdleSpell() {
        Policy policy = new Policy();
        // 10,000 connections came and went: the heap holds 200 MB of garbage, and the loop then stays idle.
        assertThat(policy.check(idle(210, 400, 10, 5_000))).isEqualTo(Action.NONE);
        for (int i = 1; i < HeapTrimmer.IDLE_CHECKS; i++) {
            assertThat(policy.check(idle(210, 400, 10, 5_000))).as("idle for %d checks", i).isEqualTo(Action.NONE);
        }
        assertThat(policy.check(idle(210, 400, 10, 5_000))).as("idle long enough").isEqualTo(Action.ARM);
        assertThat(policy.check(idle(210, 400, 10, 5_000))).isEqualTo(Action.NONE);
        assertThat(policy.check(idle(8, 12, 11, 5_000))).as("the collection ran").isEqualTo(Action.DISARM);
        for (int i = 0; i < 20; i++) {
            assertThat(policy.check(idle(8, 40, 11, 5_000))).as("still the same idle spell").isEqualTo(Action.NONE);
        }
        // Clients come back and go quiet again. With nothing new to give back (slack no more than the trim left plus
        // 16 MB), a new idle spell does nothing; with 200 MB of new garbage, it trims once more.
        long slackMb = HeapTrimmer.IDLE_SLACK_BYTES / MB;
        assertThat(policy.check(idle(8, 40 + slackMb, 12, 9_000))).isEqualTo(Action.NONE);
        for (int i = 0; i < 3 * HeapTrimmer.IDLE_CHECKS; i++) {
            assertThat(policy.check(idle(8, 40 + slackMb, 12, 9_000))).as("a health check's spell").isEqualTo(Action.NONE);
        }
        assertThat(policy.check(idle(200, 420, 13, 12_000))).isEqualTo(Action.NONE);
        for (int i = 1; i < HeapTrimmer.IDLE_CHECKS; i++) assertThat(policy.check(idle(200, 420, 13, 12_000))).isEqualTo(Action.NONE);
        assertThat(policy.check(idle(200, 420, 13, 12_000))).as("new garbage to give back").isEqualTo(Action.ARM);
    }

    @Test
    void anIdleServerWithLittleSlackIsLeftAlone() {
        Policy policy = new Policy();
        long slackMb = HeapTrimmer.IDLE_SLACK_BYTES / MB;
        for (int i = 0; i < 3 * HeapTrimmer.IDLE_CHECKS; i++) {
            assertThat(policy.check(idle(10, 10 + slackMb, 3, 77))).as("exactly the slack").isEqualTo(Action.NONE);
        }
        assertThat(policy.check(idle(10, 11 + slackMb, 3, 77))).as("one MB more").isEqualTo(Action.ARM);
    }
}
