package dev.miniredis.compat;

import dev.miniredis.testing.RawClient;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keyspace notifications compared with a real redis-server: on each server one connection runs the generated
 * commands and another is subscribed to {@code __key*__:*}. After each command both the reply and every notification
 * it caused must match, in order. The subscriber's PING is the barrier: the command's reply came back before the PING
 * was sent, so every notification the command published sits in the subscriber's stream before the PING's answer.
 * INFO's keyspace_hits and keyspace_misses must match too: they count the same lookups that publish "keymiss".
 */
final class NotificationDifferential implements AutoCloseable {
    private static final byte[] PONG = "*2\r\n$4\r\npong\r\n$0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] RESP3_PONG = "+PONG\r\n".getBytes(StandardCharsets.US_ASCII); // RESP3 allows PING as usual

    private final BothServers servers;
    private final RawClient redis;
    private final RawClient ours;
    private final RawClient redisEvents;
    private final RawClient ourEvents;
    private final byte[] pong; // the subscriber's barrier: the answer to its PING

    /**
     * Both servers with {@code notify-keyspace-events} set to {@code classes} and a subscriber on each, in RESP2.
     *
     * @param classes the class letters, e.g. {@code "AKEnm"}
     */
    NotificationDifferential(String classes) throws Exception {
        this(classes, 2);
    }

    /**
     * Both servers with {@code notify-keyspace-events} set to {@code classes} and a subscriber on each, every
     * connection speaking {@code protocol} (in RESP3 the notifications are push frames, {@code >4 pmessage ...}).
     *
     * @param classes the class letters, e.g. {@code "AKEnm"}
     * @param protocol 2 or 3
     */
    NotificationDifferential(String classes, int protocol) throws Exception {
        servers = new BothServers("notification-loop");
        redis = new RawClient(servers.redis.port());
        ours = new RawClient(servers.ours.port());
        redisEvents = new RawClient(servers.redis.port());
        ourEvents = new RawClient(servers.ours.port());
        pong = protocol == 3 ? RESP3_PONG : PONG;
        if (protocol == 3) for (RawClient c : new RawClient[] {redis, ours, redisEvents, ourEvents}) c.call("HELLO", "3");
        for (RawClient c : new RawClient[] {redis, ours}) c.call("CONFIG", "SET", "notify-keyspace-events", classes);
        for (RawClient c : new RawClient[] {redisEvents, ourEvents}) c.call("PSUBSCRIBE", "__key*__:*");
    }

    /**
     * Runs {@code steps} generated commands, comparing replies and notifications after each.
     *
     * @param seed the generator's seed, printed on failure
     * @param steps how many commands
     * @param generator one command from the random source
     */
    void run(long seed, int steps, Function<Random, String[]> generator) throws Exception {
        Random random = new Random(seed);
        List<String> history = new ArrayList<>();
        for (int step = 0; step < steps; step++) {
            String[] command = generator.apply(random);
            history.add(Arrays.toString(command));
            String where = String.format("seed %d, step %d, %s (replay with -Ddiff.seed=%d); the last commands: %s", seed,
                    step, history.get(history.size() - 1), seed,
                    history.subList(Math.max(0, history.size() - 8), history.size()));
            byte[] expected = redis.command(command).readReplyBytes();
            byte[] actual = ours.command(command).readReplyBytes();
            assertThat(comparable(command[0], actual)).as("reply: " + where).isEqualTo(comparable(command[0], expected));
            assertThat(events(ourEvents, pong)).as("notifications: " + where).isEqualTo(events(redisEvents, pong));
            // After every command, so that a read through the wrong lookup shows at the command that made it.
            assertThat(keyspaceStats(ours)).as("INFO keyspace_hits/misses: " + where).isEqualTo(keyspaceStats(redis));
        }
    }

    // Replies that are random (which members SPOP takes) are compared by their first line, the type and count; replies
    // whose order is a hash table's are compared as sorted lines. Their notifications are still compared exactly.
    private static final java.util.Set<String> RANDOM = java.util.Set.of("SPOP", "SRANDMEMBER", "HRANDFIELD",
            "ZRANDMEMBER");
    private static final java.util.Set<String> UNORDERED = java.util.Set.of("SMEMBERS", "SUNION", "SDIFF", "SINTER",
            "SSCAN", "HGETALL", "HKEYS", "HVALS", "HSCAN");

    private static String comparable(String command, byte[] reply) {
        String text = new String(reply, StandardCharsets.ISO_8859_1);
        String name = command.toUpperCase(java.util.Locale.ROOT);
        if (RANDOM.contains(name) && !text.startsWith("-")) return text.substring(0, text.indexOf('\r'));
        if (UNORDERED.contains(name)) {
            String[] lines = text.split("\r\n");
            Arrays.sort(lines);
            return String.join("|", lines);
        }
        return escaped(reply);
    }

    // INFO's keyspace_hits and keyspace_misses: which reads count as lookups, and whether each found its key.
    private static String keyspaceStats(RawClient client) throws Exception {
        String info = client.call("INFO", "stats");
        StringBuilder stats = new StringBuilder();
        for (String line : info.split("\r\n")) {
            if (line.startsWith("keyspace_hits:") || line.startsWith("keyspace_misses:")) stats.append(line).append(' ');
        }
        return stats.toString();
    }

    // Every frame the subscriber received up to the answer to a PING sent now.
    private static List<String> events(RawClient subscriber, byte[] pong) throws Exception {
        subscriber.command("PING");
        List<String> frames = new ArrayList<>();
        for (byte[] frame; !Arrays.equals(frame = subscriber.readReplyBytes(), pong); ) frames.add(escaped(frame));
        return frames;
    }

    private static String escaped(byte[] reply) {
        return new String(reply, StandardCharsets.ISO_8859_1).replace("\r", "\\r").replace("\n", "\\n");
    }

    @Override
    public void close() throws Exception {
        for (RawClient c : new RawClient[] {redis, ours, redisEvents, ourEvents}) c.close();
        servers.close();
    }
}
