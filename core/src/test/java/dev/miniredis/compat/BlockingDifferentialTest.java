package dev.miniredis.compat;

import dev.miniredis.testing.RawClient;
import dev.miniredis.testing.RealRedis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Blocking commands against a real redis-server: the same scripted scenario runs on both servers with three clients
 * each, and the transcript of every reply, in the order the test reads them, must be the same bytes. A client that
 * blocks is sent its command without reading; before anything else happens the test waits (round trips of INFO on
 * another client, never a sleep) until the server counts it as blocked, so the order in which clients block is the
 * order the script says.
 */
@Timeout(120)
class BlockingDifferentialTest {
    /** One server's three clients and the transcript of what they read. */
    private static final class Side implements AutoCloseable {
        final RawClient a;
        final RawClient b;
        final RawClient c;
        final List<String> transcript = new ArrayList<>();
        private int blocked;

        Side(int port) throws Exception {
            a = new RawClient(port);
            b = new RawClient(port);
            c = new RawClient(port);
        }

        /** A command whose reply comes at once. */
        void call(RawClient client, String... command) throws Exception {
            transcript.add(String.join(" ", command) + " -> " + text(client.command(command).readReplyBytes()));
        }

        /** A command that blocks: sent, not read; returns once the server counts one more blocked client. */
        void block(RawClient client, String... command) throws Exception {
            client.command(command);
            blocked++;
            String want = "blocked_clients:" + blocked + "\r\n";
            String info = b == client ? c.callUntil(r -> r.contains(want), "INFO", "clients")
                    : b.callUntil(r -> r.contains(want), "INFO", "clients");
            assertThat(info).contains(want);
        }

        /** The reply a blocked client got (it must have been served, or must be served by its timeout). */
        void read(RawClient client, String label) throws Exception {
            transcript.add(label + " <- " + text(client.readReplyBytes()));
            blocked--;
        }

        @Override
        public void close() throws Exception {
            a.close();
            b.close();
            c.close();
        }
    }

    private interface Scenario {
        void run(Side s) throws Exception;
    }

    private static String text(byte[] reply) {
        return new String(reply, StandardCharsets.ISO_8859_1).replace("\r\n", "|");
    }

    private static void compare(Scenario scenario) throws Exception {
        assumeTrue(RealRedis.available(), "redis-server is not installed");
        try (BothServers servers = new BothServers("blocking-loop");
             Side redis = new Side(servers.redis.port());
             Side ours = new Side(servers.ours.port())) {
            scenario.run(redis);
            scenario.run(ours);
            assertThat(ours.transcript).isEqualTo(redis.transcript);
        }
    }

    @Test
    void aPushServesTheWaiterAfterThePusherIsAnswered() throws Exception {
        compare(s -> {
            s.block(s.a, "BLPOP", "jobs", "other", "0");
            s.call(s.b, "LPUSH", "jobs", "x", "y");      // answered 2: the pop happens after the push's reply
            s.read(s.a, "a");
            s.call(s.b, "LRANGE", "jobs", "0", "-1");
            s.call(s.b, "INFO", "keyspace");
        });
    }

    @Test
    void waitersAreServedInTheOrderTheyBlocked() throws Exception {
        compare(s -> {
            s.block(s.a, "BRPOP", "q", "0");
            s.block(s.c, "BLPOP", "q", "0");
            s.call(s.b, "RPUSH", "q", "1", "2", "3");
            s.read(s.a, "a");
            s.read(s.c, "c");
            s.call(s.b, "LRANGE", "q", "0", "-1");
        });
    }

    @Test
    void blmoveChainsServeInTheSameTurn() throws Exception {
        compare(s -> {
            s.block(s.a, "BLMOVE", "src", "dst", "LEFT", "RIGHT", "0");
            s.block(s.c, "BLPOP", "dst", "0");
            s.call(s.b, "RPUSH", "src", "job");
            s.read(s.a, "a");
            s.read(s.c, "c");
            s.call(s.b, "EXISTS", "src", "dst");
        });
    }

