package dev.miniredis.reactor;

import dev.miniredis.testing.ManualClock;
import dev.miniredis.testing.RawClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The key-expiry timer also finishes a resize of the keyspace's index when no command comes to move it along. The loop
 * is stepped on this thread, so the test may look at its {@code Db} between turns.
 */
@Timeout(30)
class KeyspaceTimerTest {
    @Test
    void anIdleServerFinishesAResizeThroughTheTimer() throws Exception {
        ManualClock clock = new ManualClock();
        EventLoop loop = new EventLoop(new ServerConfig().port(0), clock);
        try (SocketChannel client = SocketChannel.open(new InetSocketAddress("127.0.0.1", loop.port()))) {
            loop.runOnce(); // accepts the client
            // 40 keys: the index doubles from 16 to 32 buckets, then starts on 64, and each later insert moves one bucket.
            int count = 40;
            ByteArrayOutputStream pipeline = new ByteArrayOutputStream();
            for (int i = 0; i < count; i++) pipeline.writeBytes(RawClient.encode("SET", "key:" + i, "v"));
            ByteBuffer toSend = ByteBuffer.wrap(pipeline.toByteArray());
            while (toSend.hasRemaining() || loop.db().size() < count) {
                client.write(toSend);
                loop.runOnce();
            }
            assertThat(loop.db().isRehashing()).as("a resize is under way when the commands stop").isTrue();

            clock.advance(Duration.ofMillis(1)); // the timer was armed for a millisecond later
            for (int turns = 0; turns < 10 && loop.db().isRehashing(); turns++) loop.runOnce();
            assertThat(loop.db().isRehashing()).as("the timer moved the rest").isFalse();
            assertThat(loop.db().size()).isEqualTo(count);
        } finally {
            loop.shutdown();
            loop.run();
        }
    }
}
