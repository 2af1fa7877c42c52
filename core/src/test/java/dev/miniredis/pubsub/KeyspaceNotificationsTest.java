package dev.miniredis.pubsub;

import dev.miniredis.testing.RawClient;
import dev.miniredis.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keyspace notifications over sockets, on a manual clock: nothing while they are off (the default), the exact frame a
 * subscriber receives, a command's events in Redis's order (the keyspace's "new" first, "del" after the event that
 * emptied a collection), and "expired" from the expiry timer once the clock passes a deadline. The subscriber's PING is
 * the barrier: everything published before its answer was written first. (NotificationDifferentialTest compares every
 * command with a real Redis.)
 */
@Timeout(30)
class KeyspaceNotificationsTest {
    private static final byte[] PONG = "*2\r\n$4\r\npong\r\n$0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    @Test
    void commandsAndTheKeyspacePublishInRedisOrder() throws Exception {
        try (TestServer server = new TestServer(); RawClient c = server.connect(); RawClient sub = server.connect()) {
            sub.call("PSUBSCRIBE", "__keyspace@0__:*");

            c.call("HSET", "h", "f", "v");
            assertThat(events(sub)).as("off by default").isEmpty();

            assertThat(c.call("CONFIG", "SET", "notify-keyspace-events", "Kghxn")).isEqualTo("+OK\r\n");
            c.call("HSET", "h2", "a", "1", "b", "2");
            sub.command("PING");
            assertThat(sub.readReply()).as("one whole frame").isEqualTo("*4\r\n$8\r\npmessage\r\n$16\r\n__keyspace@0__:*"
                    + "\r\n$17\r\n__keyspace@0__:h2\r\n$3\r\nnew\r\n");
            assertThat(sub.readReply()).endsWith("$4\r\nhset\r\n");
            assertThat(sub.readReplyBytes()).isEqualTo(PONG);

            c.call("HDEL", "h2", "a", "b");
            assertThat(events(sub)).containsExactly("h2 hdel", "h2 del");

            c.call("SET", "s", "v"); // strings ($) are not enabled: only the keyspace's "new" (n is)
            c.call("HDEL", "h", "nope"); // nothing removed: nothing published
            assertThat(events(sub)).containsExactly("s new");

            c.call("PEXPIRE", "h", "1000");
            assertThat(events(sub)).containsExactly("h expire");
            server.advance(Duration.ofMillis(1000));
            c.call("PING"); // served in a turn that read the new time; the expiry timer ran at its end
            assertThat(events(sub)).containsExactly("h expired");
            c.call("HSET", "h", "f", "v");
            assertThat(events(sub)).containsExactly("h new", "h hset");
        }
    }

    // "<key> <event>" for each notification the subscriber received before the answer to a PING sent now.
    private static List<String> events(RawClient subscriber) throws Exception {
        subscriber.command("PING");
        List<String> events = new ArrayList<>();
        for (byte[] frame; !Arrays.equals(frame = subscriber.readReplyBytes(), PONG); ) {
            String[] lines = new String(frame, StandardCharsets.US_ASCII).split("\r\n");
            events.add(lines[6].substring("__keyspace@0__:".length()) + " " + lines[8]);
        }
        return events;
    }
}