    @Test
    void sortedSetWaitersAndTheWrongType() throws Exception {
        compare(s -> {
            s.block(s.a, "BZPOPMIN", "z", "0");
            s.call(s.b, "LPUSH", "z", "a list");            // not a sorted set: the waiter keeps waiting
            s.call(s.b, "DEL", "z");
            s.call(s.b, "ZADD", "z", "2", "two", "1", "one");
            s.read(s.a, "a");
            s.block(s.a, "BZMPOP", "0", "2", "y", "z2", "MAX", "COUNT", "5");
            s.call(s.b, "ZADD", "z2", "1", "m", "5.5", "n");
            s.read(s.a, "a");
            s.block(s.c, "BZPOPMAX", "nothing", "z3", "0");
            s.call(s.b, "ZADD", "z3", "7", "seven");
            s.read(s.c, "c");
        });
    }

    @Test
    void blmpopAndRpoplpush() throws Exception {
        compare(s -> {
            s.block(s.a, "BLMPOP", "0", "2", "l1", "l2", "RIGHT", "COUNT", "2");
            s.call(s.b, "RPUSH", "l2", "a", "b", "c");
            s.read(s.a, "a");
            s.block(s.c, "BRPOPLPUSH", "l3", "l4", "0");
            s.call(s.b, "RPUSH", "l3", "z");
            s.read(s.c, "c");
            s.call(s.b, "LRANGE", "l4", "0", "-1");
        });
    }

    @Test
    void timeoutsAndImmediateAnswers() throws Exception {
        compare(s -> {
            s.block(s.a, "BLPOP", "none", "0.05");        // the timeout passes on its own: a null array
            s.read(s.a, "a");
            s.block(s.a, "BLMOVE", "none", "d", "LEFT", "LEFT", "0.05");
            s.read(s.a, "a");
            s.block(s.a, "BZPOPMIN", "none", "0.05");
            s.read(s.a, "a");
            s.call(s.b, "SET", "str", "v");
            s.call(s.b, "BLPOP", "str", "0");             // the wrong type: an error at once
            s.call(s.b, "BLPOP", "k", "abc");
            s.call(s.b, "BLPOP", "k", "-1");
            s.call(s.b, "BLMPOP", "0", "0", "k", "LEFT");
            s.call(s.b, "RPUSH", "ready", "1");
            s.call(s.b, "BRPOP", "empty", "ready", "0");  // something there: no waiting
            s.call(s.b, "MULTI");
            s.call(s.b, "BLPOP", "empty", "0");
            s.call(s.b, "BLMOVE", "empty", "x", "LEFT", "LEFT", "0");
            s.call(s.b, "BZPOPMAX", "empty", "0");
            s.call(s.b, "EXEC");                          // inside EXEC, blocking commands time out at once
        });
    }

    @Test
    void aBlockedClientsPipelineWaitsBehindIt() throws Exception {
        compare(s -> {
            s.a.send(RawClient.encode("BLPOP", "p", "0"));
            s.a.send(RawClient.encode("INCR", "after"));  // must not run before the BLPOP is served
            s.block(s.a, "PING");                          // (PING is queued behind; wait until BLPOP blocked)
            s.call(s.b, "GET", "after");
            s.call(s.b, "RPUSH", "p", "v");
            s.read(s.a, "a blpop");
            s.read(s.a, "a incr");
            s.read(s.a, "a ping");
            s.call(s.b, "GET", "after");
        });
    }

    @Test
    void swapdbAndRenameWakeWaiters() throws Exception {
        compare(s -> {
            s.block(s.a, "BLPOP", "k", "0");
            s.call(s.b, "SELECT", "1");
            s.call(s.b, "RPUSH", "k", "from db 1");
            s.call(s.b, "SWAPDB", "0", "1");
            s.read(s.a, "a");
            s.block(s.a, "BLPOP", "target", "0");
            s.call(s.b, "SELECT", "0");
            s.call(s.b, "RPUSH", "source", "renamed");
            s.call(s.b, "RENAME", "source", "target");
            s.read(s.a, "a");
        });
    }

