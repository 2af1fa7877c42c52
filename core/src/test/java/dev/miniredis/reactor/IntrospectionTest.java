package dev.miniredis.reactor;

import dev.miniredis.command.CommandTable;
import dev.miniredis.protocol.Numbers;
import dev.miniredis.protocol.Resp;
import dev.miniredis.testing.ManualClock;
import dev.miniredis.testing.RawClient;
import dev.miniredis.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * CLIENT PAUSE and the parked connections it makes, and the measured side of introspection (SLOWLOG, LATENCY, INFO
 * commandstats) on a manual clock: a made-up {@code SLOW micros} command moves the clock's nanosecond reading while it
 * runs, so durations are exact. No sleeps: a parked client is seen through CLIENT LIST's {@code b} flag (round trips as
 * the barrier), and a pause ends by moving the clock.
 */
@Timeout(30)
class IntrospectionTest {
    private final AtomicReference<ManualClock> clockOfServer = new AtomicReference<>();

    private TestServer server() throws Exception {
        CommandTable table = CommandTable.standard();
        table.register("slow", 2, args -> {
            long micros = Numbers.parseLong(args.get(1));
            return ctx -> {
                clockOfServer.get().advanceNanos(micros * 1000);
                ctx.reply().raw(Resp.OK);
            };
        });
        TestServer server = new TestServer(new ServerConfig(), table);
        clockOfServer.set(server.clock);
        return server;
    }

    private static String id(RawClient c) throws Exception {
        String reply = c.call("CLIENT", "ID");
        return reply.substring(1, reply.length() - 2);
    }

    // Waits (in round trips) until CLIENT LIST shows the client parked.
    private static void awaitParked(RawClient observer, String id) throws Exception {
        String list = observer.callUntil(l -> lineOf(l, id).matches(".* flags=x?b .*"), "CLIENT", "LIST");
        assertThat(lineOf(list, id)).matches(".* flags=x?b .*");
    }

    private static String lineOf(String list, String id) {
        int at = list.indexOf("id=" + id + " ");
        return at < 0 ? "" : list.substring(at, list.indexOf('\n', at));
    }

    @Test
    void aWritePauseHoldsWritesUntilItsDeadlineWhileReadsGoOn() throws Exception {
        try (TestServer s = server(); RawClient a = s.connect(); RawClient b = s.connect(); RawClient c = s.connect()) {
            String bId = id(b);
            assertThat(a.call("CLIENT", "PAUSE", "1000", "WRITE")).isEqualTo("+OK\r\n");
            assertThat(b.call("GET", "k")).isEqualTo("$-1\r\n");
            // A pipeline: the SET waits, and the GET behind it waits in b's held bytes, in order.
            ByteArrayOutputStream pipeline = new ByteArrayOutputStream();
            pipeline.writeBytes(RawClient.encode("SET", "k", "v"));
            pipeline.writeBytes(RawClient.encode("GET", "k"));
            b.send(pipeline.toByteArray());
            awaitParked(c, bId);
            assertThat(c.call("GET", "k")).as("the SET has not run").isEqualTo("$-1\r\n");
            assertThat(c.call("INFO", "clients")).contains("blocked_clients:0\r\n");

            s.advance(Duration.ofMillis(1000));
            assertThat(b.readReply()).isEqualTo("+OK\r\n");
            assertThat(b.readReply()).isEqualTo("$1\r\nv\r\n");
            assertThat(lineOf(c.call("CLIENT", "LIST"), bId)).contains("flags=N");
        }
    }

    @Test
    void unpauseReleasesTheParkedInTheOrderTheyParked() throws Exception {
        try (TestServer s = server(); RawClient a = s.connect(); RawClient b = s.connect(); RawClient c = s.connect()) {
            String aId = id(a);
            String bId = id(b);
            assertThat(a.call("CLIENT", "PAUSE", "100000", "WRITE")).isEqualTo("+OK\r\n");
            b.command("RPUSH", "order", "b");
            awaitParked(c, bId);
            a.command("RPUSH", "order", "a");
            awaitParked(c, aId);
            assertThat(c.call("CLIENT", "UNPAUSE")).isEqualTo("+OK\r\n");
            assertThat(b.readReply()).isEqualTo(":1\r\n");
            assertThat(a.readReply()).isEqualTo(":2\r\n");
            assertThat(c.call("LRANGE", "order", "0", "-1")).isEqualTo("*2\r\n$1\r\nb\r\n$1\r\na\r\n");
        }
    }

