package dev.miniredis.command;

import dev.miniredis.reactor.ServerConfig;
import dev.miniredis.testing.RawClient;
import dev.miniredis.testing.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/** What real clients send on connect, in RESP2 and RESP3, with the exact reply bytes. */
@Timeout(120)
class HandshakeTest {
    private TestServer server;

    @AfterEach
    void stop() throws Exception {
        if (server != null) server.close();
    }

    private static long id(RawClient c) throws Exception {
        String reply = c.call("CLIENT", "ID");
        return Long.parseLong(reply.substring(1, reply.length() - 2));
    }

    private static String helloBody(long id, int proto) {
        return "$6\r\nserver\r\n$5\r\nredis\r\n$7\r\nversion\r\n$6\r\n7.0.15\r\n$5\r\nproto\r\n:" + proto + "\r\n"
                + "$2\r\nid\r\n:" + id + "\r\n$4\r\nmode\r\n$10\r\nstandalone\r\n$4\r\nrole\r\n$6\r\nmaster\r\n"
                + "$7\r\nmodules\r\n*0\r\n";
    }

    @Test
    void helloInBothProtocols() throws Exception {
        server = new TestServer();
        try (RawClient c = server.connect()) {
            long id = id(c);
            assertThat(c.call("HELLO")).isEqualTo("*14\r\n" + helloBody(id, 2));
            assertThat(c.call("hello", "3")).isEqualTo("%7\r\n" + helloBody(id, 3));
            assertThat(c.call("GET", "missing")).as("RESP3 null").isEqualTo("_\r\n");
            assertThat(c.call("CONFIG", "GET", "appendonly")).as("RESP3 map").isEqualTo("%1\r\n$10\r\nappendonly\r\n$2\r\nno\r\n");
            assertThat(c.call("PUBSUB", "NUMSUB", "x")).as("a flat array, even in RESP3").isEqualTo("*2\r\n$1\r\nx\r\n:0\r\n");
            assertThat(c.call("HELLO", "2")).isEqualTo("*14\r\n" + helloBody(id, 2));
            assertThat(c.call("GET", "missing")).isEqualTo("$-1\r\n");
        }
    }

    @Test
    void helloErrorsAndOptions() throws Exception {
        server = new TestServer(new ServerConfig().requirePass("pw"));
        try (RawClient c = server.connect()) {
            assertThat(c.call("HELLO", "4")).isEqualTo("-NOPROTO unsupported protocol version\r\n");
            assertThat(c.call("HELLO", "x")).isEqualTo("-ERR Protocol version is not an integer or out of range\r\n");
            assertThat(c.call("HELLO", "3", "FOO")).isEqualTo("-ERR Syntax error in HELLO option 'FOO'\r\n");
            assertThat(c.call("HELLO", "3")).startsWith("-NOAUTH HELLO must be called with the client already authenticated");
            assertThat(c.call("HELLO", "3", "AUTH", "default", "nope")).isEqualTo(
                    "-WRONGPASS invalid username-password pair or user is disabled.\r\n");
            assertThat(c.call("HELLO", "3", "AUTH", "default", "pw", "SETNAME", "conn1")).startsWith("%7\r\n");
            assertThat(c.call("CLIENT", "GETNAME")).isEqualTo("$5\r\nconn1\r\n");
        }
    }

