package dev.miniredis.db;

import java.lang.management.ManagementFactory;

/**
 * Prints the store's bytes per key and rough nanoseconds per operation for small keys (16-byte keys, 32-byte values),
 * with the {@link Db} on top of it alongside (lazy-expiry checks and counters added). Not a test (nothing is asserted,
 * and surefire does not pick it up): run it by hand after {@code mvn test-compile}:
 * <pre>
 *   java -cp core/target/classes:core/target/test-classes dev.miniredis.db.StoreMeasure [keys] [rounds]
 * </pre>
 * Timings on a shared machine are rough; the later rounds, after the JIT has compiled everything, are the ones to read.
 * "alloc/op" is what the measuring thread allocated on the Java heap per operation: 0 means no garbage.
 */
final class StoreMeasure {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private StoreMeasure() {
    }

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        for (int round = 1; round <= rounds; round++) {
            System.out.println("round " + round + ", " + n + " keys of 16 bytes with 32-byte values");
            measureStore(n);
            measureOneShotRehash(n);
            measureDb(n);
        }
    }

    private static void measureStore(int n) {
        Store store = new Store(42);
        byte[] key = "key:000000000000".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] value = "value:0123456789abcdef0123456789".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] out = new byte[64];
        long sink = 0;

        long t = start();
        long alloc = allocated();
        for (int i = 0; i < n; i++) {
            StoreTest.digits(key, i);
            sink += store.put(key, Store.TYPE_STRING, value, 0, value.length);
        }
        report("store put (new key)", n, t, alloc);

        t = start();
        alloc = allocated();
        for (int i = 0; i < n; i++) {
            StoreTest.digits(key, i);
            long a = store.find(key);
            store.copyValue(a, 0, out, 0, store.valueLength(a)); // what GET does
            sink += out[5];
        }
        report("store find + copy value", n, t, alloc);

        t = start();
        alloc = allocated();
        for (int i = 0; i < n; i++) {
            StoreTest.digits(key, i);
            sink += store.put(key, Store.TYPE_STRING, value, 0, value.length);
        }
        report("store put (overwrite)", n, t, alloc);

        t = start();
        alloc = allocated();
        for (int i = 0; i < n; i++) {
            StoreTest.digits(key, n + i);
            sink += store.find(key);
        }
        report("store find (miss)", n, t, alloc);

        System.out.printf("  store: usedBytes %,d = %.1f bytes per key (liveBytes %,d, %,d buckets)%n",
                store.usedBytes(), (double) store.usedBytes() / store.size(), store.liveBytes(), store.buckets());

        t = start();
        alloc = allocated();
        for (int i = 0; i < n; i++) {
            StoreTest.digits(key, i);
            store.setDeadline(store.find(key), 1_000_000 + (i * 7919L) % n);
        }
        report("store find + setDeadline", n, t, alloc);
        System.out.printf("  store with a deadline on every key: %.1f bytes per key%n", (double) store.usedBytes() / store.size());

        t = start();
        alloc = allocated();
        for (int i = 0; i < n; i++) {
            StoreTest.digits(key, i);
            if (store.delete(key)) sink++;
        }
        report("store delete", n, t, alloc);
        store.close();
        if (sink == 42) System.out.println();
    }

    // What incremental rehashing avoids: the table that fills at n keys, rehashed in one call.
    private static void measureOneShotRehash(int n) {
        Store store = new Store(43);
        byte[] key = "key:000000000000".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] value = new byte[32];
        int i = 0;
        for (; store.size() < n || !store.isRehashing(); i++) {
            StoreTest.digits(key, i);
            store.put(key, Store.TYPE_STRING, value, 0, value.length);
            if (store.isRehashing() && store.size() < n) while (store.rehashStep(1_000)) { }
        }
        int buckets = store.buckets();
        long t = System.nanoTime();
        store.rehashStep(Integer.MAX_VALUE);
        System.out.printf("  one-shot rehash of %,d buckets (%,d keys): %.1f ms%n", buckets, store.size(),
                (System.nanoTime() - t) / 1e6);
        store.close();
    }

    private static void measureDb(int n) {
        Db db = new Db();
        byte[][] keys = new byte[n][];
        for (int i = 0; i < n; i++) keys[i] = String.format("key:%012d", i).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] value = "value:0123456789abcdef0123456789".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        long sink = 0;
        long t = start();
        for (int i = 0; i < n; i++) db.put(keys[i], value, Db.PERSISTENT, 0);
        report("Db put (new key, through the store)", n, t, -1);
        t = start();
        for (int i = 0; i < n; i++) sink += db.valueLength(db.get(keys[i], 0));
        report("Db get", n, t, -1);
        if (sink == 42) System.out.println();
    }

    private static long start() {
        return System.nanoTime();
    }

    private static long allocated() {
        return THREADS.getCurrentThreadAllocatedBytes();
    }

    private static void report(String what, int n, long startNanos, long allocatedBefore) {
        double nanos = (double) (System.nanoTime() - startNanos) / n;
        if (allocatedBefore < 0) {
            System.out.printf("  %-42s %7.0f ns/op%n", what, nanos);
        } else {
            double alloc = (double) (allocated() - allocatedBefore) / n;
            System.out.printf("  %-42s %7.0f ns/op   alloc/op %.2f bytes%n", what, nanos, alloc);
        }
    }
}