    @Test
    void clientUnblockAnswersAsATimeoutOrAnError() throws Exception {
        compare(s -> {
            String id = text(s.a.command("CLIENT", "ID").readReplyBytes()).replaceAll("[^0-9]", "");
            s.block(s.a, "BLPOP", "k", "0");
            s.transcript.add("unblock -> " + text(s.b.command("CLIENT", "UNBLOCK", id).readReplyBytes()));
            s.read(s.a, "a");
            s.block(s.a, "BLMOVE", "k", "d", "LEFT", "LEFT", "0");
            s.transcript.add("unblock -> " + text(s.b.command("CLIENT", "UNBLOCK", id, "ERROR").readReplyBytes()));
            s.read(s.a, "a");
            s.transcript.add("unblock -> " + text(s.b.command("CLIENT", "UNBLOCK", id).readReplyBytes()));
            s.transcript.add("bad reason -> " + text(s.b.command("CLIENT", "UNBLOCK", id, "MAYBE").readReplyBytes()));
            s.call(s.a, "PING");
        });
    }

    // ---- random sequences -------------------------------------------------------------------------------------------

    private static final String[] LISTS = {"l0", "l1", "l2"};
    private static final String[] ZSETS = {"z0", "z1"};

    private static String pick(java.util.Random r, String[] from) {
        return from[r.nextInt(from.length)];
    }

    private static String[] blockingCommand(java.util.Random r) {
        return switch (r.nextInt(7)) {
            case 0 -> new String[] {"BLPOP", pick(r, LISTS), pick(r, LISTS), "0"};
            case 1 -> new String[] {"BRPOP", pick(r, LISTS), "0"};
            case 2 -> new String[] {"BLMOVE", pick(r, LISTS), pick(r, LISTS), r.nextBoolean() ? "LEFT" : "RIGHT",
                    r.nextBoolean() ? "LEFT" : "RIGHT", "0"};
            case 3 -> new String[] {"BLMPOP", "0", "2", pick(r, LISTS), pick(r, LISTS), "LEFT", "COUNT", "2"};
            case 4 -> new String[] {"BZPOPMIN", pick(r, ZSETS), pick(r, ZSETS), "0"};
            case 5 -> new String[] {"BZMPOP", "0", "1", pick(r, ZSETS), "MAX"};
            default -> new String[] {"BRPOPLPUSH", pick(r, LISTS), pick(r, LISTS), "0"};
        };
    }

    private static String[] otherCommand(java.util.Random r) {
        return switch (r.nextInt(9)) {
            case 0, 1 -> new String[] {"RPUSH", pick(r, LISTS), "e" + r.nextInt(100), "f" + r.nextInt(100)};
            case 2 -> new String[] {"LPUSH", pick(r, LISTS), "g" + r.nextInt(100)};
            case 3 -> new String[] {"ZADD", pick(r, ZSETS), String.valueOf(r.nextInt(10)), "m" + r.nextInt(10)};
            case 4 -> new String[] {"DEL", pick(r, LISTS), pick(r, ZSETS)};
            case 5 -> new String[] {"LRANGE", pick(r, LISTS), "0", "-1"};
            case 6 -> new String[] {"ZRANGE", pick(r, ZSETS), "0", "-1", "WITHSCORES"};
            case 7 -> new String[] {"RENAME", pick(r, LISTS), pick(r, LISTS)};
            default -> new String[] {"LMOVE", pick(r, LISTS), pick(r, LISTS), "LEFT", "RIGHT"};
        };
    }

