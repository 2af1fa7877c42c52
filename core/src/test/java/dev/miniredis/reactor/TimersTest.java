package dev.miniredis.reactor;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/** The deadline heap on plain numbers: no clock, no threads. */
@Timeout(30)
class TimersTest {
    private final Timers timers = new Timers();
    private final List<String> fired = new ArrayList<>();

    private Timers.Timer timer(String name) {
        return new Timers.Timer(name, now -> fired.add(name + "@" + now));
    }

    @Test
    void firesDueTimersInDeadlineOrderAndSaysHowLongToSleep() {
        Timers.Timer a = timer("a");
        Timers.Timer b = timer("b");
        Timers.Timer c = timer("c");
        assertThat(timers.millisUntilNext(0)).isEqualTo(Timers.NEVER);
        timers.arm(a, 300);
        timers.arm(b, 100);
        timers.arm(c, 200);
        assertThat(timers.millisUntilNext(50)).isEqualTo(50);
        assertThat(timers.runDue(99, 10)).isZero();
        assertThat(timers.runDue(250, 10)).isEqualTo(2);
        assertThat(fired).containsExactly("b@250", "c@250");
        assertThat(timers.millisUntilNext(250)).isEqualTo(50);
        assertThat(b.armed()).isFalse();
    }

    @Test
    void rearmingMovesATimerAndDisarmingRemovesIt() {
        Timers.Timer a = timer("a");
        Timers.Timer b = timer("b");
        timers.arm(a, 100);
        timers.arm(b, 200);
        timers.arm(a, 300);                    // later: b is now first
        assertThat(timers.millisUntilNext(0)).isEqualTo(200);
        timers.armNoLaterThan(a, 400);         // later than it is: left alone
        assertThat(a.deadlineMillis()).isEqualTo(300);
        timers.armNoLaterThan(a, 150);         // earlier: moved
        assertThat(timers.millisUntilNext(0)).isEqualTo(150);
        timers.disarm(a);
        timers.disarm(a);                      // twice is harmless
        assertThat(timers.size()).isEqualTo(1);
        timers.arm(b, Timers.NEVER);           // NEVER disarms
        assertThat(timers.size()).isZero();
        assertThat(timers.runDue(1_000, 10)).isZero();
    }

    @Test
    void aTimerThatRearmsItselfForNowWaitsForTheNextTurn() {
        Timers.Timer[] self = new Timers.Timer[1];
        self[0] = new Timers.Timer("again", now -> {
            fired.add("again");
            timers.arm(self[0], now);           // still due, like key expiry with more keys waiting
        });
        timers.arm(self[0], 10);
        assertThat(timers.runDue(10, 100)).isEqualTo(1);
        assertThat(timers.millisUntilNext(10)).isZero(); // the next select must not sleep
        assertThat(timers.runDue(10, 100)).isEqualTo(1);
        assertThat(fired).hasSize(2);
    }

    @Test
    void aTimerRearmedForNowDoesNotHoldUpTheOtherDueTimers() {
        Timers.Timer[] self = new Timers.Timer[1];
        self[0] = new Timers.Timer("expiry", now -> {
            fired.add("expiry");
            timers.arm(self[0], now - 5);       // more keys due, and earlier than the others
        });
        Timers.Timer idle = timer("idle");
        timers.arm(self[0], 1);
        timers.arm(idle, 7);
        assertThat(timers.runDue(10, 100)).isEqualTo(2);
        assertThat(fired).containsExactly("expiry", "idle@10");
        assertThat(self[0].armed()).as("put back for the next turn").isTrue();
        assertThat(self[0].deadlineMillis()).isEqualTo(5);
    }

    @Test
    void aDeferredTimerThatAnActionDisarmsStaysDisarmed() {
        Timers.Timer[] t = new Timers.Timer[2];
        t[0] = new Timers.Timer("first", now -> timers.arm(t[0], now));
        t[1] = new Timers.Timer("second", now -> timers.disarm(t[0]));
        timers.arm(t[0], 1);
        timers.arm(t[1], 2);
        timers.runDue(10, 100);
        assertThat(t[0].armed()).isFalse();
        assertThat(timers.size()).isZero();
    }

    @Test
    void atMostMaxTimersFirePerCall() {
        for (int i = 0; i < 10; i++) timers.arm(timer("t" + i), i);
        assertThat(timers.runDue(100, 4)).isEqualTo(4);
        assertThat(timers.runDue(100, 100)).isEqualTo(6);
    }

    @Test
    void randomOperationsAgreeWithASortedModel() {
        long seed = new Random().nextLong();
        Random random = new Random(seed);
        List<Timers.Timer> all = new ArrayList<>();
        TreeMap<String, Long> model = new TreeMap<>();
        for (int i = 0; i < 50; i++) {
            String name = "t" + i;
            all.add(new Timers.Timer(name, now -> {
                fired.add(name);
                model.remove(name);
            }));
        }
        long now = 0;
        for (int step = 0; step < 20_000; step++) {
            Timers.Timer t = all.get(random.nextInt(all.size()));
            String name = t.toString().split("[@ ]")[0];
            switch (random.nextInt(4)) {
                case 0, 1 -> {
                    long deadline = now + random.nextInt(1_000);
                    timers.arm(t, deadline);
                    model.put(name, deadline);
                }
                case 2 -> {
                    timers.disarm(t);
                    model.remove(name);
                }
                default -> {
                    now += random.nextInt(50);
                    final long at = now;
                    long due = model.values().stream().filter(d -> d <= at).count();
                    assertThat(timers.runDue(now, Integer.MAX_VALUE)).as("seed %d", seed).isEqualTo((int) due);
                }
            }
            assertThat(timers.size()).as("seed %d", seed).isEqualTo(model.size());
            long next = model.values().stream().mapToLong(Long::longValue).min().orElse(Timers.NEVER);
            assertThat(timers.millisUntilNext(0)).as("seed %d", seed).isEqualTo(next);
        }
    }
}
