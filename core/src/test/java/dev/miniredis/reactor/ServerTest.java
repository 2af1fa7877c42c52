package dev.miniredis.reactor;

import dev.miniredis.testing.RawClient;
import dev.miniredis.testing.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/** The real event loop on an ephemeral port, spoken to with raw RESP bytes. */
@Timeout(120)
class ServerTest {
    private TestServer server;

    @BeforeEach
    void start() throws Exception {
        server = new TestServer();
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    @Test
    void setThenGet() throws Exception {
        try (RawClient c = server.connect()) {
            assertThat(c.call("SET", "foo", "bar")).isEqualTo("+OK\r\n");
            assertThat(c.call("GET", "foo")).isEqualTo("$3\r\nbar\r\n");
            assertThat(c.call("GET", "missing")).isEqualTo("$-1\r\n");
        }
    }

    @Test
    void inlineCommandsWork() throws Exception {
        try (RawClient c = server.connect()) {
            c.send("PING\r\n\r\nSET a \"b c\"\r\nGET a\r\n");
            assertThat(c.read("+PONG\r\n+OK\r\n$3\r\nb c\r\n")).isEqualTo("+PONG\r\n+OK\r\n$3\r\nb c\r\n");
        }
    }

    @Test
    void thousandPipelinedCommandsInOneWrite() throws Exception {
        ByteArrayOutputStream pipeline = new ByteArrayOutputStream();
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < 1000; i++) {
            pipeline.writeBytes(RawClient.encode("SET", "k" + i, "v" + i));
            pipeline.writeBytes(RawClient.encode("GET", "k" + i));
            String v = "v" + i;
            expected.append("+OK\r\n$").append(v.length()).append("\r\n").append(v).append("\r\n");
        }
        try (RawClient c = server.connect()) {
            c.send(pipeline.toByteArray());
            assertThat(c.read(expected.toString())).isEqualTo(expected.toString());
            assertThat(c.call("DBSIZE")).isEqualTo(":1000\r\n");
        }
    }

