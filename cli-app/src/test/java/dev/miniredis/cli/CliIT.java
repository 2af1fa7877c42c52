package dev.miniredis.cli;

import dev.miniredis.testing.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The packaged jar, run as a user runs it: {@code java -jar cli-app/target/mini-redis-cli.jar ...}. */
@Timeout(120)
class CliIT {
    private static final Path JAR = Path.of("target", "mini-redis-cli.jar");
    private TestServer server;

    @BeforeEach
    void start() throws Exception {
        assertThat(Files.exists(JAR)).as("the jar is built in the package phase, before this test").isTrue();
        server = new TestServer();
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    private record Result(int exit, String out, String err) {
    }

    private Process start(String... args) throws Exception {
        List<String> argv = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", JAR.toString()));
        argv.addAll(List.of(args));
        return new ProcessBuilder(argv).start();
    }

    private Result cli(String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of("-p", String.valueOf(server.port())));
        all.addAll(List.of(args));
        return finish(start(all.toArray(new String[0])));
    }

    private static Result finish(Process p) throws Exception {
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return new Result(p.exitValue(), out, err);
    }

    @Test
    void printsRepliesLikeRedisCli() throws Exception {
        assertThat(cli("ping")).isEqualTo(new Result(0, "PONG\n", ""));
        assertThat(cli("ping", "hi")).isEqualTo(new Result(0, "\"hi\"\n", ""));
        assertThat(cli("set", "foo", "bar")).isEqualTo(new Result(0, "OK\n", ""));
        assertThat(cli("get", "foo")).isEqualTo(new Result(0, "\"bar\"\n", ""));
        assertThat(cli("get", "nope")).isEqualTo(new Result(0, "(nil)\n", ""));
        assertThat(cli("incr", "n")).isEqualTo(new Result(0, "(integer) 1\n", ""));
        assertThat(cli("mget", "foo", "nope", "n")).isEqualTo(new Result(0, "1) \"bar\"\n2) (nil)\n3) \"1\"\n", ""));
        assertThat(cli("keys", "zzz*")).isEqualTo(new Result(0, "(empty array)\n", ""));
        assertThat(cli("set", "tab", "a\tb\u00e9")).isEqualTo(new Result(0, "OK\n", ""));
        assertThat(cli("get", "tab")).isEqualTo(new Result(0, "\"a\\tb\\xc3\\xa9\"\n", ""));
        assertThat(cli("publish", "ch", "msg")).isEqualTo(new Result(0, "(integer) 0\n", ""));
    }

    @Test
    void setWithExpiryInMilliseconds() throws Exception {
        assertThat(cli("set", "temp", "v", "100000")).isEqualTo(new Result(0, "OK\n", ""));
        // The server's clock is a manual one that nobody moves: exactly 100 s are left.
        assertThat(cli("pttl", "temp")).isEqualTo(new Result(0, "(integer) 100000\n", ""));
        assertThat(cli("set", "temp", "v", "soon").exit()).isEqualTo(1);
    }

    @Test
    void errorRepliesAndBadInputExitOne() throws Exception {
        assertThat(cli("nosuch", "a")).isEqualTo(
                new Result(1, "(error) ERR unknown command 'nosuch', with args beginning with: 'a' \n", ""));
        Result noCommand = cli();
        assertThat(noCommand.exit()).isEqualTo(1);
        assertThat(noCommand.err()).isEqualTo("mini-redis-cli: no command given (try --help)\n");
        Result badFlag = finish(start("--bogus", "x", "ping"));
        assertThat(badFlag.exit()).isEqualTo(1);
        assertThat(badFlag.err()).isEqualTo("mini-redis-cli: unknown option '--bogus' (try --help)\n");
        Result help = finish(start("--help"));
        assertThat(help.exit()).isZero();
        assertThat(help.out()).contains("Usage: mini-redis-cli", "subscribe <channel>...");
    }

    @Test
    void refusedConnectionIsOneLineAndExitOne() throws Exception {
        // A socket bound but not listening holds the port, so nobody else can start listening there meanwhile.
        try (Socket holder = new Socket()) {
            holder.bind(new InetSocketAddress("127.0.0.1", 0));
            int closedPort = holder.getLocalPort();
            Result r = finish(start("-p", String.valueOf(closedPort), "ping"));
            assertThat(r).isEqualTo(new Result(1, "", "Could not connect to Redis at 127.0.0.1:" + closedPort
                    + ": Connection refused\n"));
        }
    }

    @Test
    void subscribePrintsMessagesAsTheyArrive() throws Exception {
        Process p = start("--port", String.valueOf(server.port()), "subscribe", "news", "sport");
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            assertThat(out.readLine()).isEqualTo("Reading messages... (press Ctrl-C to quit)");
            List<String> lines = new ArrayList<>();
            for (int i = 0; i < 6; i++) lines.add(out.readLine());
            assertThat(lines).containsExactly("1) \"subscribe\"", "2) \"news\"", "3) (integer) 1",
                    "1) \"subscribe\"", "2) \"sport\"", "3) (integer) 2");
            assertThat(cli("publish", "sport", "goal").out()).isEqualTo("(integer) 1\n");
            assertThat(out.readLine()).isEqualTo("1) \"message\"");
            assertThat(out.readLine()).isEqualTo("2) \"sport\"");
            assertThat(out.readLine()).isEqualTo("3) \"goal\"");
        } finally {
            p.toHandle().destroy(); // Ctrl-C's SIGINT and SIGTERM end it the same way
            assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
        }
    }
}
