import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A job queue against one server: W workers loop on {@code BRPOP jobs 0}, P producers {@code LPUSH} J jobs in all
 * (pipelined in batches of 50), each job carrying the System.nanoTime of its push; each worker notes how long its job
 * waited. Prints "jobs_per_second p99_job_latency_ms" on one line. Blocking sockets, one thread per client: the load
 * generator is deliberately simple, and the same for both servers.
 *
 * <p>Usage: java bench/Queue.java host port workers producers jobs
 */
public final class Queue {
    public static void main(String[] args) throws Exception {
        String host = args[0];
        int port = Integer.parseInt(args[1]);
        int workers = Integer.parseInt(args[2]);
        int producers = Integer.parseInt(args[3]);
        int jobs = Integer.parseInt(args[4]);
        long[] latencies = new long[jobs];
        AtomicLong done = new AtomicLong();
        CountDownLatch ready = new CountDownLatch(workers);
        CountDownLatch finished = new CountDownLatch(workers);
        Thread[] threads = new Thread[workers];
        for (int w = 0; w < workers; w++) {
            threads[w] = new Thread(() -> {
                try (Socket s = new Socket(host, port)) {
                    s.setTcpNoDelay(true);
                    OutputStream out = s.getOutputStream();
                    InputStream in = new BufferedInputStream(s.getInputStream());
                    byte[] brpop = command("BRPOP", "jobs", "0");
                    ready.countDown();
                    while (true) {
                        out.write(brpop);
                        out.flush();
                        String job = secondOfPair(in);
                        if (job.equals("stop")) break;
                        long waited = System.nanoTime() - Long.parseLong(job);
                        latencies[(int) done.getAndIncrement()] = waited;
                    }
                } catch (IOException e) {
                    throw new RuntimeException(e);
                } finally {
                    finished.countDown();
                }
            });
            threads[w].start();
        }
        ready.await();
        long start = System.nanoTime();
        Thread[] pushers = new Thread[producers];
        for (int p = 0; p < producers; p++) {
            int share = jobs / producers + (p < jobs % producers ? 1 : 0);
            pushers[p] = new Thread(() -> {
                try (Socket s = new Socket(host, port)) {
                    s.setTcpNoDelay(true);
                    OutputStream out = s.getOutputStream();
                    InputStream in = new BufferedInputStream(s.getInputStream());
                    for (int sent = 0; sent < share; ) {
                        int batch = Math.min(50, share - sent);
                        for (int i = 0; i < batch; i++) out.write(command("LPUSH", "jobs", Long.toString(System.nanoTime())));
                        out.flush();
                        for (int i = 0; i < batch; i++) skipLine(in);   // ":<length>"
                        sent += batch;
                    }
                } catch (IOException e) {
                    throw new RuntimeException(e);
                }
            });
            pushers[p].start();
        }
        for (Thread t : pushers) t.join();
        while (done.get() < jobs) Thread.onSpinWait();
        long elapsed = System.nanoTime() - start;
        try (Socket s = new Socket(host, port)) {
            OutputStream out = s.getOutputStream();
            InputStream in = new BufferedInputStream(s.getInputStream());
            for (int w = 0; w < workers; w++) out.write(command("LPUSH", "jobs", "stop"));
            out.flush();
            for (int w = 0; w < workers; w++) skipLine(in);
        }
        finished.await();
        Arrays.sort(latencies);
        double p99 = latencies[(int) Math.min(jobs - 1, Math.ceil(jobs * 0.99) - 1)] / 1e6;
        System.out.printf("%.0f %.3f%n", jobs / (elapsed / 1e9), p99);
    }

    private static byte[] command(String... args) {
        StringBuilder b = new StringBuilder().append('*').append(args.length).append("\r\n");
        for (String a : args) b.append('$').append(a.length()).append("\r\n").append(a).append("\r\n");
        return b.toString().getBytes(StandardCharsets.US_ASCII);
    }

    // *2 $4 jobs $n <payload>: the payload.
    private static String secondOfPair(InputStream in) throws IOException {
        String header = line(in);
        if (!header.equals("*2")) throw new IOException("unexpected reply " + header);
        line(in);
        line(in);
        line(in);
        return line(in);
    }

    private static void skipLine(InputStream in) throws IOException {
        String l = line(in);
        if (l.startsWith("-")) throw new IOException(l);
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder b = new StringBuilder();
        for (int c; (c = in.read()) != '\r'; ) {
            if (c < 0) throw new IOException("closed");
            b.append((char) c);
        }
        in.read();
        return b.toString();
    }
}