    @Test
    void anAllPauseHoldsEveryoneEvenThePauserAndUnpauseItself() throws Exception {
        try (TestServer s = server(); RawClient a = s.connect(); RawClient b = s.connect()) {
            String aId = id(a);
            assertThat(a.call("CLIENT", "PAUSE", "500")).isEqualTo("+OK\r\n");
            // Refusals come before the pause, as in Redis: wrong arity and unknown commands answer at once.
            assertThat(b.call("GET")).startsWith("-ERR wrong number of arguments");
            assertThat(b.call("NOSUCH")).startsWith("-ERR unknown command");
            a.command("PING");
            b.command("CLIENT", "UNPAUSE");
            s.advance(Duration.ofMillis(499));
            // Still paused: one more round trip on a fresh connection would wait too, so look from the inside instead.
            assertThat(s.loop.connectionCount()).isEqualTo(2);
            s.advance(Duration.ofMillis(1));
            assertThat(a.readReply()).isEqualTo("+PONG\r\n");
            assertThat(b.readReply()).isEqualTo("+OK\r\n");
            assertThat(lineOf(b.call("CLIENT", "LIST"), aId)).contains("flags=N");
        }
    }

    @Test
    void aWritePauseHoldsAnExecWithQueuedWritesAndAWriteBeingQueued() throws Exception {
        try (TestServer s = server(); RawClient a = s.connect(); RawClient b = s.connect(); RawClient c = s.connect()) {
            String bId = id(b);
            assertThat(b.call("MULTI")).isEqualTo("+OK\r\n");
            assertThat(b.call("GET", "x")).isEqualTo("+QUEUED\r\n");
            assertThat(a.call("CLIENT", "PAUSE", "100000", "WRITE")).isEqualTo("+OK\r\n");
            assertThat(b.call("EXEC")).as("only reads queued: runs").isEqualTo("*1\r\n$-1\r\n");
            assertThat(b.call("MULTI")).isEqualTo("+OK\r\n");
            b.command("SET", "x", "1");                        // a write waits even to be queued, as in Redis
            awaitParked(c, bId);
            assertThat(lineOf(c.call("CLIENT", "LIST"), bId)).contains(" flags=xb ", " multi=0 ");
            assertThat(c.call("CLIENT", "UNPAUSE")).isEqualTo("+OK\r\n");
            assertThat(b.readReply()).isEqualTo("+QUEUED\r\n");
            assertThat(a.call("CLIENT", "PAUSE", "100000", "WRITE")).isEqualTo("+OK\r\n");
            b.command("EXEC");                                 // a queued write: EXEC waits
            awaitParked(c, bId);
            assertThat(c.call("CLIENT", "UNPAUSE")).isEqualTo("+OK\r\n");
            assertThat(b.readReply()).isEqualTo("*1\r\n+OK\r\n");
        }
    }

    @Test
    void shutdownEndsAPauseAndAnswersWhatWasParked() throws Exception {
        TestServer s = server();
        try (RawClient a = s.connect(); RawClient b = s.connect()) {
            String bId = id(b);
            assertThat(a.call("CLIENT", "PAUSE", "100000", "WRITE")).isEqualTo("+OK\r\n");
            b.command("SET", "k", "v");
            awaitParked(a, bId);
            s.loop.shutdown();
            assertThat(b.readReply()).isEqualTo("+OK\r\n");
            assertThat(b.closedByServer()).isTrue();
        } finally {
            s.close();
        }
    }

    @Test
    void aParkedClientThatHangsUpIsForgotten() throws Exception {
        try (TestServer s = server(); RawClient a = s.connect(); RawClient c = s.connect()) {
            assertThat(c.call("CLIENT", "PAUSE", "100000", "WRITE")).isEqualTo("+OK\r\n");
            RawClient b = s.connect();
            String bId = id(b);
            b.command("SET", "k", "v");
            awaitParked(c, bId);
            b.close();
            // Parked connections do not read, so the hang-up is noticed when it resumes: nothing runs for it then.
            assertThat(c.call("CLIENT", "UNPAUSE")).isEqualTo("+OK\r\n");
            c.callUntil(l -> !l.contains("id=" + bId + " "), "CLIENT", "LIST");
            assertThat(a.call("PING")).isEqualTo("+PONG\r\n");
        }
    }

