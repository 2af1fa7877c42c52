package dev.miniredis.server;

import dev.miniredis.reactor.EventLoop;
import dev.miniredis.reactor.ServerConfig;
import dev.miniredis.time.SystemClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static dev.miniredis.testing.Tools.installed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Redis's own tools against our server: redis-cli and redis-benchmark must work unmodified. */
@Timeout(120)
class RedisToolsTest {
    private EventLoop loop;
    private Thread thread;

    @BeforeEach
    void start() throws Exception {
        loop = new EventLoop(new ServerConfig().port(0), SystemClock.INSTANCE);
        thread = new Thread(loop, "tools-loop");
        thread.start();
    }

    @AfterEach
    void stop() throws Exception {
        loop.shutdown();
        thread.join(5000);
    }


    private record Result(int exit, String output) {
    }

    private Result run(String... command) throws Exception {
        List<String> argv = new ArrayList<>(List.of(command));
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(100, TimeUnit.SECONDS)).isTrue();
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    @Test
    void redisCliSetAndGet() throws Exception {
        assumeTrue(installed("redis-cli"), "redis-cli is not installed");
        String port = String.valueOf(loop.port());
        assertThat(run("redis-cli", "-p", port, "set", "foo", "bar")).isEqualTo(new Result(0, "OK\n"));
        assertThat(run("redis-cli", "-p", port, "get", "foo")).isEqualTo(new Result(0, "bar\n"));
        assertThat(run("redis-cli", "-p", port, "incr", "n")).isEqualTo(new Result(0, "1\n"));
        assertThat(run("redis-cli", "-p", port, "get", "nope").output()).isEqualTo("\n");
    }

    @Test
    void redisCliPipeMode() throws Exception {
        assumeTrue(installed("redis-cli"), "redis-cli is not installed");
        StringBuilder input = new StringBuilder();
        for (int i = 0; i < 1000; i++) input.append("SET key:").append(i).append(' ').append(i).append("\r\n");
        Path file = Files.createTempFile("pipe", ".txt");
        Files.writeString(file, input);
        Process p = new ProcessBuilder("redis-cli", "-p", String.valueOf(loop.port()), "--pipe")
                .redirectInput(file.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(out).contains("errors: 0, replies: 1000");
        assertThat(p.exitValue()).isZero();
        assertThat(run("redis-cli", "-p", String.valueOf(loop.port()), "dbsize").output()).isEqualTo("1000\n");
    }

    @Test
    void redisBenchmarkRunsWithoutErrors() throws Exception {
        assumeTrue(installed("redis-benchmark"), "redis-benchmark is not installed");
        Result r = run("redis-benchmark", "-p", String.valueOf(loop.port()), "-t", "ping,set,get", "-n", "100000", "-q");
        assertThat(r.exit()).isZero();
        assertThat(r.output()).contains("PING_INLINE:", "PING_MBULK:", "SET:", "GET:");
        assertThat(r.output()).doesNotContain("ERR", "Error", "error", "WARNING");
    }

    /** redis-cli's interactive mode, typed into a real terminal (tmux), as a person would use it. */
    @Test
    void redisCliInteractiveMode() throws Exception {
        assumeTrue(installed("redis-cli") && installed("tmux"), "redis-cli and tmux are needed");
        String session = "mini-redis-cli-test-" + ProcessHandle.current().pid();
        run("tmux", "new-session", "-d", "-s", session, "-x", "120", "-y", "40",
                "redis-cli -p " + loop.port());
        try {
            // Type each line only once the previous answer is on screen, as a person would.
            awaitScreen(session, "127.0.0.1:" + loop.port() + ">");
            type(session, "set greeting hello");
            awaitScreen(session, "OK");
            type(session, "get greeting");
            awaitScreen(session, "\"hello\"");
            type(session, "hello 3");
            awaitScreen(session, "7# \"modules\"");
            type(session, "get nothing");
            awaitScreen(session, "(nil)");
            type(session, "nosuch cmd");
            String screen = awaitScreen(session, "unknown command");
            assertThat(screen).contains("> set greeting hello\nOK\n", "> get greeting\n\"hello\"\n",
                    "1# \"server\" => \"redis\"", "3# \"proto\" => (integer) 3", "> get nothing\n(nil)\n",
                    "(error) ERR unknown command 'nosuch', with args beginning with: 'cmd'");
        } finally {
            run("tmux", "kill-session", "-t", session);
        }
    }

    private void type(String session, String line) throws Exception {
        run("tmux", "send-keys", "-t", session, line, "Enter");
    }

    // Polls the terminal until `marker` appears. A terminal has no event to wait for, so this polls, resting 20 ms
    // between captures rather than spinning; the bound only turns a hang into a failure that shows the screen.
    private String awaitScreen(String session, String marker) throws Exception {
        long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        String screen = run("tmux", "capture-pane", "-t", session, "-p").output();
        while (!screen.contains(marker)) {
            assertThat(System.nanoTime() - giveUp).as("waited for %s on the screen:%n%s", marker, screen).isNegative();
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
            screen = run("tmux", "capture-pane", "-t", session, "-p").output();
        }
        return screen;
    }
}