    @Test
    void clientSubcommands() throws Exception {
        server = new TestServer();
        try (RawClient c = server.connect(); RawClient other = server.connect()) {
            assertThat(c.call("CLIENT", "GETNAME")).isEqualTo("$-1\r\n");
            assertThat(c.call("CLIENT", "SETNAME", "a b")).isEqualTo(
                    "-ERR Client names cannot contain spaces, newlines or special characters.\r\n");
            assertThat(c.call("CLIENT", "SETNAME", "worker")).isEqualTo("+OK\r\n");
            assertThat(c.call("CLIENT", "GETNAME")).isEqualTo("$6\r\nworker\r\n");
            assertThat(c.call("CLIENT", "SETINFO", "LIB-NAME", "jedis")).isEqualTo("+OK\r\n");
            assertThat(c.call("CLIENT", "SETINFO", "LIB-VER", "5.1.0")).isEqualTo("+OK\r\n");
            assertThat(c.call("CLIENT", "SETINFO", "colour", "red")).isEqualTo("-ERR Unrecognized option 'colour'\r\n");
            assertThat(c.call("CLIENT", "NO-EVICT", "on")).isEqualTo("+OK\r\n");
            assertThat(c.call("CLIENT", "NO-TOUCH", "off")).isEqualTo("+OK\r\n");
            assertThat(c.call("CLIENT", "NO-EVICT", "x")).isEqualTo("-ERR syntax error\r\n");
            assertThat(c.call("CLIENT", "MAINT_NOTIFICATIONS", "on")).isEqualTo(
                    "-ERR unknown subcommand 'MAINT_NOTIFICATIONS'. Try CLIENT HELP.\r\n");
            String info = c.call("CLIENT", "INFO");
            // Redis 7.0.15's fields: SETINFO is accepted (Jedis 5 sends it) but 7.0 has no lib-name/lib-ver to show.
            assertThat(info).contains("id=" + id(c) + " ", " name=worker ").doesNotContain("lib-name")
                    .endsWith(" user=default redir=-1 resp=2\n\r\n");
            String list = c.call("CLIENT", "LIST");
            assertThat(list).contains("id=" + id(c) + " ", "id=" + id(other) + " ");
            long otherId = id(other);
            assertThat(c.call("CLIENT", "KILL", "ID", String.valueOf(otherId))).isEqualTo(":1\r\n");
            assertThat(other.closedByServer()).isTrue();
            assertThat(c.call("CLIENT", "KILL", "ID", "0")).isEqualTo("-ERR client-id should be greater than 0\r\n");
            assertThat(c.call("CLIENT", "KILL", "1.2.3.4:5")).isEqualTo("-ERR No such client\r\n");
        }
    }

    @Test
    void clientKillByAddress() throws Exception {
        server = new TestServer();
        try (RawClient c = server.connect(); RawClient victim = server.connect()) {
            String line = victim.call("CLIENT", "INFO");
            String addr = line.replaceAll("(?s).* addr=(\\S+) .*", "$1");
            assertThat(c.call("CLIENT", "KILL", addr)).isEqualTo("+OK\r\n");
            assertThat(victim.closedByServer()).isTrue();
        }
    }

    @Test
    void commandDescribesItself() throws Exception {
        server = new TestServer();
        try (RawClient c = server.connect()) {
            String count = c.call("COMMAND", "COUNT");
            assertThat(count).matches(":\\d+\r\n");
            assertThat(c.call("COMMAND", "INFO", "get", "nosuch")).isEqualTo("*2\r\n*10\r\n$3\r\nget\r\n:2\r\n*2\r\n"
                    + "+readonly\r\n+fast\r\n:1\r\n:1\r\n:1\r\n*3\r\n+@read\r\n+@string\r\n+@fast\r\n*0\r\n*0\r\n*0\r\n$-1\r\n");
            assertThat(c.call("COMMAND", "DOCS", "get")).isEqualTo("*2\r\n$3\r\nget\r\n*6\r\n$7\r\nsummary\r\n"
                    + "$34\r\nReturns the string value of a key.\r\n$5\r\nsince\r\n$5\r\n1.0.0\r\n$5\r\ngroup\r\n$6\r\nstring\r\n");
            String all = c.call("COMMAND");
            int n = Integer.parseInt(count.substring(1, count.length() - 2));
            assertThat(all).startsWith("*" + n + "\r\n*10\r\n");
            c.call("HELLO", "3");
            assertThat(c.call("COMMAND", "DOCS", "ping")).startsWith("%1\r\n$4\r\nping\r\n%3\r\n");
        }
    }

    @Test
    void infoSectionsCarryRealFigures() throws Exception {
        server = new TestServer();
        try (RawClient c = server.connect()) {
            c.call("SET", "a", "1");
            c.call("SET", "b", "2", "EX", "100");
            c.call("GET", "a");
            c.call("GET", "nope");
            String info = c.call("INFO");
            assertThat(info).startsWith("$").contains("# Server\r\nredis_version:7.0.15\r\n", "# Clients\r\nconnected_clients:1\r\n",
                    "# Memory\r\nused_memory:", "# Stats\r\n", "keyspace_hits:1\r\n", "keyspace_misses:1\r\n",
                    "# Keyspace\r\ndb0:keys=2,expires=1,avg_ttl=0\r\n");
            assertThat(c.call("INFO", "keyspace")).isEqualTo("$44\r\n# Keyspace\r\ndb0:keys=2,expires=1,avg_ttl=0\r\n\r\n");
            assertThat(c.call("INFO", "nosuch")).isEqualTo("$0\r\n\r\n");
            c.call("HELLO", "3");
            assertThat(c.call("INFO", "keyspace")).isEqualTo("=48\r\ntxt:# Keyspace\r\ndb0:keys=2,expires=1,avg_ttl=0\r\n\r\n");
        }
    }

