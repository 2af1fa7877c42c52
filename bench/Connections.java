/*
 * Per-connection memory: what idle connections and connection churn cost a server in resident memory (VmRSS).
 *
 *   java bench/Connections.java idle  --port P --pid PID [--connections 10000] [--settle 5] [--timeout 300] [--trace]
 *   java bench/Connections.java churn --port P --pid PID [--cycles 5000] [--parallel 4] [--settle 5] [--timeout 300]
 *                                     [--trace]
 *
 * A single-file Java 17 program with no dependencies (the JDK's source launcher compiles and runs it). It talks RESP
 * over plain blocking sockets to 127.0.0.1 only, so it works against a real redis-server and against mini-redis
 * alike. --pid is the server's process id: the tool reads the server's VmRSS from /proc/PID/status itself, so every
 * reading is taken at a known point of the run. It must run on the same machine as the server.
 *
 * idle
 *   1. Reads the server's RSS (rss_start_kb).
 *   2. Opens --connections N connections one after another; on each it sends PING and reads +PONG before opening the
 *      next. The round trip is the barrier: once it returns, the server has accepted the connection, registered it
 *      and served a command on it. All N stay open.
 *   3. Reads the RSS right away (rss_open_kb) and again after --settle seconds of silence (rss_settled_kb): a server
 *      may trim idle clients' buffers after a while (Redis shrinks an idle client's query buffer after 2 s).
 *   4. Checks that the server kept every connection: PING on all N (all written first, then all replies read).
 *   5. Closes all N, waits --settle seconds and reads the RSS once more (rss_closed_kb): what the server keeps.
 *   Prints one line:
 *     mode=idle connections=N rss_start_kb=A rss_open_kb=B rss_settled_kb=C rss_closed_kb=D open_seconds=S ok=true
 *
 * churn
 *   1. Reads the server's RSS (rss_start_kb).
 *   2. Runs --cycles M cycles of connect / PING / read +PONG / close, --parallel K at a time (default 4: K threads
 *      each run cycles until M have been started). The client closes first (a plain close, FIN, no RST).
 *   3. Reads the RSS right away (rss_end_kb) and after --settle seconds (rss_settled_kb), then checks the server
 *      still answers PING on a new connection.
 *   Prints one line:
 *     mode=churn cycles=M parallel=K rss_start_kb=A rss_end_kb=B rss_settled_kb=C seconds=S ok=true
 *
 * --trace prints the server's RSS every second of every settle wait on stderr ("settle open t=1s rss_kb=..."), to see
 * how it moves. On any failure (refused or dropped connection, wrong reply, the server process gone, or the total
 * --timeout, default 300 s, covering everything) it prints "mode=... ok=false", the reason on stderr, and exits 1.
 * Bad options exit 2. Every socket operation has a timeout, and a watchdog ends the program at the deadline.
 *
 * File descriptors: idle holds N sockets at once, so it needs `ulimit -n` above N (plus the JVM's own few dozen).
 */

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

public final class Connections {
    static final String HOST = "127.0.0.1";
    static final byte[] PING = "*1\r\n$4\r\nPING\r\n".getBytes(StandardCharsets.US_ASCII);
    static final byte[] PONG = "+PONG\r\n".getBytes(StandardCharsets.US_ASCII);
    static final int CONNECT_TIMEOUT_MS = 5_000;
    static final int READ_TIMEOUT_MS = 10_000;

    static final class Options {
        String mode;
        int port = -1;
        long pid = -1;
        int connections = 10_000;
        int cycles = 5_000;
        int parallel = 4;
        int settle = 5;
        int timeout = 300;
        boolean trace;
    }

    static Options opt;

