package dev.miniredis.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A real {@code redis-server} on a free port, for tests that compare our replies with Redis's byte for byte. Tests skip
 * (through an assumption) when no redis-server is installed; CI installs one.
 *
 * <p>Starting waits for an event, not a time: redis-server logs to its standard output, and the constructor reads that
 * until the line saying it accepts connections (or until it exits). A free port is found by binding port 0 and closing
 * it, so another process may take it before redis-server binds it; then redis-server exits with "Address already in
 * use" and the constructor tries again on another port.
 */
public final class RealRedis implements AutoCloseable {
    private static final int ATTEMPTS = 5;

    private final Process process;
    private final int port;
    private final Path dir;

    public static boolean available() {
        return Tools.installed("redis-server");
    }

    private record Started(Process process, int port) {
    }

    private final String[] extraArgs;
    private final Path configFile;

    public RealRedis() throws IOException, InterruptedException {
        this(new String[0]);
    }

    /** With more redis-server flags after the usual ones (so they override them: {@code "--bind", "0.0.0.0"}). */
    public RealRedis(String... extraArgs) throws IOException, InterruptedException {
        this(null, extraArgs);
    }

    /** Started with a config file (redis-server's first argument), then the usual flags, then {@code extraArgs}. */
    public RealRedis(Path configFile, String... extraArgs) throws IOException, InterruptedException {
        this.configFile = configFile;
        this.extraArgs = extraArgs;
        dir = Files.createTempDirectory("real-redis");
        Path log = dir.resolve("redis.log");
        Started started = null;
        for (int attempt = 1; started == null; attempt++) {
            started = start(log);
            if (started == null && attempt == ATTEMPTS) {
                throw new IOException("redis-server found no free port in " + ATTEMPTS + " attempts; see " + log);
            }
        }
        process = started.process();
        port = started.port();
        try (RawClient c = new RawClient(port)) {
            if (!c.call("PING").equals("+PONG\r\n")) throw new IOException("redis-server does not answer PING; see " + log);
        }
    }

    // One attempt: the started server, or null if its port was taken meanwhile. Anything else is an IOException.
    private Started start(Path log) throws IOException, InterruptedException {
        int candidate;
        try (ServerSocket probe = new ServerSocket(0)) {
            candidate = probe.getLocalPort();
        }
        java.util.List<String> argv = new java.util.ArrayList<>(java.util.List.of("redis-server"));
        if (configFile != null) argv.add(configFile.toString());
        argv.addAll(java.util.List.of("--port",
                String.valueOf(candidate), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--daemonize", "no",
                "--logfile", "", "--dir", dir.toString()));
        argv.addAll(java.util.List.of(extraArgs));
        Process p = new ProcessBuilder(argv)
                .redirectErrorStream(true)
                .start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        PrintWriter copy = new PrintWriter(Files.newBufferedWriter(log, StandardCharsets.UTF_8), true);
        StringBuilder seen = new StringBuilder();
        for (String line; (line = out.readLine()) != null; ) {
            copy.println(line);
            seen.append(line).append('\n');
            if (line.contains("Ready to accept connections")) {
                Thread drain = new Thread(() -> {   // keep reading, so a chatty server never blocks on a full pipe
                    try (out; copy) {
                        for (String more; (more = out.readLine()) != null; ) copy.println(more);
                    } catch (IOException ignored) {
                        // the process is gone
                    }
                }, "redis-server-log");
                drain.setDaemon(true);
                drain.start();
                return new Started(p, candidate);
            }
        }
        copy.close();
        p.waitFor(10, TimeUnit.SECONDS);
        if (seen.toString().contains("Address already in use")) return null;
        throw new IOException("redis-server exited during start-up:\n" + seen);
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
        if (!process.waitFor(30, TimeUnit.SECONDS)) process.destroyForcibly();
    }
}
