package dev.miniredis.persist;

import dev.miniredis.protocol.ProtocolException;
import dev.miniredis.protocol.ReplyParser;
import dev.miniredis.testing.RawClient;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A real redis-server that keeps its dump in a directory of ours, started the way
 * {@link dev.miniredis.testing.RealRedis} starts one (a free port found by binding port 0, waiting for the "Ready to
 * accept connections" line rather than for a time, another port if that one was taken meanwhile), but with
 * {@code --dir} and {@code --dbfilename} given: so it loads a file we wrote, and SAVE writes where we read.
 *
 * <p>If redis-server exits during start-up (a file it refuses to load, say), the constructor throws with everything it
 * printed, which is the message a test failure needs.
 */
final class RedisWithFiles implements AutoCloseable {
    private static final int ATTEMPTS = 5;

    private final Process process;
    private final int port;
    final StringBuilder log = new StringBuilder();

    RedisWithFiles(Path dir, String dbfilename) throws IOException, InterruptedException {
        Process started = null;
        int candidate = 0;
        for (int attempt = 1; started == null; attempt++) {
            try (ServerSocket probe = new ServerSocket(0)) {
                candidate = probe.getLocalPort();
            }
            started = start(dir, dbfilename, candidate);
            if (started == null && attempt == ATTEMPTS) throw new IOException("no free port in " + ATTEMPTS + " attempts");
        }
        process = started;
        port = candidate;
    }

    private Process start(Path dir, String dbfilename, int port) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("redis-server", "--port", String.valueOf(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no", "--daemonize", "no", "--logfile", "", "--dir", dir.toString(),
                "--dbfilename", dbfilename)
                .redirectErrorStream(true)
                .start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        for (String line; (line = out.readLine()) != null; ) {
            log.append(line).append('\n');
            if (line.contains("Ready to accept connections")) {
                Thread drain = new Thread(() -> {
                    try (out) {
                        for (String more; (more = out.readLine()) != null; ) {
                            synchronized (log) {
                                log.append(more).append('\n');
                            }
                        }
                    } catch (IOException ignored) {
                        // the process is gone
                    }
                }, "redis-server-log");
                drain.setDaemon(true);
                drain.start();
                return p;
            }
        }
        p.waitFor(10, TimeUnit.SECONDS);
        if (log.toString().contains("Address already in use")) {
            log.setLength(0);
            return null;
        }
        throw new IOException("redis-server exited during start-up:\n" + log);
    }

    RawClient connect() throws IOException {
        return new RawClient(port);
    }

    /** Sends a command and decodes its reply: byte[] for bulk strings, List for arrays, Long, String, RespError. */
    static Object call(RawClient c, String... args) throws IOException {
        c.command(args);
        byte[] reply = c.readReplyBytes();
        try {
            return new ReplyParser().next(ByteBuffer.wrap(reply));
        } catch (ProtocolException e) {
            throw new IOException(e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) process.destroyForcibly();
    }
}
