/*
 * Pub/sub fan-out load tool: one publisher, N subscribers, one channel.
 *
 *   java bench/FanOut.java --port P --subscribers N --messages M [--size BYTES] [--timeout SECONDS]
 *
 * A single-file Java 17 program with no dependencies: the JDK's source launcher compiles and runs it, nothing to build.
 * It talks RESP over plain blocking sockets to 127.0.0.1 only, so it works against a real redis-server and against
 * mini-redis alike.
 *
 * What it does
 *   1. Opens N subscriber connections, sends SUBSCRIBE bench on each and waits for every confirmation.
 *   2. Opens a publisher connection and checks that PUBSUB NUMSUB bench reports exactly N subscribers.
 *   3. Starts one reader thread per subscriber, then the publisher sends M "PUBLISH bench <payload>" commands, where
 *      payload i is the decimal number i, zero-padded on the left to --size bytes (default 16). Every PUBLISH must be
 *      answered ":N" (N subscribers received it).
 *   4. Every subscriber checks it received 0, 1, ..., M-1: no message missed, duplicated or out of order. After the
 *      last one it sends PING and expects the ["pong", ""] reply next, which proves nothing extra was queued behind.
 *   5. The clock runs from the first PUBLISH written until the last subscriber has parsed its last message. It prints
 *      one line:
 *        subscribers=N messages=M delivered=N*M seconds=X delivered_per_sec=Y ok=true
 *      On any failure (wrong, missing, duplicated or reordered message, error reply, disconnect, or the total timeout,
 *      default 60 s) it prints the same line with ok=false, the reasons on stderr, and exits with status 1.
 *
 * Everything is bounded: one total deadline for the whole run; when it passes, or anything fails, all sockets are
 * closed, which wakes every thread blocked in a read or write, and the threads end.
 */

import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

public final class FanOut {
    static final String HOST = "127.0.0.1";
    static final byte[] CHANNEL = ascii("bench");
    static final byte[] MESSAGE = ascii("message");
    static final byte[] SUBSCRIBE = ascii("subscribe");
    static final byte[] PONG = ascii("pong");

    /*
     * Windowed pipelining. Sending one PUBLISH and waiting for its reply before the next would measure round trips,
     * not the server. Sending all M at once would pile up M commands in socket buffers and in the server's input
     * buffer. So the publisher keeps at most WINDOW commands "in flight" (sent, reply not read yet): it writes until
     * the window is full, flushes them in one go, then reads replies until only REFILL_AT are outstanding, and
     * repeats. The server always has work queued, and memory stays bounded.
     */
    static final int WINDOW = 1000;
    static final int REFILL_AT = WINDOW / 2;

    static final int MAX_SUBSCRIBERS = 1000;   // one thread each
    static final int MAX_SIZE = 1 << 20;       // payload bytes

    final Options opt;
    final long deadline;                        // System.nanoTime() by which everything must be over
    final List<Conn> conns = new CopyOnWriteArrayList<>();  // every socket we opened, closed at the end
    final List<Thread> threads = new ArrayList<>();          // subscriber and publisher threads
    final List<Subscriber> subs = new CopyOnWriteArrayList<>();
    volatile Publisher pub;
    final Queue<String> failures = new ConcurrentLinkedQueue<>();
    volatile boolean aborted;   // set when we tear down; I/O errors after that are expected, not failures
    Thread watchdog;

    FanOut(Options opt) {
        this.opt = opt;
        this.deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(opt.timeoutSeconds);
    }

    public static void main(String[] args) {
        Options opt;
        try {
            opt = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("FanOut: " + e.getMessage());
            System.err.println("usage: java bench/FanOut.java --port P --subscribers N --messages M"
                    + " [--size BYTES (default 16)] [--timeout SECONDS (default 60)]");
            System.exit(2);
            return;
        }
        FanOut run = new FanOut(opt);
        boolean ok;
        try {
            ok = run.run();
        } finally {
            run.shutdown();
        }
        System.exit(ok ? 0 : 1);
    }

    /** Records a failure (the first ones are printed), unless we are already tearing down on purpose. */
    void fail(String why) {
        if (!aborted) failures.add(why);
    }