    public static void main(String[] args) throws Exception {
        try {
            opt = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("Connections: " + e.getMessage());
            System.err.println("usage: java bench/Connections.java idle --port P --pid PID [--connections N]"
                    + " [--settle S] [--timeout S] [--trace]");
            System.err.println("       java bench/Connections.java churn --port P --pid PID [--cycles M]"
                    + " [--parallel K] [--settle S] [--timeout S] [--trace]");
            System.exit(2);
            return;
        }
        Thread watchdog = new Thread(() -> {
            try {
                TimeUnit.SECONDS.sleep(opt.timeout);
            } catch (InterruptedException e) {
                return;
            }
            fail("not done within --timeout " + opt.timeout + " s");
        }, "watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        rssKb(); // fails now if the pid is wrong
        if (opt.mode.equals("idle")) idle();
        else churn();
        System.exit(0);
    }

    static Options parse(String[] args) {
        Options o = new Options();
        if (args.length == 0) throw new IllegalArgumentException("missing mode: idle or churn");
        o.mode = args[0];
        if (!o.mode.equals("idle") && !o.mode.equals("churn")) {
            throw new IllegalArgumentException("unknown mode '" + o.mode + "' (idle or churn)");
        }
        for (int i = 1; i < args.length; i++) {
            String name = args[i];
            if (name.equals("--trace")) {
                o.trace = true;
                continue;
            }
            if (i + 1 >= args.length) throw new IllegalArgumentException("missing value for " + name);
            String v = args[++i];
            switch (name) {
                case "--port" -> o.port = number(name, v, 1, 65535);
                case "--pid" -> o.pid = number(name, v, 1, Integer.MAX_VALUE);
                case "--connections" -> o.connections = number(name, v, 1, 1_000_000);
                case "--cycles" -> o.cycles = number(name, v, 1, 10_000_000);
                case "--parallel" -> o.parallel = number(name, v, 1, 256);
                case "--settle" -> o.settle = number(name, v, 0, 3600);
                case "--timeout" -> o.timeout = number(name, v, 1, 7200);
                default -> throw new IllegalArgumentException("unknown option " + name);
            }
        }
        if (o.port < 0) throw new IllegalArgumentException("--port is required");
        if (o.pid < 0) throw new IllegalArgumentException("--pid is required");
        return o;
    }

    static int number(String name, String v, int min, int max) {
        try {
            int n = Integer.parseInt(v);
            if (n >= min && n <= max) return n;
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IllegalArgumentException(name + " needs a number from " + min + " to " + max + ", got '" + v + "'");
    }

    // ------------------------------------------------------------------------------------------------------ idle ---

    static void idle() throws InterruptedException {
        long start = rssKb();
        List<Socket> open = new ArrayList<>(opt.connections);
        long t0 = System.nanoTime();
        try {
            for (int i = 0; i < opt.connections; i++) {
                Socket s = connect();
                open.add(s);
                send(s, PING);
                expectPong(s);
            }
        } catch (IOException e) {
            closeAll(open);
            fail("connection " + (open.size()) + " of " + opt.connections + ": " + describe(e));
        }
        double openSeconds = (System.nanoTime() - t0) / 1e9;
        long opened = rssKb();
        settle("open");
        long settled = rssKb();

        // Did the server keep them all? Write PING on every connection, then read every reply.
        int lost = 0;
        String firstProblem = null;
        for (Socket s : open) {
            try {
                send(s, PING);
            } catch (IOException e) {
                lost++;
                if (firstProblem == null) firstProblem = describe(e);
            }
        }
        if (lost == 0) {
            for (Socket s : open) {
                try {
                    expectPong(s);
                } catch (IOException e) {
                    lost++;
                    if (firstProblem == null) firstProblem = describe(e);
                }
            }
        }
        closeAll(open);
        if (lost > 0) fail(lost + " of " + opt.connections + " idle connections no longer answer PING: " + firstProblem);

        settle("closed");
        long closed = rssKb();
        System.out.printf(Locale.ROOT, "mode=idle connections=%d rss_start_kb=%d rss_open_kb=%d rss_settled_kb=%d"
                        + " rss_closed_kb=%d open_seconds=%.3f ok=true%n",
                opt.connections, start, opened, settled, closed, openSeconds);
    }

    // ----------------------------------------------------------------------------------------------------- churn ---

    static void churn() throws InterruptedException {
        long start = rssKb();
        AtomicInteger next = new AtomicInteger();
        AtomicReference<String> problem = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int t = 0; t < opt.parallel; t++) {
            Thread th = new Thread(() -> {
                int i;
                while (problem.get() == null && (i = next.getAndIncrement()) < opt.cycles) {
                    try (Socket s = connect()) {
                        send(s, PING);
                        expectPong(s);
                    } catch (IOException e) {
                        problem.compareAndSet(null, "cycle " + i + ": " + describe(e));
                    }
                }
            }, "churn-" + t);
            th.setDaemon(true);
            th.start();
            threads.add(th);
        }
        for (Thread th : threads) th.join();
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (problem.get() != null) fail(problem.get());
        long end = rssKb();
        settle("churn");
        long settled = rssKb();
        try (Socket s = connect()) {
            send(s, PING);
            expectPong(s);
        } catch (IOException e) {
            fail("the server no longer answers PING after the churn: " + describe(e));
        }
        System.out.printf(Locale.ROOT, "mode=churn cycles=%d parallel=%d rss_start_kb=%d rss_end_kb=%d"
                        + " rss_settled_kb=%d seconds=%.3f ok=true%n",
                opt.cycles, opt.parallel, start, end, settled, seconds);
    }

    // --------------------------------------------------------------------------------------------------- helpers ---

    static Socket connect() throws IOException {
        Socket s = new Socket();
        try {
            s.setTcpNoDelay(true);
            s.connect(new InetSocketAddress(HOST, opt.port), CONNECT_TIMEOUT_MS);
            s.setSoTimeout(READ_TIMEOUT_MS);
            return s;
        } catch (IOException e) {
            s.close();
            throw e;
        }
    }

    static void send(Socket s, byte[] bytes) throws IOException {
        OutputStream out = s.getOutputStream();
        out.write(bytes);
        out.flush();
    }

    /** Reads exactly the 7 bytes of "+PONG\r\n"; anything else (an error reply, end of stream) is a failure. */
    static void expectPong(Socket s) throws IOException {
        InputStream in = s.getInputStream();
        byte[] got = new byte[PONG.length];
        int n = 0;
        while (n < got.length) {
            int r = in.read(got, n, got.length - n);
            if (r < 0) throw new IOException("connection closed by the server after " + n + " reply bytes");
            n += r;
        }
        if (!Arrays.equals(got, PONG)) {
            throw new IOException("expected +PONG, got '" + new String(got, 0, n, StandardCharsets.US_ASCII)
                    .replace("\r", "\\r").replace("\n", "\\n") + "'");
        }
    }

    static void closeAll(List<Socket> sockets) {
        for (Socket s : sockets) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }

    /** Waits --settle seconds; with --trace, prints the RSS every second on stderr. */
    static void settle(String phase) throws InterruptedException {
        for (int t = 1; t <= opt.settle; t++) {
            TimeUnit.SECONDS.sleep(1);
            if (opt.trace) System.err.printf(Locale.ROOT, "settle %s t=%ds rss_kb=%d%n", phase, t, rssKb());
        }
    }

    /** The server's VmRSS in kB, from /proc/PID/status. */
    static long rssKb() {
        Path status = Path.of("/proc", Long.toString(opt.pid), "status");
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.substring(6).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            fail("cannot read the RSS of pid " + opt.pid + " from " + status + " (is the server still running?): "
                    + e);
        }
        fail("no VmRSS line in " + status);
        return -1;
    }

    static String describe(IOException e) {
        return e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    static void fail(String why) {
        System.out.println("mode=" + (opt == null ? "?" : opt.mode) + " ok=false");
        System.err.println("Connections: " + why);
        System.out.flush();
        System.exit(1);
    }
}
