package dev.miniredis.client;

import dev.miniredis.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A job queue as applications build one on Redis: 50 workers each loop on {@code BLPOP jobs 0} through the project's
 * AsyncClient while 5 producers push 100,000 jobs. Every job must reach exactly one worker, and no worker may starve:
 * waiters are served in the order they blocked, so each gets its turn.
 */
@Timeout(120)
class JobQueueTest {
    private static final int WORKERS = 50;
    private static final int PRODUCERS = 5;
    private static final int JOBS_PER_PRODUCER = 20_000;

    @Test
    void everyJobIsDeliveredExactlyOnceAndNoWorkerStarves() throws Exception {
        try (TestServer server = new TestServer()) {
            Map<String, Integer> deliveredTo = new ConcurrentHashMap<>();
            AtomicInteger duplicates = new AtomicInteger();
            int[] perWorker = new int[WORKERS];
            CountDownLatch stopped = new CountDownLatch(WORKERS);
            List<AsyncClient> clients = new ArrayList<>();
            try {
                for (int w = 0; w < WORKERS; w++) {
                    AsyncClient worker = AsyncClient.connect("127.0.0.1", server.port(), Duration.ofSeconds(10),
                            Duration.ofSeconds(100));
                    clients.add(worker);
                    work(worker, w, deliveredTo, duplicates, perWorker, stopped);
                }
                List<CompletableFuture<Object>> pushes = new ArrayList<>();
                for (int p = 0; p < PRODUCERS; p++) {
                    AsyncClient producer = AsyncClient.connect("127.0.0.1", server.port());
                    clients.add(producer);
                    for (int i = 0; i < JOBS_PER_PRODUCER; i++) pushes.add(producer.send("RPUSH", "jobs", "p" + p + ":" + i));
                }
                for (CompletableFuture<Object> push : pushes) push.get(60, TimeUnit.SECONDS);
                AsyncClient last = clients.get(clients.size() - 1);
                for (int w = 0; w < WORKERS; w++) last.send("RPUSH", "jobs", "stop").get(60, TimeUnit.SECONDS);
                assertThat(stopped.await(60, TimeUnit.SECONDS)).as("every worker got its stop").isTrue();
            } finally {
                for (AsyncClient c : clients) c.close();
            }
            assertThat(duplicates.get()).isZero();
            assertThat(deliveredTo).hasSize(PRODUCERS * JOBS_PER_PRODUCER);
            for (int w = 0; w < WORKERS; w++) {
                assertThat(perWorker[w]).as("jobs of worker %d (a fair share is %d)", w, 2000).isGreaterThan(20);
            }
        }
    }

    // One worker: BLPOP, record the job, BLPOP again, until it pops "stop". Callbacks run on the client's I/O thread.
    private static void work(AsyncClient worker, int id, Map<String, Integer> deliveredTo, AtomicInteger duplicates,
                             int[] perWorker, CountDownLatch stopped) {
        worker.send("BLPOP", "jobs", "0").thenAccept(reply -> {
            List<?> pair = (List<?>) reply;
            String job = new String((byte[]) pair.get(1), StandardCharsets.UTF_8);
            if (job.equals("stop")) {
                stopped.countDown();
                return;
            }
            if (deliveredTo.putIfAbsent(job, id) != null) duplicates.incrementAndGet();
            synchronized (perWorker) {
                perWorker[id]++;
            }
            work(worker, id, deliveredTo, duplicates, perWorker, stopped);
        });
    }
}
