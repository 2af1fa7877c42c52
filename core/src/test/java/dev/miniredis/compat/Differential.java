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
        this(dev.miniredis.command.CommandTable.standard());
    }

    /** With our server running {@code commands} (the standard table, perhaps with test-only commands added). */
    Differential(dev.miniredis.command.CommandTable commands) throws Exception {
        servers = new BothServers("differential-loop", commands);
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
        run(seed, steps, generator, (command, reply) -> reply);
    }

    /**
     * {@link #run(long, int, Function)}, with both replies passed through {@code normalizer} before they are compared:
     * for replies that depend on timing (a TTL that may be 100 on one server and 99 on the other), to keep only what
     * must be equal.
     *
     * @param seed the seed for {@code generator}'s randomness
     * @param steps how many commands
     * @param generator one command from the random source
     * @param normalizer the command and one server's reply bytes to what is compared
     */
    void run(long seed, int steps, Function<Random, String[]> generator,
             java.util.function.BiFunction<String[], byte[], byte[]> normalizer) throws Exception {
        Random random = new Random(seed);
        List<String> history = new ArrayList<>();
        for (int step = 0; step < steps; step++) {
            String[] command = generator.apply(random);
            int protocol = random.nextInt(2);
            history.add("RESP" + (protocol + 2) + " " + Arrays.toString(command));
            byte[] expected = normalizer.apply(command, redisClients[protocol].command(command).readReplyBytes());
            byte[] actual = normalizer.apply(command, ourClients[protocol].command(command).readReplyBytes());
            assertThat(escaped(actual))
                    .as("seed %d, step %d, %s (replay with -Ddiff.seed=%d); the last commands: %s", seed, step,
                            history.get(history.size() - 1), seed,
                            history.subList(Math.max(0, history.size() - 10), history.size()))
                    .isEqualTo(escaped(expected));
        }
    }

    /**
     * Decides whether two replies to one command agree, for commands whose replies are random (ZRANDMEMBER) or depend
     * on the server's table layout (ZSCAN): it may ask both servers more ({@link #redis}, {@link #ours}).
     */
    interface Comparison {
        /**
         * @param command the command both servers answered
         * @param expected redis-server's reply bytes
         * @param actual ours
         * @param protocol 2 or 3
         * @return null to compare the bytes as usual, else whether the replies agree
         */
        Boolean agree(String[] command, byte[] expected, byte[] actual, int protocol) throws Exception;
    }

    /**
     * {@link #run(long, int, Function)} with a {@link Comparison} for the replies that cannot be compared byte for byte.
     *
     * @param seed the seed for {@code generator}'s randomness
     * @param steps how many commands
     * @param generator one command from the random source
     * @param comparison decides about some commands' replies; null: every reply byte for byte
     */
    void runComparing(long seed, int steps, Function<Random, String[]> generator, Comparison comparison)
            throws Exception {
        Random random = new Random(seed);
        List<String> history = new ArrayList<>();
        for (int step = 0; step < steps; step++) {
            String[] command = generator.apply(random);
            int protocol = random.nextInt(2);
            history.add("RESP" + (protocol + 2) + " " + Arrays.toString(command));
            byte[] expected = redisClients[protocol].command(command).readReplyBytes();
            byte[] actual = ourClients[protocol].command(command).readReplyBytes();
            Boolean agree = comparison == null ? null : comparison.agree(command, expected, actual, protocol + 2);
            if (agree != null) {
                assertThat(agree).as("seed %d, step %d, %s (replay with -Ddiff.seed=%d): redis %s, ours %s", seed, step,
                        history.get(history.size() - 1), seed, escaped(expected), escaped(actual)).isTrue();
                continue;
            }
            assertThat(escaped(actual))
                    .as("seed %d, step %d, %s (replay with -Ddiff.seed=%d); the last commands: %s", seed, step,
                            history.get(history.size() - 1), seed,
                            history.subList(Math.max(0, history.size() - 10), history.size()))
                    .isEqualTo(escaped(expected));
        }
    }

    /**
     * A comparison a test makes itself, for commands whose replies are not byte for byte the same on both servers
     * (an order that depends on each server's hash table, random picks): it sends the command to both and checks what
     * must agree. Added for the collection families; {@link #run(long, int, Function)} compares bytes only.
     */
    interface Check {
        /**
         * Handles {@code command} if it is one of the test's special ones.
         *
         * @param command the generated command
         * @param redis the real server's connection (RESP2 or RESP3, as the step chose)
         * @param ours our server's connection, same protocol
         * @param context the seed, step and recent commands, for failure messages
         * @return true if it sent the command and checked the replies; false to let the bytes be compared
         */
        boolean handled(String[] command, RawClient redis, RawClient ours, String context) throws Exception;
    }

    /**
     * {@link #run(long, int, Function)}, but each command is first offered to {@code check}, which may compare it its
     * own way.
     *
     * @param seed the seed for {@code generator}'s randomness
     * @param steps how many commands
     * @param generator one command from the random source
     * @param check the test's own comparison for some commands
     */
    void run(long seed, int steps, Function<Random, String[]> generator, Check check) throws Exception {
        Random random = new Random(seed);
        List<String> history = new ArrayList<>();
        for (int step = 0; step < steps; step++) {
            String[] command = generator.apply(random);
            int protocol = random.nextInt(2);
            history.add("RESP" + (protocol + 2) + " " + Arrays.toString(command));
            String context = String.format("seed %d, step %d, %s (replay with -Ddiff.seed=%d); the last commands: %s",
                    seed, step, history.get(history.size() - 1), seed,
                    history.subList(Math.max(0, history.size() - 10), history.size()));
            if (check.handled(command, redisClients[protocol], ourClients[protocol], context)) continue;
            byte[] expected = redisClients[protocol].command(command).readReplyBytes();
            byte[] actual = ourClients[protocol].command(command).readReplyBytes();
            assertThat(escaped(actual)).as(context).isEqualTo(escaped(expected));
        }
    }

    // CR and LF made visible, so a failure shows the frames.
    private static String escaped(byte[] reply) {
        return new String(reply, java.nio.charset.StandardCharsets.ISO_8859_1).replace("\r", "\\r").replace("\n", "\\n");
    }

    /** Sends a command to redis-server over the RESP2 connection; the reply's bytes. */
    byte[] redis(String... command) throws Exception {
        return redisClients[0].command(command).readReplyBytes();
    }

    /** Sends a command to our server over the RESP2 connection; the reply's bytes. */
    byte[] ours(String... command) throws Exception {
        return ourClients[0].command(command).readReplyBytes();
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
