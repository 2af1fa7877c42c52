package dev.miniredis.reactor;

import dev.miniredis.testing.RawClient;
import dev.miniredis.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** redis.conf syntax: Redis's splitting and quoting, include, units, and start-up errors that name the line. */
@Timeout(60)
class ConfigFileTest {
    @TempDir
    Path dir;

    private Path file(String name, String text) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, text, StandardCharsets.ISO_8859_1);
        return f;
    }

    @Test
    void splitsArgumentsAsSdssplitargs() {
        assertThat(ConfigFile.splitArgs("  set   key  value ")).containsExactly("set", "key", "value");
        assertThat(ConfigFile.splitArgs("requirepass \"a b\\\"c\"")).containsExactly("requirepass", "a b\"c");
        assertThat(ConfigFile.splitArgs("x \"\\x41\\x4a\\n\\t\\r\\b\\a\\z\"")).containsExactly("x", "AJ\n\t\r\b\u0007z");
        assertThat(ConfigFile.splitArgs("x 'it\\'s' '\\n'")).containsExactly("x", "it's", "\\n");
        assertThat(ConfigFile.splitArgs("save \"\"")).containsExactly("save", "");
        assertThat(ConfigFile.splitArgs("a\"b c\"d")).isNull();           // a closing quote must be followed by a blank
        assertThat(ConfigFile.splitArgs("ab\"c d\" e")).containsExactly("abc d", "e");  // may open mid-argument
        assertThat(ConfigFile.splitArgs("x \"open")).isNull();
        assertThat(ConfigFile.splitArgs("x 'open")).isNull();
        assertThat(ConfigFile.splitArgs("x \"\\x4\"")).containsExactly("x", "x4");  // not two hex digits: a plain escape
        assertThat(ConfigFile.splitArgs("   ")).isEmpty();
    }

    @Test
    void readsDirectivesCommentsUnitsAndIncludes() throws Exception {
        file("extra.conf", "timeout 30\nmaxmemory-policy allkeys-lru\n");
        Path main = file("redis.conf", """
                # a comment, then a blank line

                   PORT 0
                maxmemory 10mb   
                \tHash-Max-Ziplist-Entries 64
                include extra.conf
                requirepass "s3cret pass"
                client-output-buffer-limit pubsub 1mb 512kb 10
                databases 4
                protected-mode no
                """);
        ServerConfig config = ConfigFile.load(main, new ServerConfig());
        assertThat(config.configFile()).isEqualTo(main.toAbsolutePath());
        assertThat(config.databases()).isEqualTo(4);
        try (TestServer server = new TestServer(config); RawClient c = server.connect()) {
            c.call("AUTH", "s3cret pass");
            assertThat(c.call("CONFIG", "GET", "maxmemory")).isEqualTo("*2\r\n$9\r\nmaxmemory\r\n$8\r\n10485760\r\n");
            assertThat(c.call("CONFIG", "GET", "hash-max-listpack-entries")).endsWith("$2\r\n64\r\n");
            assertThat(c.call("CONFIG", "GET", "timeout")).endsWith("$2\r\n30\r\n");
            assertThat(c.call("CONFIG", "GET", "maxmemory-policy")).endsWith("$11\r\nallkeys-lru\r\n");
            assertThat(c.call("CONFIG", "GET", "client-output-buffer-limit"))
                    .endsWith("pubsub 1048576 524288 10\r\n");
            assertThat(c.call("CONFIG", "GET", "protected-mode")).endsWith("$2\r\nno\r\n");
            assertThat(c.call("SELECT", "3")).isEqualTo("+OK\r\n");
            assertThat(c.call("SELECT", "4")).startsWith("-ERR DB index is out of range");
        }
    }

    @Test
    void laterLinesAndThenFlagsWin() throws Exception {
        Path main = file("redis.conf", "maxmemory 1mb\nmaxmemory 2mb\nport 7001\n");
        ServerConfig config = ConfigFile.load(main, new ServerConfig());
        config.setting("maxmemory", "3mb");                     // a flag after the file, as Main records it
        assertThat(config.port()).isEqualTo(7001);
        try (TestServer server = new TestServer(config); RawClient c = server.connect()) {
            assertThat(c.call("CONFIG", "GET", "maxmemory")).endsWith("$7\r\n3145728\r\n");
        }
    }

    @Test
    void theStockRedisConfLoads() throws Exception {
        Path stock = Path.of("/etc/redis/redis.conf");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isReadable(stock), "no stock redis.conf on this machine");
        String text = Files.readString(stock, StandardCharsets.ISO_8859_1)
                .replaceAll("(?m)^daemonize yes", "daemonize no").replaceAll("(?m)^port .*", "port 0");
        Path copy = file("stock.conf", text);
        ServerConfig config = ConfigFile.load(copy, new ServerConfig());
        try (TestServer server = new TestServer(config); RawClient c = server.connect()) {
            assertThat(c.call("CONFIG", "GET", "databases")).isEqualTo("*2\r\n$9\r\ndatabases\r\n$2\r\n16\r\n");
            assertThat(c.call("CONFIG", "GET", "timeout")).isEqualTo("*2\r\n$7\r\ntimeout\r\n$1\r\n0\r\n");
            assertThat(c.call("PING")).isEqualTo("+PONG\r\n");
        }
        assertLineError("port 0\ndaemonize yes\n", 2, "daemonize yes", "daemonize yes is not supported: run the "
                + "server in the foreground (daemonize no) under a supervisor");
    }

    @Test
    void errorsNameTheLineAsRedisDoes() throws Exception {
        assertLineError("port 0\n# comment\nfoo bar\n", 3, "foo bar", "Bad directive or wrong number of arguments");
        assertLineError("maxmemory \"10mb\n", 1, "maxmemory \"10mb", "Unbalanced quotes in configuration line");
        assertLineError("maxmemory 1mb 2mb\n", 1, "maxmemory 1mb 2mb", "wrong number of arguments");
        assertLineError("  port 99999  \n", 1, "port 99999", "argument must be between 0 and 65535 inclusive");
        assertLineError("databases x\n", 1, "databases x", "argument couldn't be parsed into an integer");
        assertLineError("include\n", 1, "include", "Bad directive or wrong number of arguments");
        // Values are checked with CONFIG SET's rules, line by line, so the first bad line is the one reported.
        Path bad = file("bad.conf", "port 0\nmaxmemory 10zz\nnosuch 1\n");
        assertThatThrownBy(() -> ConfigFile.load(bad, new ServerConfig()))
                .isInstanceOfSatisfying(ConfigFile.LineError.class, e -> {
                    assertThat(e.line().number()).isEqualTo(2);
                    assertThat(e.report()).isEqualTo("\n*** FATAL CONFIG FILE ERROR (Redis 7.0.15) ***\n"
                            + "Reading the configuration file, at line 2\n"
                            + ">>> 'maxmemory 10zz'\n"
                            + "argument must be a memory value\n"
                            + "(in " + bad + ")\n");
                });
        Path policy = file("policy.conf", "maxmemory-policy foo\n");
        assertThatThrownBy(() -> ConfigFile.load(policy, new ServerConfig())).hasMessage("argument(s) must be one of the following:"
                + " volatile-lru, volatile-lfu, volatile-random, volatile-ttl, allkeys-lru, allkeys-lfu, allkeys-random,"
                + " noeviction");
    }

    @Test
    void anIncludedFileNamesItsOwnLine() throws Exception {
        Path inner = file("inner.conf", "\n\nnosuch 1\n");
        Path main = file("main.conf", "port 0\ninclude " + inner + "\n");
        assertThatThrownBy(() -> ConfigFile.load(main, new ServerConfig()))
                .isInstanceOfSatisfying(ConfigFile.LineError.class, e -> {
                    assertThat(e.line().file()).isEqualTo(inner);
                    assertThat(e.line().number()).isEqualTo(3);
                });
        Path loop = file("loop.conf", "include loop.conf\n");
        assertThatThrownBy(() -> ConfigFile.load(loop, new ServerConfig())).hasMessage("includes nested too deeply");
    }

    @Test
    void aFileMayStateWhatConfigSetMayNotChange() throws Exception {
        Path ok = file("ok.conf", "tcp-backlog 511\nsave \"\"\nappendonly no\nbind 127.0.0.1 -::1\nport 0\n");
        try (TestServer server = new TestServer(ConfigFile.load(ok, new ServerConfig()))) {
            assertThat(server.port()).isPositive();
        }
        Path other = file("other.conf", "appendonly yes\n");
        assertThatThrownBy(() -> ConfigFile.load(other, new ServerConfig())).isInstanceOf(ConfigFile.LineError.class)
                .hasMessageContaining("cannot change");
        // A flag is checked when the loop is built, with CONFIG SET's rules too.
        ServerConfig flagged = new ServerConfig().port(0);
        flagged.setting("maxmemory", "lots");
        assertThatThrownBy(() -> new EventLoop(flagged, () -> 0L)).hasMessage("--maxmemory lots: argument must be a"
                + " memory value");
    }

    private void assertLineError(String text, int number, String line, String reason) throws IOException {
        Path f = file("case.conf", text);
        assertThatThrownBy(() -> ConfigFile.load(f, new ServerConfig()))
                .isInstanceOfSatisfying(ConfigFile.LineError.class, e -> {
                    assertThat(e.getMessage()).isEqualTo(reason);
                    assertThat(e.line()).isEqualTo(new ConfigFile.Line(f, number, line));
                });
    }

    @Test
    void theSameTextAsRedisReadsIt() {
        // Redis's own examples from redis.conf's comments.
        assertThat(ConfigFile.splitArgs("client-output-buffer-limit normal 0 0 0"))
                .isEqualTo(List.of("client-output-buffer-limit", "normal", "0", "0", "0"));
        assertThat(ConfigFile.splitArgs("notify-keyspace-events \"\"")).containsExactly("notify-keyspace-events", "");
    }

    /**
     * The same bad files given to a real redis-server: its error block (everything before our extra line naming the
     * file) must be ours byte for byte. redis-server reads its file before it binds anything, so each run only
     * prints and exits 1.
     */
    @Test
    void badFilesFailAsRedisServerFails() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(dev.miniredis.testing.RealRedis.available(),
                "redis-server is not installed");
        String[] cases = {
                "port 0\nfoo bar\n",
                "maxmemory \"10mb\n",
                "maxmemory 1mb 2mb\n",
                "# comment\n\nmaxmemory 10zz\n",
                "maxmemory-policy Foo\n",
                "maxmemory-samples abc\n",
                "port 99999\n",
                "databases 0\n",
                "requirepass \"a\"b\n",
                "timeout -1\n",
                "protected-mode maybe\n",
                "hash-max-ziplist-entries -1\n",
                "loglevel loud\n",
                "client-output-buffer-limit pubsub 1 2\n",
                "proto-max-bulk-len 10\n",
                "maxmemory 1mb\nlist-max-ziplist-size x\nnosuch 1\n",
                "  MAXMEMORY   lots  \n",
        };
        for (String text : cases) {
            Path f = file("redis-case.conf", text);
            Process redis = new ProcessBuilder("redis-server", f.toString()).redirectErrorStream(true).start();
            String expected = new String(redis.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            assertThat(redis.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            assertThat(redis.exitValue()).as(text).isEqualTo(1);
            assertThatThrownBy(() -> ConfigFile.load(f, new ServerConfig()))
                    .isInstanceOfSatisfying(ConfigFile.LineError.class, e -> assertThat(e.report())
                            .as(text).isEqualTo(expected + "(in " + f + ")\n"));
        }
    }

    @Test
    void aNonAsciiPasswordMeansTheSameInAFileInCommandsAndAfterARewrite() throws Exception {
        Path conf = dir.resolve("utf8.conf");
        Files.write(conf, "requirepass p\u00e4ss\nport 0\n".getBytes(StandardCharsets.UTF_8));
        try (TestServer server = new TestServer(ConfigFile.load(conf, new ServerConfig()));
             RawClient c = server.connect()) {
            assertThat(c.call("AUTH", utf8("p\u00e4ss"))).isEqualTo("+OK\r\n");
            assertThat(c.call("CONFIG", "SET", "requirepass", utf8("n\u00e9w"))).isEqualTo("+OK\r\n");
            assertThat(c.call("CONFIG", "REWRITE")).isEqualTo("+OK\r\n");
        }
        assertThat(Files.readString(conf)).isEqualTo("requirepass \"n\\xc3\\xa9w\"\nport 0\n");
        try (TestServer server = new TestServer(ConfigFile.load(conf, new ServerConfig()));
             RawClient c = server.connect()) {
            assertThat(c.call("AUTH", utf8("n\u00e9w"))).isEqualTo("+OK\r\n");
        }
    }

    // RawClient sends one byte per char: the text's UTF-8 bytes, as a client would send them.
    private static String utf8(String text) {
        return new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    }
}