    @Test
    void sixteenMegabyteValueRoundTrips() throws Exception {
        byte[] value = new byte[16 * 1024 * 1024];
        for (int i = 0; i < value.length; i++) value[i] = (byte) (i * 31 + (i >>> 13));
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        request.writeBytes("*3\r\n$3\r\nSET\r\n$3\r\nbig\r\n$".getBytes(StandardCharsets.US_ASCII));
        request.writeBytes((value.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
        request.writeBytes(value);
        request.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        try (RawClient c = server.connect(); RawClient other = server.connect()) {
            c.send(request.toByteArray());
            assertThat(c.read("+OK\r\n")).isEqualTo("+OK\r\n");
            assertThat(other.call("STRLEN", "big")).isEqualTo(":" + value.length + "\r\n");
            c.command("GET", "big");
            String header = "$" + value.length + "\r\n";
            assertThat(c.read(header)).isEqualTo(header);
            assertThat(Arrays.equals(c.readBytes(value.length), value)).isTrue();
            assertThat(c.read("\r\n")).isEqualTo("\r\n");
            assertThat(other.call("PING")).isEqualTo("+PONG\r\n");
        }
    }

    @Test
    void aKeyTooLongForTheStoreIsAnErrorReplyAndTheConnectionStays() throws Exception {
        String key = "k".repeat(9 * 1024 * 1024); // over the store's limit of a little under 8 MiB
        try (RawClient c = server.connect()) {
            assertThat(c.call("SET", "a", "1")).isEqualTo("+OK\r\n");
            String[][] commands = {{"SET", key, "v"}, {"SET", key, "v", "GET"}, {"MSET", "a", "2", key, "v"}};
            for (String[] command : commands) {
                String reply = c.call(command);
                assertThat(reply).startsWith("-ERR key of 9437184 bytes is longer than").endsWith("\r\n");
                assertThat(reply.indexOf('\n')).as("one reply").isEqualTo(reply.length() - 1);
            }
            assertThat(c.call("GET", "a")).as("MSET wrote nothing").isEqualTo("$1\r\n1\r\n");
            assertThat(c.call("DBSIZE")).isEqualTo(":1\r\n");
        }
    }

    @Test
    void keyWithPx100ExistsAt99AndIsGoneAt100() throws Exception {
        try (RawClient c = server.connect()) {
            assertThat(c.call("SET", "k", "v", "PX", "100")).isEqualTo("+OK\r\n");
            server.advance(Duration.ofMillis(99));
            assertThat(c.call("GET", "k")).isEqualTo("$1\r\nv\r\n");
            assertThat(c.call("PTTL", "k")).isEqualTo(":1\r\n");
            server.advance(Duration.ofMillis(1));
            assertThat(c.call("GET", "k")).isEqualTo("$-1\r\n");
        }
    }

    @Test
    void activeExpiryRemovesTheKeyWithoutAnyAccess() throws Exception {
        try (RawClient c = server.connect()) {
            assertThat(c.call("SET", "k", "v", "PX", "100")).isEqualTo("+OK\r\n");
            assertThat(c.call("SET", "keep", "v")).isEqualTo("+OK\r\n");
            server.advance(Duration.ofMillis(99));
            assertThat(c.call("PING")).isEqualTo("+PONG\r\n"); // a turn ran at +99
            assertThat(c.call("DBSIZE")).isEqualTo(":2\r\n");
            server.advance(Duration.ofMillis(1));
            // PING is a barrier: the turn that answers it started after the clock moved, and ends with expireDue.
            assertThat(c.call("PING")).isEqualTo("+PONG\r\n");
            // DBSIZE does not touch keys, so only active expiry can have brought it down.
            assertThat(c.call("DBSIZE")).isEqualTo(":1\r\n");
        }
    }

    @Test
    void protocolErrorRepliesThenCloses() throws Exception {
        try (RawClient c = server.connect(); RawClient other = server.connect()) {
            c.send("*1\r\n$4\r\nPING\r\n*1\r\n$x\r\n*1\r\n$4\r\nPING\r\n");
            String expected = "+PONG\r\n-ERR Protocol error: invalid bulk length\r\n";
            assertThat(c.read(expected)).isEqualTo(expected);
            assertThat(c.closedByServer()).isTrue();
            assertThat(other.call("PING")).isEqualTo("+PONG\r\n");
        }
    }

    @Test
    void quitRepliesOkAndClosesWithoutRunningLaterCommands() throws Exception {
        try (RawClient c = server.connect(); RawClient other = server.connect()) {
            c.send(RawClient.encode("QUIT")).send(RawClient.encode("SET", "after", "quit"));
            assertThat(c.read("+OK\r\n")).isEqualTo("+OK\r\n");
            assertThat(c.closedByServer()).isTrue();
            assertThat(other.call("EXISTS", "after")).isEqualTo(":0\r\n");
        }
    }

    @Test
    void clientMistakesKeepTheConnection() throws Exception {
        try (RawClient c = server.connect()) {
            assertThat(c.call("GET")).isEqualTo("-ERR wrong number of arguments for 'get' command\r\n");
            assertThat(c.call("NOPE", "a", "b")).isEqualTo("-ERR unknown command 'NOPE', with args beginning with: 'a' 'b' \r\n");
            assertThat(c.call("SET", "k", "v", "EX", "0")).isEqualTo("-ERR invalid expire time in 'set' command\r\n");
            assertThat(c.call("PING")).isEqualTo("+PONG\r\n");
        }
    }

    @Test
    void manyClientsInterleave() throws Exception {
        RawClient[] clients = new RawClient[20];
        for (int i = 0; i < clients.length; i++) clients[i] = server.connect();
        try {
            for (int round = 0; round < 10; round++) {
                for (int i = 0; i < clients.length; i++) clients[i].command("INCR", "counter");
                for (RawClient client : clients) assertThat(client.readReply()).startsWith(":");
            }
            assertThat(clients[0].call("GET", "counter")).isEqualTo("$3\r\n200\r\n");
            assertThat(clients[0].call("INFO", "clients")).contains("\r\nconnected_clients:20\r\n");
        } finally {
            for (RawClient client : clients) client.close();
        }
    }

    @Test
    void peerCloseFreesTheConnection() throws Exception {
        RawClient c = server.connect();
        assertThat(c.call("PING")).isEqualTo("+PONG\r\n");
        c.close();
        try (RawClient other = server.connect()) {
            // Each round trip is a full turn; the close is seen within a few of them. INFO is the loop's own count.
            assertThat(other.callUntil(r -> r.contains("\r\nconnected_clients:1\r\n"), "INFO", "clients"))
                    .contains("\r\nconnected_clients:1\r\n");
        }
    }

    @Test
    void idleConnectionsHoldNoWriteBuffer() throws Exception {
        java.util.List<RawClient> idle = new java.util.ArrayList<>();
        try (RawClient asker = server.connect()) {
            for (int i = 0; i < 50; i++) {
                RawClient c = server.connect();
                idle.add(c);
                assertThat(c.call("PING")).isEqualTo("+PONG\r\n");
            }
            String list = asker.call("CLIENT", "LIST");
            assertThat(list.split("\n")).filteredOn(line -> line.contains("id=")).hasSize(51)
                    .allSatisfy(line -> assertThat(line).contains(" omem=0 ", " rbs=0 "));
        } finally {
            for (RawClient c : idle) c.close();
        }
    }
}
