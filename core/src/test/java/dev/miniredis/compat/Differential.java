package dev.miniredis.compat;

import dev.miniredis.testing.RawClient;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A seeded random differential run: the same generated commands go to a real redis-server and to ours, over a RESP2 and
 * a RESP3 connection each, and every reply must be the same bytes. A failure names the seed, the step and the commands
 * so far, so {@code -Ddiff.seed=N} replays it exactly.
 *
 * <p>Both servers read the real clock (ours is built with {@code System::currentTimeMillis}); generators avoid
 * commands whose replies depend on exact timing (TTL values, idle times).
 */
final class Differential implements AutoCloseable {
    private final BothServers servers;
    private final RawClient[] redisClients = new RawClient[2];
    private final RawClient[] ourClients = new RawClient[2];

    Differential() throws Exception {
        servers = new BothServers("differential-loop");
        for (int protocol = 2; protocol <= 3; protocol++) {
            RawClient r = new RawClient(servers.redis.port());
            RawClient o = new RawClient(servers.ours.port());
            if (protocol == 3) {
                r.command("HELLO", "3").readReplyBytes(); // the HELLO maps differ (server name, version): not compared
                o.command("HELLO", "3").readReplyBytes();
            }
            redisClients[protocol - 2] = r;
            ourClients[protocol - 2] = o;
        }
    }

    /** The seed: {@code -Ddiff.seed=N} to replay one, else a new one each run (printed on failure). */
    static long seed() {
        String fixed = System.getProperty("diff.seed");
        return fixed != null ? Long.parseLong(fixed) : new Random().nextLong();
    }

    /**
     * Runs {@code steps} generated commands, alternating RESP2 and RESP3 connections at random.
     *
     * @param seed the seed for {@code generator}'s randomness
     * @param steps how many commands
     * @param generator one command from the random source
     */
    void run(long seed, int steps, Function<Random, String[]> generator) throws Exception {
        run(seed, steps, generator, reply -> reply);
    }

    /**
     * The same, with both replies put through {@code normalize} before they are compared: for replies whose order
     * Redis takes from a hash table (CONFIG GET), which differs from one redis-server process to the next.
     *
     * @param seed the seed for {@code generator}'s randomness
     * @param steps how many commands
     * @param generator one command from the random source
     * @param normalize applied to both replies
     */
    void run(long seed, int steps, Function<Random, String[]> generator,
             java.util.function.UnaryOperator<byte[]> normalize) throws Exception {
        Random random = new Random(seed);
        List<String> history = new ArrayList<>();
        for (int step = 0; step < steps; step++) {
            String[] command = generator.apply(random);
            int protocol = random.nextInt(2);
            history.add("RESP" + (protocol + 2) + " " + Arrays.toString(command));
            byte[] expected = normalize.apply(redisClients[protocol].command(command).readReplyBytes());
            byte[] actual = normalize.apply(ourClients[protocol].command(command).readReplyBytes());
            assertThat(escaped(actual))
                    .as("seed %d, step %d, %s (replay with -Ddiff.seed=%d); the last commands: %s", seed, step,
                            history.get(history.size() - 1), seed,
                            history.subList(Math.max(0, history.size() - 10), history.size()))
                    .isEqualTo(escaped(expected));
        }
    }

    // CR and LF made visible, so a failure shows the frames.
    private static String escaped(byte[] reply) {
        return new String(reply, java.nio.charset.StandardCharsets.ISO_8859_1).replace("\r", "\\r").replace("\n", "\\n");
    }

    /** Sends one command to both servers (RESP2), for set-up, and requires the same reply. */
    void both(String... command) throws Exception {
        byte[] expected = redisClients[0].command(command).readReplyBytes();
        byte[] actual = ourClients[0].command(command).readReplyBytes();
        assertThat(escaped(actual)).as(Arrays.toString(command)).isEqualTo(escaped(expected));
    }

    @Override
    public void close() throws Exception {
        for (RawClient c : redisClients) if (c != null) c.close();
        for (RawClient c : ourClients) if (c != null) c.close();
        servers.close();
    }
}
