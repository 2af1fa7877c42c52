package dev.miniredis.command.zset;

import dev.miniredis.client.Client;
import dev.miniredis.client.RedisException;
import dev.miniredis.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A leaderboard driven through the project's own {@link Client}, as an application would: scores added and
 * incremented, the top of the board, ranks, the conversion to a skip list past the limit, and the key's deletion when
 * the last member goes.
 */
@Timeout(30)
class ZSetThroughClientTest {
    private static List<String> strings(Object reply) {
        List<String> out = new ArrayList<>();
        for (Object o : (List<?>) reply) out.add(string(o));
        return out;
    }

    private static String string(Object reply) {
        return reply instanceof byte[] b ? new String(b, StandardCharsets.UTF_8) : String.valueOf(reply);
    }

    @Test
    void aLeaderboard() throws Exception {
        try (TestServer server = new TestServer(); Client c = Client.connect("127.0.0.1", server.port())) {
            assertThat(c.send("ZADD", "board", "10", "ann", "20", "bob", "15", "cy")).isEqualTo(3L);
            assertThat(string(c.send("ZINCRBY", "board", "7.5", "ann"))).isEqualTo("17.5");
            assertThat(strings(c.send("ZREVRANGE", "board", "0", "1", "WITHSCORES")))
                    .containsExactly("bob", "20", "ann", "17.5");
            assertThat(c.send("ZRANK", "board", "cy")).isEqualTo(0L);
            assertThat(c.send("ZREVRANK", "board", "cy")).isEqualTo(2L);
            assertThat(c.send("ZCOUNT", "board", "(15", "+inf")).isEqualTo(2L);
            assertThat(string(c.send("OBJECT", "ENCODING", "board"))).isEqualTo("listpack");

            c.send("CONFIG", "SET", "zset-max-listpack-entries", "3");
            assertThat(c.send("ZADD", "board", "1", "dee")).isEqualTo(1L);
            assertThat(string(c.send("OBJECT", "ENCODING", "board"))).isEqualTo("skiplist");
            assertThat(strings(c.send("ZRANGE", "board", "0", "-1"))).containsExactly("dee", "cy", "ann", "bob");
            assertThat(c.send("ZREM", "board", "dee", "cy")).isEqualTo(2L);
            assertThat(string(c.send("OBJECT", "ENCODING", "board"))).isEqualTo("skiplist"); // never back, as in 7.0

            assertThat(strings(c.send("ZPOPMAX", "board", "5"))).containsExactly("bob", "20", "ann", "17.5");
            assertThat(c.send("EXISTS", "board")).isEqualTo(0L);
            c.set("name", "x");
            assertThatThrownBy(() -> c.send("ZADD", "name", "1", "m")).isInstanceOf(RedisException.class)
                    .hasMessageContaining("WRONGTYPE");
        }
    }
}