    boolean run() {
        int n = opt.subscribers;
        startWatchdog();
        try {
            // 1. Subscribe: send SUBSCRIBE on every connection first, then collect the confirmations, so N
            //    subscribers cost about one round trip rather than N.
            for (int i = 0; i < n; i++) {
                Conn c = open();
                c.send("SUBSCRIBE", "bench");
                subs.add(new Subscriber(i, c));
            }
            for (Subscriber s : subs) {
                RespReader in = s.conn.in;
                expect(in.readNumberLine('*') == 3, "SUBSCRIBE confirmation is not a 3-element array");
                in.readBulk();
                expect(in.lastBulkIs(SUBSCRIBE), "expected 'subscribe', got '" + in.lastBulkAsString() + "'");
                in.readBulk();
                expect(in.lastBulkIs(CHANNEL), "expected channel 'bench', got '" + in.lastBulkAsString() + "'");
                long count = in.readNumberLine(':');
                expect(count == 1, "subscription count " + count + ", expected 1");
            }

            // 2. The publisher connection: the server must see exactly our N subscribers. More means subscribers of
            //    an earlier run whose disconnect the server has not processed yet, so poll briefly.
            Conn pc = open();
            long numsub = -1;
            for (int tries = 0; tries < 50; tries++) {
                pc.send("PUBSUB", "NUMSUB", "bench");
                expect(pc.in.readNumberLine('*') == 2, "PUBSUB NUMSUB reply is not a 2-element array");
                pc.in.readBulk();
                numsub = pc.in.readNumberLine(':');
                if (numsub <= n) break;
                Thread.sleep(100);
            }
            expect(numsub == n, "PUBSUB NUMSUB bench = " + numsub + ", expected " + n);
            pub = new Publisher(pc);
        } catch (IOException | InterruptedException e) {
            fail("setup: " + e);
            return report();
        }

        // 3. Go: readers first (they block in read until messages come), then the publisher.
        CountDownLatch done = new CountDownLatch(n + 1);
        for (Subscriber s : subs) start("subscriber-" + s.id, s, done);
        start("publisher", pub, done);

        // 4. Wait until all threads finished or something failed (the watchdog turns a timeout into a failure).
        try {
            while (!done.await(20, TimeUnit.MILLISECONDS)) {
                if (!failures.isEmpty()) break;
            }
        } catch (InterruptedException e) {
            fail("interrupted");
        }
        return report();
    }

    /**
     * The total timeout: a daemon thread that, once the deadline passes, records the failure and closes every
     * socket. Whatever the main, subscriber or publisher threads were blocked in (connect, read, write) then fails
     * at once, so no phase of the run can hang past the deadline.
     */
    void startWatchdog() {
        Thread t = new Thread(() -> {
            try {
                long left;
                while ((left = deadline - System.nanoTime()) > 0) TimeUnit.NANOSECONDS.sleep(left);
            } catch (InterruptedException e) {
                return; // shutdown() interrupts us when the run is over
            }
            fail("timeout: not finished after " + opt.timeoutSeconds + " s; " + progress());
            aborted = true;
            for (Conn c : conns) c.close();
        }, "watchdog");
        t.setDaemon(true);
        watchdog = t;
        t.start();
    }

    /** Prints the result line, and on failure the reasons on stderr. Returns true when all went well. */
    boolean report() {
        boolean ok = failures.isEmpty();
        long delivered = 0;
        long last = 0;
        for (Subscriber s : subs) {
            delivered += s.received.get();
            last = Math.max(last, s.finishedAt);
        }
        long start = pub == null ? 0 : pub.startedAt;
        long end = ok ? last : System.nanoTime();
        double seconds = start == 0 ? 0 : (end - start) / 1e9;
        double rate = seconds > 0 ? delivered / seconds : 0;
        System.out.printf(Locale.ROOT, "subscribers=%d messages=%d delivered=%d seconds=%.3f delivered_per_sec=%.0f ok=%s%n",
                opt.subscribers, opt.messages, delivered, seconds, rate, ok);
        if (!ok) {
            int shown = 0;
            for (String f : failures) {
                if (shown++ == 10) {
                    System.err.println("FanOut: ... and " + (failures.size() - 10) + " more");
                    break;
                }
                System.err.println("FanOut: " + f);
            }
            System.err.println("FanOut: progress: " + progress());
        }
        return ok;
    }

    String progress() {
        Publisher pub = this.pub;
        if (pub == null) return "still setting up (" + conns.size() + " connections opened)";
        long min = Long.MAX_VALUE, max = 0, finished = 0;
        for (Subscriber s : subs) {
            long r = s.received.get();
            min = Math.min(min, r);
            max = Math.max(max, r);
            if (s.finishedAt != 0) finished++;
        }
        return "publisher sent " + pub.sent.get() + ", replies read " + pub.acked.get() + "; subscribers finished "
                + finished + "/" + subs.size() + ", messages received per subscriber min " + min + " max " + max;
    }

