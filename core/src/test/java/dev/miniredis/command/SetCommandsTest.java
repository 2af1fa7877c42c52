package dev.miniredis.command;

import dev.miniredis.client.Client;
import dev.miniredis.testing.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The set commands through the project's own {@link Client}, on a server with a manual clock: conversions, expiry of a
 * set key, and {@code used_memory} following a heap set through every in-place change (a missed {@code Db.resized}
 * would leave the figure at the size the set had when it was stored).
 */
@Timeout(60)
class SetCommandsTest {
    private TestServer server;
    private Client client;

    @BeforeEach
    void start() throws Exception {
        server = new TestServer();
        client = Client.connect("127.0.0.1", server.port());
    }

    @AfterEach
    void stop() throws Exception {
        client.close();
        server.close();
    }

    private static String text(Object reply) {
        return reply instanceof byte[] b ? new String(b, StandardCharsets.ISO_8859_1) : String.valueOf(reply);
    }

    private long usedMemory() throws Exception {
        String info = text(client.send("INFO", "memory"));
        for (String line : info.split("\r\n")) {
            if (line.startsWith("used_memory:")) return Long.parseLong(line.substring("used_memory:".length()));
        }
        throw new AssertionError("no used_memory in " + info);
    }

    @Test
    void aSetConvertsOnceAndAnswersThroughTheClient() throws Exception {
        assertThat(client.send("SADD", "s", "3", "1", "2")).isEqualTo(3L);
        assertThat(text(client.send("OBJECT", "ENCODING", "s"))).isEqualTo("intset");
        List<String> members = new ArrayList<>();
        for (Object m : (List<?>) client.send("SMEMBERS", "s")) members.add(text(m));
        assertThat(members).containsExactly("1", "2", "3");
        assertThat(client.send("SADD", "s", "hello")).isEqualTo(1L);
        assertThat(text(client.send("OBJECT", "ENCODING", "s"))).isEqualTo("hashtable");
        assertThat(client.send("SREM", "s", "hello")).isEqualTo(1L);
        assertThat(text(client.send("OBJECT", "ENCODING", "s"))).isEqualTo("hashtable");
        assertThat(client.send("SISMEMBER", "s", "2")).isEqualTo(1L);
        assertThat(client.send("SUNIONSTORE", "t", "s")).isEqualTo(3L);
        assertThat(text(client.send("OBJECT", "ENCODING", "t"))).isEqualTo("intset");
    }

    @Test
    void aSetKeyExpiresLikeAnyOther() throws Exception {
        client.send("SADD", "s", "a", "b");
        client.send("SADD", "i", "1", "2");
        client.send("PEXPIRE", "s", "1000");
        client.send("PEXPIRE", "i", "1000");
        client.send("SADD", "s", "c");              // a write to a set keeps its deadline
        assertThat(client.send("PTTL", "s")).isEqualTo(1000L);
        server.advance(Duration.ofMillis(1000));
        assertThat(client.send("SCARD", "s")).isEqualTo(0L);
        assertThat(client.send("EXISTS", "i")).isEqualTo(0L);
    }

    @Test
    void usedMemoryFollowsAHeapSetThroughEveryChange() throws Exception {
        long empty = usedMemory();
        String[] all = new String[2 + 1_000];
        all[0] = "SADD";
        all[1] = "whole";
        for (int i = 0; i < 1_000; i++) {
            all[2 + i] = "member:" + i;
            client.send("SADD", "bytes", "member:" + i);    // the same set, one member at a time
        }
        client.send(all);
        long withBoth = usedMemory();
        client.send("DEL", "whole");
        long withOne = usedMemory();
        assertThat(withBoth - withOne).isEqualTo(withOne - empty);  // both sets cost the same
        for (int i = 0; i < 1_000; i++) client.send("SREM", "bytes", "member:" + i);
        assertThat(client.send("EXISTS", "bytes")).isEqualTo(0L);    // emptied: the key went, and its memory with it
        assertThat(usedMemory()).isEqualTo(empty);
    }
}
