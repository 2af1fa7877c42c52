package dev.miniredis.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A real {@code redis-server} on a free port, for tests that compare our replies with Redis's byte for byte. Tests skip
 * (through an assumption) when no redis-server is installed; CI installs one.
 */
public final class RealRedis implements AutoCloseable {
    private final Process process;
    private final int port;
    private final Path dir;

    public static boolean available() {
        return Tools.installed("redis-server");
    }

    public RealRedis() throws IOException, InterruptedException {
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        dir = Files.createTempDirectory("real-redis");
        process = new ProcessBuilder("redis-server", "--port", String.valueOf(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no", "--dir", dir.toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("redis.log").toFile())
                .start();
        // Wait (bounded) until it accepts connections: retry connecting, no fixed sleep.
        long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            try (RawClient c = new RawClient(port)) {
                if (c.call("PING").equals("+PONG\r\n")) return;
            } catch (IOException notYet) {
                if (System.nanoTime() > giveUp || !process.isAlive()) {
                    close();
                    throw new IOException("redis-server did not start; see " + dir.resolve("redis.log"), notYet);
                }
                Thread.onSpinWait();
            }
        }
    }

    public int port() {
        return port;
    }

    public RawClient connect() throws IOException {
        return new RawClient(port);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) process.destroyForcibly();
    }
}