    // The flags CLIENT LIST shows for the client with this id ("b" while blocked).
    private static String flagsOf(RawClient control, String id) throws Exception {
        String list = new String(control.command("CLIENT", "LIST").readReplyBytes(), StandardCharsets.ISO_8859_1);
        for (String line : list.split("[\\r\\n]+")) {
            if (!line.startsWith("id=" + id + " ")) continue;
            for (String field : line.split(" ")) if (field.startsWith("flags=")) return field.substring(6);
        }
        return "gone";
    }

    /**
     * Random interleavings of blocking commands from three clients and writes from a fourth, run with the same seed on
     * both servers: after each step, which clients are blocked (CLIENT LIST's flags) and every reply a client got must
     * agree. Timeouts are 0 here (a real timeout would make the step at which it fires depend on timing); they have
     * their own scripted test above and BlockingTest on a manual clock.
     */
    @Test
    void randomBlockingSequences() throws Exception {
        assumeTrue(RealRedis.available(), "redis-server is not installed");
        long seed = Differential.seed();
        try (BothServers servers = new BothServers("blocking-random-loop")) {
            List<String> expected = randomRun(servers.redis.port(), seed);
            List<String> actual = randomRun(servers.ours.port(), seed);
            for (int i = 0; i < Math.min(expected.size(), actual.size()); i++) {
                assertThat(actual.get(i)).as("seed %d (replay with -Ddiff.seed=%d), step %d; before: %s", seed, seed, i,
                        expected.subList(Math.max(0, i - 8), i)).isEqualTo(expected.get(i));
            }
            assertThat(actual).hasSameSizeAs(expected);
            // The run did what it is for: clients blocked, and writes served them.
            assertThat(expected).anyMatch(line -> line.endsWith(" blocks"));
            assertThat(expected).anyMatch(line -> line.contains(" served -> "));
        }
    }

    private static List<String> randomRun(int port, long seed) throws Exception {
        java.util.Random r = new java.util.Random(seed);
        List<String> transcript = new ArrayList<>();
        RawClient control = new RawClient(port);
        RawClient[] clients = {new RawClient(port), new RawClient(port), new RawClient(port)};
        String[] ids = new String[clients.length];
        boolean[] blocked = new boolean[clients.length];
        try {
            for (int i = 0; i < clients.length; i++) {
                ids[i] = text(clients[i].command("CLIENT", "ID").readReplyBytes()).replaceAll("[^0-9]", "");
            }
            for (int step = 0; step < 400; step++) {
                int i = r.nextInt(clients.length);
                if (!blocked[i] && r.nextInt(3) != 0) {
                    String[] command = blockingCommand(r);
                    clients[i].command(command);
                    // Wait until the server has run it: CLIENT LIST names it as the client's last command.
                    String name = command[0].toLowerCase(java.util.Locale.ROOT);
                    String id = ids[i];
                    control.callUntil(list -> list.contains("id=" + id + " ") && list.replace("\r\n", "\n")
                            .lines().anyMatch(l -> l.startsWith("id=" + id + " ") && l.contains(" cmd=" + name)),
                            "CLIENT", "LIST");
                    blocked[i] = flagsOf(control, id).contains("b");
                    transcript.add(step + " c" + i + " " + String.join(" ", command) + (blocked[i] ? " blocks"
                            : " -> " + text(clients[i].readReplyBytes())));
                } else {
                    String[] command = otherCommand(r);
                    transcript.add(step + " w " + String.join(" ", command) + " -> "
                            + text(control.command(command).readReplyBytes()));
                }
                for (int j = 0; j < clients.length; j++) {     // who was served by this step, in client order
                    if (blocked[j] && !flagsOf(control, ids[j]).contains("b")) {
                        blocked[j] = false;
                        transcript.add(step + " c" + j + " served -> " + text(clients[j].readReplyBytes()));
                    }
                }
            }
        } finally {
            control.close();
            for (RawClient c : clients) c.close();
        }
        return transcript;
    }
}