    /** Closes every socket (which unblocks any thread stuck in a read or write), then waits briefly for threads. */
    void shutdown() {
        aborted = true;
        if (watchdog != null) watchdog.interrupt();
        for (Conn c : conns) c.close();
        for (Thread t : threads) {
            try {
                t.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    Conn open() throws IOException {
        Socket s = new Socket();
        Conn c = new Conn(s);
        conns.add(c);             // registered before connecting, so the watchdog and shutdown() can close it
        if (aborted) c.close();   // the watchdog fired already: fail fast rather than connect
        s.setTcpNoDelay(true);    // we batch writes ourselves
        s.connect(new InetSocketAddress(HOST, opt.port), 5000);
        return c.connected();
    }

    void start(String name, Runnable body, CountDownLatch done) {
        Thread t = new Thread(() -> {
            try {
                body.run();
            } finally {
                done.countDown();
            }
        }, name);
        t.setDaemon(true);
        threads.add(t);
        t.start();
    }

    static void expect(boolean condition, String otherwise) throws IOException {
        if (!condition) throw new IOException(otherwise);
    }

    // ----------------------------------------------------------------------------------------------- subscriber ---

    /** Reads "message" frames from one subscriber connection and checks their sequence numbers. */
    final class Subscriber implements Runnable {
        final int id;
        final Conn conn;
        final AtomicLong received = new AtomicLong(); // in-order messages so far, for progress reports
        volatile long finishedAt;                     // System.nanoTime() when the last message was parsed, else 0

        Subscriber(int id, Conn conn) {
            this.id = id;
            this.conn = conn;
        }

        @Override
        public void run() {
            RespReader in = conn.in;
            try {
                for (long expected = 0; expected < opt.messages; expected++) {
                    // Each message is the frame  *3 $7 message $5 bench $<size> <payload>. The reader pulls bytes
                    // from the socket as needed, so it does not matter how the frames are split across reads.
                    expect(in.readNumberLine('*') == 3, "message frame is not a 3-element array");
                    in.readBulk();
                    expect(in.lastBulkIs(MESSAGE), "expected 'message', got '" + in.lastBulkAsString() + "'");
                    in.readBulk();
                    expect(in.lastBulkIs(CHANNEL), "expected channel 'bench', got '" + in.lastBulkAsString() + "'");
                    int len = in.readBulk();
                    long seq = in.lastBulkAsDecimal();
                    if (len != opt.size || seq < 0) {
                        fail("subscriber " + id + ": malformed payload '" + in.lastBulkAsString() + "' (length "
                                + len + ", expected " + opt.size + ") where message " + expected + " was due");
                        return;
                    }
                    if (seq != expected) {
                        String what = seq > expected ? "missed message(s) " + expected + ".." + (seq - 1)
                                : "duplicated or reordered: message " + seq + " arrived again or late";
                        fail("subscriber " + id + ": expected message " + expected + ", got " + seq + " (" + what + ")");
                        return;
                    }
                    received.lazySet(expected + 1); // cheap store; only read for progress reports
                }
                finishedAt = System.nanoTime();

                // Tail check (not timed): PING in subscribed mode answers ["pong", ""]. It is queued behind anything
                // the server still had for us, so if a stray extra message exists, it shows up before the pong.
                conn.send("PING");
                long arity = in.readNumberLine('*');
                if (arity == 3) {  // a message frame where the pong was due
                    in.readBulk();
                    String kind = in.lastBulkAsString();
                    in.readBulk();
                    in.readBulk();
                    fail("subscriber " + id + ": extra '" + kind + "' frame after all " + opt.messages
                            + " messages (a duplicate?), payload '" + in.lastBulkAsString() + "'");
                    return;
                }
                expect(arity == 2, "PING reply is not a 2-element array");
                in.readBulk();
                expect(in.lastBulkIs(PONG), "expected 'pong', got '" + in.lastBulkAsString() + "'");
                expect(in.readBulk() == 0, "PING reply carries an unexpected message");
            } catch (IOException | RuntimeException e) {
                fail("subscriber " + id + " after " + received.get() + " messages: " + e);
            }
        }
    }

    // ------------------------------------------------------------------------------------------------ publisher ---

    /** Sends M PUBLISH commands with windowed pipelining and checks every reply is :N. */
    final class Publisher implements Runnable {
        final Conn conn;
        final AtomicLong sent = new AtomicLong();   // progress, for reports
        final AtomicLong acked = new AtomicLong();
        volatile long startedAt;                    // System.nanoTime() just before the first PUBLISH is written

        Publisher(Conn conn) {
            this.conn = conn;
        }

        @Override
        public void run() {
            long m = opt.messages;
            // "*3\r\n$7\r\nPUBLISH\r\n$5\r\nbench\r\n$<size>\r\n" is the same every time; only the payload changes.
            byte[] head = ascii("*3\r\n$7\r\nPUBLISH\r\n$5\r\nbench\r\n$" + opt.size + "\r\n");
            byte[] payload = new byte[opt.size + 2];
            Arrays.fill(payload, (byte) '0');
            payload[opt.size] = '\r';
            payload[opt.size + 1] = '\n';
            OutputStream out = conn.out;
            long sentCount = 0, ackedCount = 0;
            try {
                startedAt = System.nanoTime();
                while (ackedCount < m) {
                    // Fill the window: queue commands until WINDOW are outstanding (or all are sent), then flush.
                    while (sentCount < m && sentCount - ackedCount < WINDOW) {
                        writeDecimal(payload, opt.size, sentCount);
                        out.write(head);
                        out.write(payload);
                        sentCount++;
                    }
                    out.flush();
                    sent.lazySet(sentCount);
                    // Drain: read replies until REFILL_AT are outstanding (all of them once everything is sent).
                    long target = sentCount == m ? m : sentCount - REFILL_AT;
                    while (ackedCount < target) {
                        long reached = conn.in.readNumberLine(':');
                        if (reached != opt.subscribers) {
                            fail("PUBLISH of message " + ackedCount + " replied :" + reached + ", expected :"
                                    + opt.subscribers + " (a subscriber was dropped?)");
                            return;
                        }
                        acked.lazySet(++ackedCount);
                    }
                }
            } catch (IOException | RuntimeException e) {
                fail("publisher after " + sentCount + " sent, " + ackedCount + " replies: " + e);
            }
        }
    }

    /** Writes value in decimal, right-aligned in buf[0..width). Numbers only grow, so the zeros to the left stay. */
    static void writeDecimal(byte[] buf, int width, long value) {
        int i = width;
        do {
            buf[--i] = (byte) ('0' + value % 10);
            value /= 10;
        } while (value > 0);
    }

    // ------------------------------------------------------------------------------------------- connection I/O ---

    /** One socket with a buffered writer and a RESP reader. */
    static final class Conn {
        final Socket socket;
        OutputStream out;
        RespReader in;

        Conn(Socket socket) {
            this.socket = socket;
        }

        Conn connected() throws IOException {
            out = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
            in = new RespReader(socket.getInputStream());
            return this;
        }

        /** Sends one command as a RESP multibulk: *<argc> then $<len> <bytes> per argument. */
        void send(String... argv) throws IOException {
            StringBuilder sb = new StringBuilder().append('*').append(argv.length).append("\r\n");
            for (String a : argv) sb.append('$').append(a.length()).append("\r\n").append(a).append("\r\n");
            out.write(ascii(sb.toString()));
            out.flush();
        }

        void close() {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }

    /**
     * Incremental RESP parsing. Bytes from the socket land in buf; the unread ones are buf[pos..end). TCP hands us a
     * byte stream, not frames: one read may return half a frame or a hundred frames. So the parser never assumes a
     * read ends on a frame boundary. Every step first calls need(k), which makes sure k unread bytes are buffered,
     * moving the leftover bytes to the front and reading more from the socket when they are not. A frame split across
     * two reads is thus simply completed by the next read.
     */
    static final class RespReader {
        private final InputStream in;
        private byte[] buf = new byte[64 * 1024];
        private int pos;
        private int end;
        private int lastStart;  // the most recent bulk string is buf[lastStart .. lastStart + lastLength),
        private int lastLength; // valid until the next read call (need() may move the bytes)

        RespReader(InputStream in) {
            this.in = in;
        }

        /** Makes sure at least n unread bytes are in buf, blocking on the socket as needed. */
        private void need(int n) throws IOException {
            if (end - pos >= n) return;
            if (n > buf.length) buf = Arrays.copyOf(buf, Math.max(n, buf.length * 2)); // a big payload
            System.arraycopy(buf, pos, buf, 0, end - pos); // compact: keep the unread tail at the front
            end -= pos;
            pos = 0;
            while (end < n) {
                int r = in.read(buf, end, buf.length - end);
                if (r < 0) throw new EOFException("connection closed by the server");
                end += r;
            }
        }

        /**
         * Reads a header line such as "*3\r\n", "$5\r\n" or ":42\r\n" and returns its number. The first byte must be
         * type; an error reply ("-ERR ...") becomes an IOException carrying the server's message.
         */
        long readNumberLine(char type) throws IOException {
            need(1);
            byte first = buf[pos++];
            if (first != type) {
                String line = (char) first + readRestOfLine();
                throw new IOException(first == '-' ? "server replied with error: " + line
                        : "expected a '" + type + "' line, got '" + line + "'");
            }
            long value = 0;
            boolean negative = false;
            int digits = 0;
            while (true) {
                need(1);
                byte b = buf[pos++];
                if (b == '\r') break;
                if (b == '-' && digits == 0 && !negative) {
                    negative = true;
                } else if (b >= '0' && b <= '9' && digits < 18) {
                    value = value * 10 + (b - '0');
                    digits++;
                } else {
                    throw new IOException("bad number in '" + type + "' line");
                }
            }
            need(1);
            if (buf[pos++] != '\n' || digits == 0) throw new IOException("bad '" + type + "' line");
            return negative ? -value : value;
        }

        private String readRestOfLine() throws IOException {
            StringBuilder sb = new StringBuilder();
            while (sb.length() < 500) {
                need(1);
                byte b = buf[pos++];
                if (b == '\r') break;
                sb.append((char) b);
            }
            return sb.toString();
        }

        /** Reads a bulk string "$<len>\r\n<bytes>\r\n" and returns its length; see lastBulk*() for its bytes. */
        int readBulk() throws IOException {
            long len = readNumberLine('$');
            if (len < 0 || len > MAX_SIZE) throw new IOException("unexpected bulk length " + len);
            int n = (int) len;
            need(n + 2);
            lastStart = pos;
            lastLength = n;
            pos += n;
            if (buf[pos] != '\r' || buf[pos + 1] != '\n') throw new IOException("bulk string not ended by CRLF");
            pos += 2;
            return n;
        }

        boolean lastBulkIs(byte[] expected) {
            return Arrays.equals(buf, lastStart, lastStart + lastLength, expected, 0, expected.length);
        }

        /** The last bulk string as a non-negative decimal number, or -1 if it is not all digits (or too long). */
        long lastBulkAsDecimal() {
            long value = 0;
            for (int i = lastStart; i < lastStart + lastLength; i++) {
                byte b = buf[i];
                if (b < '0' || b > '9' || value > Long.MAX_VALUE / 10 - 1) return -1;
                value = value * 10 + (b - '0');
            }
            return lastLength == 0 ? -1 : value;
        }

        String lastBulkAsString() {
            int n = Math.min(lastLength, 100);
            String s = new String(buf, lastStart, n, StandardCharsets.ISO_8859_1);
            return n < lastLength ? s + "..." : s;
        }
    }

    // ---------------------------------------------------------------------------------------------------- options ---

    record Options(int port, int subscribers, long messages, int size, int timeoutSeconds) {
        static Options parse(String[] args) {
            Integer port = null, subscribers = null, timeout = 60, size = 16;
            Long messages = null;
            for (int i = 0; i < args.length; i++) {
                String name = args[i];
                if (i + 1 >= args.length) throw new IllegalArgumentException("missing value for " + name);
                String v = args[++i];
                switch (name) {
                    case "--port" -> port = (int) number(name, v, 1, 65535);
                    case "--subscribers" -> subscribers = (int) number(name, v, 1, MAX_SUBSCRIBERS);
                    case "--messages" -> messages = number(name, v, 1, 1_000_000_000_000L);
                    case "--size" -> size = (int) number(name, v, 1, MAX_SIZE);
                    case "--timeout" -> timeout = (int) number(name, v, 1, 3600);
                    default -> throw new IllegalArgumentException("unknown option " + name);
                }
            }
            if (port == null || subscribers == null || messages == null) {
                throw new IllegalArgumentException("--port, --subscribers and --messages are required");
            }
            int digits = Long.toString(messages - 1).length();
            if (size < digits) {
                throw new IllegalArgumentException("--size " + size + " cannot hold sequence numbers up to "
                        + (messages - 1) + " (needs at least " + digits + " bytes)");
            }
            return new Options(port, subscribers, messages, size, timeout);
        }

        private static long number(String name, String v, long min, long max) {
            long n;
            try {
                n = Long.parseLong(v);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + " wants a number, got '" + v + "'");
            }
            if (n < min || n > max) throw new IllegalArgumentException(name + " must be in " + min + ".." + max);
            return n;
        }
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
