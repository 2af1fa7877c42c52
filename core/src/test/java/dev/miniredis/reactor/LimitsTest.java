package dev.miniredis.reactor;

import dev.miniredis.testing.RawClient;
import dev.miniredis.testing.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/** Every protocol limit: the exact reply, and whether the connection is closed. Other clients carry on. */
@Timeout(120)
class LimitsTest {
    private TestServer server;

    @AfterEach
    void stop() throws Exception {
        if (server != null) server.close();
    }

    private static String unescape(String s) {
        return s.replace("\\r", "\r").replace("\\n", "\n");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
            "*1\\r\\n$1025\\r\\n; -ERR Protocol error: invalid bulk length\\r\\n",
            "*2147483648\\r\\n; -ERR Protocol error: invalid multibulk length\\r\\n",
            "*x\\r\\n; -ERR Protocol error: invalid multibulk length\\r\\n",
            "*1\\r\\n$-5\\r\\n; -ERR Protocol error: invalid bulk length\\r\\n",
            "*1\\r\\n:5\\r\\n; -ERR Protocol error: expected '$', got ':'\\r\\n",
            "SET k \"v\\r\\n; -ERR Protocol error: unbalanced quotes in request\\r\\n",
    })
    void protocolErrorsReplyThenClose(String input, String reply) throws Exception {
        server = new TestServer(new ServerConfig().maxBulkBytes(1024));
        try (RawClient c = server.connect(); RawClient other = server.connect()) {
            assertThat(other.call("SET", "kept", "yes")).isEqualTo("+OK\r\n");
            c.send(unescape(input));
            assertThat(c.read(unescape(reply))).isEqualTo(unescape(reply));
            assertThat(c.closedByServer()).isTrue();
            assertThat(other.call("GET", "kept")).isEqualTo("$3\r\nyes\r\n");
        }
    }

    @Test
    void tooBigInlineRequestAndHeaderLinesClose() throws Exception {
        server = new TestServer();
        byte[] filler = new byte[70_000];
        Arrays.fill(filler, (byte) 'a');
        String[][] cases = {{"", "-ERR Protocol error: too big inline request\r\n"},
                {"*", "-ERR Protocol error: too big mbulk count string\r\n"},
                {"*1\r\n$", "-ERR Protocol error: too big bulk count string\r\n"}};
        for (String[] tc : cases) {
            Arrays.fill(filler, (byte) (tc[0].isEmpty() ? 'a' : '1'));
            try (RawClient c = server.connect()) {
                c.send(tc[0]).send(filler);
                assertThat(c.read(tc[1])).isEqualTo(tc[1]);
                assertThat(c.closedByServer()).isTrue();
            }
        }
    }

    @Test
    void queryBufferLimitClosesWithoutAReply() throws Exception {
        server = new TestServer(new ServerConfig().queryBufferLimitBytes(1024 * 1024));
        try (RawClient c = server.connect(); RawClient other = server.connect()) {
            c.send("*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$3000000\r\n").send(new byte[1_500_000]);
            assertThat(c.closedByServer()).as("closed with no reply at all").isTrue();
            assertThat(other.call("EXISTS", "k")).isEqualTo(":0\r\n");
        }
    }

    @Test
    void aValueUnderTheQueryBufferLimitIsFine() throws Exception {
        server = new TestServer(new ServerConfig().queryBufferLimitBytes(1024 * 1024));
        try (RawClient c = server.connect()) {
            byte[] value = new byte[1000 * 1000];
            c.send("*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$" + value.length + "\r\n").send(value).send("\r\n");
            assertThat(c.read("+OK\r\n")).isEqualTo("+OK\r\n");
        }
    }

    @Test
    void requirepassLocksEverythingButAuthHelloAndQuit() throws Exception {
        server = new TestServer(new ServerConfig().requirePass("s3cret"));
        try (RawClient c = server.connect()) {
            assertThat(c.call("GET", "k")).isEqualTo("-NOAUTH Authentication required.\r\n");
            assertThat(c.call("NOSUCH")).as("unknown names are reported first, as in Redis")
                    .isEqualTo("-ERR unknown command 'NOSUCH', with args beginning with: \r\n");
            assertThat(c.call("PUBSUB", "foo")).as("subcommands are resolved before AUTH is checked, as in Redis")
                    .isEqualTo("-ERR unknown subcommand 'foo'. Try PUBSUB HELP.\r\n");
            assertThat(c.call("CLIENT", "SETNAME")).isEqualTo("-ERR wrong number of arguments for 'client|setname' command\r\n");
            assertThat(c.call("CLIENT", "NO-EVICT", "x")).isEqualTo("-NOAUTH Authentication required.\r\n");
            assertThat(c.call("AUTH", "wrong")).isEqualTo("-WRONGPASS invalid username-password pair or user is disabled.\r\n");
            assertThat(c.call("AUTH", "admin", "s3cret")).isEqualTo(
                    "-WRONGPASS invalid username-password pair or user is disabled.\r\n");
            assertThat(c.call("AUTH", "a", "b", "c")).isEqualTo("-ERR syntax error\r\n");
            assertThat(c.call("AUTH", "s3cret")).isEqualTo("+OK\r\n");
            assertThat(c.call("GET", "k")).isEqualTo("$-1\r\n");
        }
        try (RawClient c = server.connect()) {
            assertThat(c.call("AUTH", "default", "s3cret")).isEqualTo("+OK\r\n");
        }
        try (RawClient c = server.connect()) {
            assertThat(c.call("QUIT")).isEqualTo("+OK\r\n");
            assertThat(c.closedByServer()).isTrue();
        }
    }

    @Test
    void beforeAuthOnlySmallCommandsAreRead() throws Exception {
        server = new TestServer(new ServerConfig().requirePass("pw"));
        try (RawClient c = server.connect()) {
            c.send("*11\r\n");
            String reply = "-ERR Protocol error: unauthenticated multibulk length\r\n";
            assertThat(c.read(reply)).isEqualTo(reply);
            assertThat(c.closedByServer()).isTrue();
        }
        try (RawClient c = server.connect()) {
            c.send("*2\r\n$4\r\nAUTH\r\n$16385\r\n");
            String reply = "-ERR Protocol error: unauthenticated bulk length\r\n";
            assertThat(c.read(reply)).isEqualTo(reply);
            assertThat(c.closedByServer()).isTrue();
        }
    }

    @Test
    void authWithoutAConfiguredPasswordIsAnError() throws Exception {
        server = new TestServer();
        try (RawClient c = server.connect()) {
            assertThat(c.call("AUTH", "x")).isEqualTo("-ERR AUTH <password> called without any password configured for"
                    + " the default user. Are you sure your configuration is correct?\r\n");
            assertThat(c.call("AUTH", "default", "anything")).isEqualTo("+OK\r\n");
        }
    }

    @Test
    void clearingRequirepassLiftsThePreAuthLimitsOfConnectionsThatNeverAuthenticated() throws Exception {
        server = new TestServer(new ServerConfig().requirePass("pw"));
        try (RawClient admin = server.connect(); RawClient waiting = server.connect()) {
            assertThat(waiting.call("GET", "k")).isEqualTo("-NOAUTH Authentication required.\r\n");
            assertThat(admin.call("AUTH", "pw")).isEqualTo("+OK\r\n");
            assertThat(admin.call("CONFIG", "SET", "requirepass", "")).isEqualTo("+OK\r\n");
            // One predicate for both checks: the command table lets it through, and the parser reads a 20 KB value.
            String big = "v".repeat(20_000);
            assertThat(waiting.call("SET", "k", big)).isEqualTo("+OK\r\n");
            assertThat(waiting.call("STRLEN", "k")).isEqualTo(":20000\r\n");
            assertThat(waiting.call("MSET", "a", "1", "b", "2", "c", "3", "d", "4", "e", "5", "f", "6")).isEqualTo("+OK\r\n");
            try (RawClient madeWithoutPassword = server.connect()) {
                assertThat(madeWithoutPassword.call("PING")).isEqualTo("+PONG\r\n");
                // Set again, as Redis does: the connection that never authenticated is locked again; one made while no
                // password was set counts as authenticated for good.
                assertThat(admin.call("CONFIG", "SET", "requirepass", "again")).isEqualTo("+OK\r\n");
                assertThat(waiting.call("GET", "a")).isEqualTo("-NOAUTH Authentication required.\r\n");
                assertThat(madeWithoutPassword.call("GET", "a")).isEqualTo("$1\r\n1\r\n");
            }
        }
        try (RawClient late = server.connect()) {
            assertThat(late.call("GET", "a")).isEqualTo("-NOAUTH Authentication required.\r\n");
        }
    }
}
