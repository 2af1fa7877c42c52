/*
 * Start-up time: how long a server takes from being launched until it answers PING.
 *
 *   java bench/Startup.java --port P [--timeout SECONDS] [--log FILE] -- command [args...]
 *
 * A single-file Java 17 program with no dependencies (the JDK's source launcher compiles and runs it). It
 *   1. checks that nothing answers on 127.0.0.1:P yet (otherwise it would time some other server),
 *   2. notes the time and launches the command (stdout and stderr go to --log, default discarded),
 *   3. every ~2 ms tries to connect to 127.0.0.1:P and send PING, until a "+PONG" line comes back,
 *   4. prints one line and stops the process (SIGTERM, up to 5 s grace, then SIGKILL), waiting for it to exit:
 *        startup_ms=123.4 ok=true
 * If the process exits before answering, or the timeout (default 30 s) passes, it prints startup_ms=nan ok=false,
 * the reason on stderr, and exits 1. Bad options exit 2.
 *
 * The clock starts just before ProcessBuilder.start(), so fork/exec is included; this tool's own JVM is already
 * running by then, so its start-up is not.
 */

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

public final class Startup {
    static final String HOST = "127.0.0.1";
    static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(2);

    public static void main(String[] args) throws Exception {
        int port = -1;
        int timeout = 30;
        String log = null;
        int i = 0;
        try {
            for (; i < args.length && !args[i].equals("--"); i++) {
                String name = args[i];
                if (i + 1 >= args.length) throw new IllegalArgumentException("missing value for " + name);
                String v = args[++i];
                switch (name) {
                    case "--port" -> port = Integer.parseInt(v);
                    case "--timeout" -> timeout = Integer.parseInt(v);
                    case "--log" -> log = v;
                    default -> throw new IllegalArgumentException("unknown option " + name);
                }
            }
            if (port < 1 || port > 65535) throw new IllegalArgumentException("--port 1..65535 is required");
            if (timeout < 1 || timeout > 600) throw new IllegalArgumentException("--timeout must be in 1..600");
            if (i + 1 >= args.length) throw new IllegalArgumentException("missing '-- command [args...]'");
        } catch (IllegalArgumentException e) {
            System.err.println("Startup: " + e.getMessage());
            System.err.println("usage: java bench/Startup.java --port P [--timeout SECONDS] [--log FILE]"
                    + " -- command [args...]");
            System.exit(2);
            return;
        }
        List<String> command = Arrays.asList(args).subList(i + 1, args.length);

        if (pingOnce(port, 200) == Ping.PONG) {
            fail("something already answers PING on port " + port);
        }

        ProcessBuilder pb = new ProcessBuilder(command);
        if (log != null) {
            pb.redirectErrorStream(true).redirectOutput(new File(log));
        } else {
            pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        }
        long start = System.nanoTime();
        long deadline = start + TimeUnit.SECONDS.toNanos(timeout);
        Process process = pb.start();
        // If we are stopped ourselves (Ctrl-C, SIGTERM), do not leave the server behind.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (process.isAlive()) process.destroyForcibly();
        }));
        String problem = null;
        long elapsed = -1;
        try {
            while (true) {
                long attempt = System.nanoTime();
                Ping p = pingOnce(port, (int) Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - attempt)));
                if (p == Ping.PONG) {
                    elapsed = System.nanoTime() - start;
                    break;
                }
                if (!process.isAlive()) {
                    problem = "the process exited with status " + process.exitValue() + " before answering PING";
                    break;
                }
                if (System.nanoTime() >= deadline) {
                    problem = "no PONG within " + timeout + " s";
                    break;
                }
                long sleep = attempt + POLL_NANOS - System.nanoTime();
                if (sleep > 0) TimeUnit.NANOSECONDS.sleep(sleep);
            }
        } finally {
            stop(process);
        }
        if (problem != null) fail(problem);
        System.out.printf(Locale.ROOT, "startup_ms=%.1f ok=true%n", elapsed / 1e6);
    }

    enum Ping { PONG, NOT_YET }

    /** One attempt: connect, send PING, read one line. Anything short of "+PONG" is NOT_YET. */
    static Ping pingOnce(int port, int timeoutMillis) {
        try (Socket s = new Socket()) {
            s.setTcpNoDelay(true);
            s.connect(new InetSocketAddress(HOST, port), timeoutMillis);
            s.setSoTimeout(timeoutMillis);
            OutputStream out = s.getOutputStream();
            out.write("*1\r\n$4\r\nPING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            StringBuilder line = new StringBuilder();
            int b;
            while ((b = in.read()) >= 0 && b != '\n' && line.length() < 100) line.append((char) b);
            return line.toString().trim().equals("+PONG") ? Ping.PONG : Ping.NOT_YET;
        } catch (IOException e) {
            return Ping.NOT_YET;    // refused (not listening yet), reset, or timed out
        }
    }

    /** SIGTERM, wait up to 5 s, then SIGKILL; always waits for the process to be gone. */
    static void stop(Process p) throws InterruptedException {
        p.destroy();
        if (!p.waitFor(5, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            p.waitFor(5, TimeUnit.SECONDS);
        }
    }

    static void fail(String why) {
        System.out.println("startup_ms=nan ok=false");
        System.err.println("Startup: " + why);
        System.exit(1);
    }
}