    @Test
    void theSlowLogKeepsCommandsAtOrAboveTheThresholdWithExactDurations() throws Exception {
        try (TestServer s = server(); RawClient a = s.connect()) {
            a.call("CLIENT", "SETNAME", "worker");
            assertThat(a.call("SLOW", "9999")).isEqualTo("+OK\r\n");   // under the default 10000 µs
            assertThat(a.call("SLOWLOG", "LEN")).isEqualTo(":0\r\n");
            a.call("SLOW", "10000");
            a.call("SLOW", "25000");
            assertThat(a.call("SLOWLOG", "LEN")).isEqualTo(":2\r\n");
            String address = a.call("CLIENT", "INFO").split(" ")[1].substring("addr=".length());
            long seconds = s.clock.millis() / 1000;
            assertThat(a.call("SLOWLOG", "GET", "1")).isEqualTo("*1\r\n*6\r\n:1\r\n:" + seconds + "\r\n:25000\r\n"
                    + "*2\r\n$4\r\nSLOW\r\n$5\r\n25000\r\n$" + address.length() + "\r\n" + address + "\r\n$6\r\nworker\r\n");
            assertThat(a.call("CONFIG", "SET", "slowlog-max-len", "1")).isEqualTo("+OK\r\n");
            assertThat(a.call("SLOWLOG", "LEN")).as("trimmed at the next entry, as in Redis").isEqualTo(":2\r\n");
            a.call("SLOW", "30000");
            assertThat(a.call("SLOWLOG", "LEN")).isEqualTo(":1\r\n");
            assertThat(a.call("SLOWLOG", "GET")).startsWith("*1\r\n*6\r\n:2\r\n");
            assertThat(a.call("SLOWLOG", "RESET")).isEqualTo("+OK\r\n");
            assertThat(a.call("SLOWLOG", "GET")).isEqualTo("*0\r\n");
            a.call("CONFIG", "SET", "slowlog-log-slower-than", "-1");
            a.call("SLOW", "99999999");
            assertThat(a.call("SLOWLOG", "LEN")).isEqualTo(":0\r\n");
            assertThat(a.call("INFO", "commandstats"))
                    .contains("cmdstat_slow:calls=5,usec=100074998,usec_per_call=20014999.60,rejected_calls=0,failed_calls=0");
        }
    }

    @Test
    void theLatencyMonitorKeepsOneSamplePerSecondAndTheMaximum() throws Exception {
        try (TestServer s = server(); RawClient a = s.connect()) {
            a.call("SLOW", "50000");
            assertThat(a.call("LATENCY", "LATEST")).as("off by default").isEqualTo("*0\r\n");
            assertThat(a.call("CONFIG", "SET", "latency-monitor-threshold", "5")).isEqualTo("+OK\r\n");
            a.call("SLOW", "4999");                  // 4 ms: under the threshold
            a.call("SLOW", "10000");
            a.call("SLOW", "20000");                 // the same second: the sample keeps the larger
            long t1 = s.clock.millis() / 1000;
            s.advance(Duration.ofSeconds(1));
            a.call("SLOW", "7000");
            long t2 = t1 + 1;
            assertThat(a.call("LATENCY", "HISTORY", "command"))
                    .isEqualTo("*2\r\n*2\r\n:" + t1 + "\r\n:20\r\n*2\r\n:" + t2 + "\r\n:7\r\n");
            assertThat(a.call("LATENCY", "LATEST"))
                    .isEqualTo("*1\r\n*4\r\n$7\r\ncommand\r\n:" + t2 + "\r\n:7\r\n:20\r\n");
            assertThat(a.call("LATENCY", "HISTORY", "fast-command")).isEqualTo("*0\r\n");
            assertThat(a.call("LATENCY", "RESET", "command", "nosuch")).isEqualTo(":1\r\n");
            assertThat(a.call("LATENCY", "LATEST")).isEqualTo("*0\r\n");
        }
    }

    @Test
    void configResetStatZeroesWhatRedisZeroes() throws Exception {
        try (TestServer s = server(); RawClient a = s.connect()) {
            a.call("SET", "k", "v");
            a.call("GET", "k");
            a.call("GET", "missing");
            a.call("GET");
            a.call("NOSUCH");
            a.call("CONFIG", "SET", "slowlog-log-slower-than", "0");
            assertThat(a.call("INFO", "stats")).contains("total_error_replies:2\r\n").contains("keyspace_hits:1\r\n");
            assertThat(a.call("INFO", "errorstats")).contains("errorstat_ERR:count=2\r\n");
            assertThat(a.call("CONFIG", "RESETSTAT")).isEqualTo("+OK\r\n");
            String info = a.call("INFO", "everything");
            assertThat(info).contains("total_error_replies:0\r\n", "keyspace_hits:0\r\n", "keyspace_misses:0\r\n",
                    "total_connections_received:0\r\n", "# Errorstats\r\n\r\n",
                    "# Commandstats\r\ncmdstat_config|resetstat:calls=1,");
            assertThat(info).doesNotContain("cmdstat_get");
            assertThat(a.call("SLOWLOG", "LEN")).as("the slow log is not a statistic").isNotEqualTo(":0\r\n");
        }
    }

    @Test
    void clientReplyOffSilencesPublishedMessagesToo() throws Exception {
        try (TestServer s = server(); RawClient sub = s.connect(); RawClient pub = s.connect()) {
            sub.command("HELLO", "3").readReplyBytes();
            sub.call("SUBSCRIBE", "ch");
            sub.command("CLIENT", "REPLY", "OFF");
            pub.callUntil(":1\r\n"::equals, "PUBLISH", "ch", "lost");
            sub.command("CLIENT", "REPLY", "ON");
            assertThat(sub.readReply()).isEqualTo("+OK\r\n");
            pub.call("PUBLISH", "ch", "seen");
            assertThat(sub.readReply()).isEqualTo(">3\r\n$7\r\nmessage\r\n$2\r\nch\r\n$4\r\nseen\r\n");
        }
    }
}
