package dev.miniredis.client;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The client test suite, written once and run against two servers: ours in-process and a real redis-server. Each test
 * uses keys with a random prefix so runs do not disturb one another.
 *
 * <p>Ours runs on a manual clock and real Redis on the system clock, so expiry checks allow exactly the time the test
 * measured around them, which is zero for ours. Client timeouts only bound failures, so they are generous.
 */
@Timeout(120)
abstract class ClientContract {
    /** Connect and reply timeout: a bound for failures only, which a loaded CI machine must never reach. */
    static final Duration GENEROUS = Duration.ofSeconds(30);

    /** The port of the server under test. */
    abstract int port();

    final String prefix = "t:" + UUID.randomUUID() + ":";

    Client client() throws IOException {
        return Client.connect("127.0.0.1", port(), GENEROUS);
    }

    AsyncClient asyncClient() throws IOException {
        return AsyncClient.connect("127.0.0.1", port(), GENEROUS);
    }

    /** Milliseconds since {@code startNanos}, rounded up, plus 1 for the server's clock ticking in whole milliseconds. */
    static long millisSince(long startNanos) {
        return (System.nanoTime() - startNanos + 999_999) / 1_000_000 + 1;
    }

    @Test
    void pingGetSetAndBinaryValues() throws Exception {
        try (Client c = client()) {
            assertThat(c.ping()).isEqualTo("PONG");
            assertThat(c.ping("hi".getBytes(StandardCharsets.UTF_8))).isEqualTo("hi".getBytes(StandardCharsets.UTF_8));
            assertThat(c.get(prefix + "missing")).isNull();
            c.set(prefix + "k", "värde");
            assertThat(c.get(prefix + "k")).isEqualTo("värde");
            byte[] binary = new byte[256];
            for (int i = 0; i < binary.length; i++) binary[i] = (byte) i;
            c.set((prefix + "bin").getBytes(StandardCharsets.UTF_8), binary);
            assertThat(c.get((prefix + "bin").getBytes(StandardCharsets.UTF_8))).isEqualTo(binary);
        }
    }

    @Test
    void setWithExpiry() throws Exception {
        try (Client c = client()) {
            long start = System.nanoTime();
            c.set(prefix + "ttl", "v", Duration.ofSeconds(100));
            long pttl = (Long) c.send("PTTL", prefix + "ttl");
            assertThat(pttl).as("at most the time between SET and PTTL has passed").isBetween(100_000L - millisSince(start), 100_000L);
        }
    }

    @Test
    void genericSendAndErrorReplies() throws Exception {
        try (Client c = client()) {
            assertThat(c.send("INCRBY", prefix + "n", "5")).isEqualTo(5L);
            List<?> mget = (List<?>) c.send("MGET", prefix + "n", prefix + "none");
            assertThat((byte[]) mget.get(0)).isEqualTo("5".getBytes(StandardCharsets.UTF_8));
            assertThat(mget.get(1)).isNull();
            assertThatThrownBy(() -> c.send("INCR", prefix + "k", "extra"))
                    .isInstanceOf(RedisException.class)
                    .hasMessage("ERR wrong number of arguments for 'incr' command");
            c.send("SET", prefix + "s", "abc");
            assertThatThrownBy(() -> c.send("INCR", prefix + "s"))
                    .isInstanceOfSatisfying(RedisException.class, e -> assertThat(e.code()).isEqualTo("ERR"));
            assertThat(c.ping()).as("the connection survives error replies").isEqualTo("PONG");
        }
    }

    @Test
    void publishCountsSubscribers() throws Exception {
        try (Client c = client(); Subscriber s = client().subscribe(prefix + "ch")) {
            assertThat(s.subscriptionCount()).isEqualTo(1);
            assertThat(c.publish(prefix + "ch", "one")).isEqualTo(1);
            assertThat(c.publish(prefix + "nobody", "x")).isZero();
            Message m = s.nextMessage();
            assertThat(m.channelText()).isEqualTo(prefix + "ch");
            assertThat(m.payloadText()).isEqualTo("one");
            assertThat(m.pattern()).isNull();
        }
    }

    @Test
    void subscriberChangesSubscriptionsWhileMessagesFlow() throws Exception {
        try (Client pub = client(); Subscriber s = client().subscribe(prefix + "a")) {
            for (int i = 0; i < 50; i++) pub.publish(prefix + "a", "a" + i);
            s.subscribe(prefix + "b");                  // messages for "a" keep arriving while we wait for this
            s.psubscribe(prefix + "p*");
            for (int i = 0; i < 50; i++) {
                pub.publish(prefix + "b", "b" + i);
                pub.publish(prefix + "pq", "p" + i);
            }
            s.unsubscribe(prefix + "a");
            pub.publish(prefix + "a", "lost");
            pub.publish(prefix + "b", "last");
            List<String> received = new ArrayList<>();
            while (received.size() < 151) {
                Message m = s.nextMessage();
                received.add((m.pattern() == null ? "" : "p:") + m.payloadText());
            }
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < 50; i++) expected.add("a" + i);
            for (int i = 0; i < 50; i++) {
                expected.add("b" + i);
                expected.add("p:p" + i);
            }
            expected.add("last");
            assertThat(received).containsExactlyElementsOf(expected);
            assertThat(s.subscriptionCount()).isEqualTo(2);
            // Nothing else is pending: a message published now is the very next one (one connection's order is total).
            pub.publish(prefix + "b", "end");
            assertThat(s.nextMessage().payloadText()).as("the message after the last expected one").isEqualTo("end");
        }
    }

    @Test
    void asyncClientMatchesTenThousandPipelinedRepliesAcrossEightThreads() throws Exception {
        try (AsyncClient c = asyncClient()) {
            int threads = 8;
            int perThread = 1250;
            List<Thread> workers = new ArrayList<>();
            List<List<CompletableFuture<Object>>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                List<CompletableFuture<Object>> mine = new ArrayList<>();
                futures.add(mine);
                int thread = t;
                workers.add(new Thread(() -> {
                    for (int i = 0; i < perThread; i++) mine.add(c.send("ECHO", thread + ":" + i));
                }));
            }
            workers.forEach(Thread::start);
            for (Thread w : workers) w.join();
            for (int t = 0; t < threads; t++) {
                for (int i = 0; i < perThread; i++) {
                    assertThat((byte[]) futures.get(t).get(i).get()).isEqualTo((t + ":" + i).getBytes(StandardCharsets.UTF_8));
                }
            }
        }
    }

    @Test
    void asyncConveniencesAndErrors() throws Exception {
        try (AsyncClient c = asyncClient()) {
            byte[] key = (prefix + "ak").getBytes(StandardCharsets.UTF_8);
            assertThat(c.ping().get()).isEqualTo("PONG");
            c.set(key, "v".getBytes(StandardCharsets.UTF_8)).get();
            assertThat(c.get(key).get()).isEqualTo("v".getBytes(StandardCharsets.UTF_8));
            long start = System.nanoTime();
            c.set(key, "w".getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(50)).get();
            long ttl = (Long) c.send("TTL", prefix + "ak").get();
            // TTL rounds the remaining milliseconds to the nearest second, as Redis does.
            assertThat(ttl).isBetween((50_000 - millisSince(start) + 500) / 1000, 50L);
            assertThat(c.publish("x".getBytes(), "y".getBytes()).get()).isZero();
            CompletableFuture<Object> bad = c.send("NOSUCHCOMMAND");
            assertThatThrownBy(bad::get).isInstanceOf(ExecutionException.class).hasCauseInstanceOf(RedisException.class);
            assertThat(c.ping().get()).isEqualTo("PONG");
        }
    }
}