    @Test
    void configGetAndSet() throws Exception {
        server = new TestServer();
        try (RawClient c = server.connect(); RawClient idle = server.connect()) {
            assertThat(c.call("CONFIG", "GET", "save")).isEqualTo("*2\r\n$4\r\nsave\r\n$0\r\n\r\n");
            assertThat(c.call("CONFIG", "GET", "appendonly")).isEqualTo("*2\r\n$10\r\nappendonly\r\n$2\r\nno\r\n");
            assertThat(c.call("CONFIG", "GET", "nosuch")).isEqualTo("*0\r\n");
            assertThat(c.call("CONFIG", "SET", "nosuch", "1")).isEqualTo(
                    "-ERR Unknown option or number of arguments for CONFIG SET - 'nosuch'\r\n");
            assertThat(c.call("CONFIG", "SET", "timeout", "x")).isEqualTo("-ERR CONFIG SET failed (possibly related to"
                    + " argument 'timeout') - argument couldn't be parsed into an integer\r\n");
            assertThat(c.call("CONFIG", "SET", "timeout", "5")).isEqualTo("+OK\r\n");
            assertThat(c.call("CONFIG", "GET", "timeout")).isEqualTo("*2\r\n$7\r\ntimeout\r\n$1\r\n5\r\n");
            idle.call("PING");
            server.advance(java.time.Duration.ofSeconds(3));
            assertThat(c.call("PING")).isEqualTo("+PONG\r\n");     // c stays active...
            server.advance(java.time.Duration.ofSeconds(3));
            assertThat(c.call("PING")).isEqualTo("+PONG\r\n");     // ...while `idle` has now been silent for 6 s
            assertThat(idle.closedByServer()).as("the new timeout is live").isTrue();
        }
    }

    @Test
    void resetReturnsTheConnectionToItsFirstState() throws Exception {
        server = new TestServer(new ServerConfig().requirePass("pw"));
        try (RawClient c = server.connect(); RawClient pub = server.connect()) {
            c.call("AUTH", "pw");
            pub.call("AUTH", "pw");
            c.call("HELLO", "3", "SETNAME", "x");
            c.call("SUBSCRIBE", "ch");
            assertThat(c.call("RESET")).isEqualTo("+RESET\r\n");
            assertThat(pub.call("PUBLISH", "ch", "m")).isEqualTo(":0\r\n");
            assertThat(c.call("GET", "k")).isEqualTo("-NOAUTH Authentication required.\r\n");
            c.call("AUTH", "pw");
            assertThat(c.call("CLIENT", "GETNAME")).isEqualTo("$-1\r\n");
        }
    }

    @Test
    void resp3PubSubUsesPushFramesAndAllowsCommands() throws Exception {
        server = new TestServer();
        try (RawClient sub = server.connect(); RawClient pub = server.connect()) {
            sub.call("HELLO", "3");
            assertThat(sub.call("SUBSCRIBE", "news")).isEqualTo(">3\r\n$9\r\nsubscribe\r\n$4\r\nnews\r\n:1\r\n");
            assertThat(sub.call("GET", "k")).as("RESP3 allows commands while subscribed").isEqualTo("_\r\n");
            assertThat(sub.call("PING")).isEqualTo("+PONG\r\n");
            assertThat(pub.call("PUBLISH", "news", "hi")).isEqualTo(":1\r\n");
            assertThat(sub.readReply()).isEqualTo(">3\r\n$7\r\nmessage\r\n$4\r\nnews\r\n$2\r\nhi\r\n");
            sub.call("PSUBSCRIBE", "n*");
            pub.call("PUBLISH", "news", "again");
            assertThat(sub.readReply()).isEqualTo(">3\r\n$7\r\nmessage\r\n$4\r\nnews\r\n$5\r\nagain\r\n");
            assertThat(sub.readReply()).isEqualTo(">4\r\n$8\r\npmessage\r\n$2\r\nn*\r\n$4\r\nnews\r\n$5\r\nagain\r\n");
            assertThat(sub.call("UNSUBSCRIBE")).isEqualTo(">3\r\n$11\r\nunsubscribe\r\n$4\r\nnews\r\n:1\r\n");
        }
    }
}
