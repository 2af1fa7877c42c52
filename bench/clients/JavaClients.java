/*
 * Real Java client libraries (Jedis, Lettuce) against a running server, with their default settings; one PASS/FAIL
 * line per check, then "N passed, N failed". Exit status 0 if all passed, 1 otherwise, 2 on bad usage.
 *
 * Not part of the Maven build (it needs the client jars, which the project does not depend on). To run it, fetch the
 * jars into a scratch directory outside the repo and use plain javac/java:
 *
 *   mkdir -p /tmp/javaclients && cd /tmp/javaclients
 *   cat > pom.xml <<'EOF'
 *   <project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion>
 *     <groupId>scratch</groupId><artifactId>javaclients</artifactId><version>1</version><packaging>pom</packaging>
 *     <dependencies>
 *       <dependency><groupId>redis.clients</groupId><artifactId>jedis</artifactId><version>5.2.0</version></dependency>
 *       <dependency><groupId>io.lettuce</groupId><artifactId>lettuce-core</artifactId><version>6.8.2.RELEASE</version></dependency>
 *       <dependency><groupId>org.slf4j</groupId><artifactId>slf4j-simple</artifactId><version>1.7.36</version></dependency>
 *     </dependencies></project>
 *   EOF
 *   mvn -q -B dependency:copy-dependencies -DoutputDirectory=lib
 *   javac -cp 'lib/*' -d classes /work/main/bench/clients/JavaClients.java
 *   java -cp 'classes:lib/*' JavaClients PORT [HOST]        # our jar, or a real redis-server
 *
 * Tested with Jedis 5.2.0 + Lettuce 6.8.2.RELEASE (netty 4.1), and with Jedis 8.0.2 + Lettuce 7.7.0.RELEASE
 * (netty 4.2): the same source compiles against both. slf4j-simple only makes the libraries' logs visible.
 *
 * What the defaults send on connect:
 *   Jedis 5+:    RESP2 (no HELLO). A plain `new Jedis(host, port)` sends nothing before the first command; pooled
 *                connections (JedisPool, or any Jedis built from a JedisClientConfig) first send CLIENT SETINFO
 *                LIB-NAME jedis / LIB-VER <version> (errors ignored; Redis 7.0 answers them with an error).
 *   Lettuce 6+:  HELLO 3 (falls back to RESP2 if HELLO fails), then CLIENT SETINFO lib-name/lib-ver (errors ignored).
 * Set EXTRA=1 to also run Jedis forced to RESP3 and Lettuce forced to RESP2 (non-default).
 */

import io.lettuce.core.KeyValue;
import io.lettuce.core.LettuceFutures;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.protocol.ProtocolVersion;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPool;
import redis.clients.jedis.JedisPubSub;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.RedisProtocol;
import redis.clients.jedis.Response;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

public class JavaClients {
    static final long STEP_TIMEOUT_MS = 10_000;
    static String host;
    static int port;
    static int passed, failed;
    static volatile CountDownLatch pongLatch = new CountDownLatch(1);
    static final ExecutorService steps = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "check");
        t.setDaemon(true);
        return t;
    });

    interface Step {
        void run() throws Exception;
    }

    static boolean check(String label, String name, Step step) {
        Future<?> f = steps.submit(() -> {
            step.run();
            return null;
        });
        try {
            f.get(STEP_TIMEOUT_MS, TimeUnit.MILLISECONDS);
            passed++;
            System.out.println("PASS " + label + ": " + name);
            return true;
        } catch (TimeoutException e) {
            f.cancel(true);
            failed++;
            System.out.println("FAIL " + label + ": " + name + ": timed out after " + STEP_TIMEOUT_MS + " ms");
        } catch (Exception e) {
            Throwable c = e.getCause() != null ? e.getCause() : e;
            failed++;
            System.out.println("FAIL " + label + ": " + name + ": " + c);
        }
        return false;
    }

    static void eq(Object actual, Object expected, String what) {
        boolean same = actual instanceof byte[] && expected instanceof byte[]
                ? Arrays.equals((byte[]) actual, (byte[]) expected)
                : Objects.equals(actual, expected);
        if (!same) throw new AssertionError(what + ": expected " + show(expected) + ", got " + show(actual));
    }

    static String show(Object o) {
        return o instanceof byte[] ? "byte[" + ((byte[]) o).length + "]" : String.valueOf(o);
    }

    static String jarOf(Class<?> c) {
        String p = c.getProtectionDomain().getCodeSource().getLocation().getPath();
        return p.substring(p.lastIndexOf('/') + 1).replaceAll("\\.jar$", "");
    }

    static final String UTF8 = "héllo wörld ✓ 日本語 😀 \r\n end";
    static final String UTF8_KEY = "ключ-✓";
    static final byte[] BYTES = new byte[256];

    static {
        for (int i = 0; i < 256; i++) BYTES[i] = (byte) i;
    }

    // ------------------------------------------------------------------ Jedis ---

    static void jedis(String label, DefaultJedisClientConfig config) {
        String ns = "clients:" + label.replaceAll("[^A-Za-z0-9.]+", "-") + ":" + ProcessHandle.current().pid() + ":";
        HostAndPort hp = new HostAndPort(host, port);
        Jedis[] holder = new Jedis[2];
        if (!check(label, "connect + PING", () -> {
            holder[0] = config == null ? new Jedis(host, port) : new Jedis(hp, config);
            eq(holder[0].ping(), "PONG", "PING");
        })) return;
        Jedis j = holder[0];
        check(label, "SET/GET ascii, GET missing", () -> {
            eq(j.set(ns + "ascii", "hello"), "OK", "SET");
            eq(j.get(ns + "ascii"), "hello", "GET");
            eq(j.get(ns + "missing"), null, "GET missing");
        });
        check(label, "SET/GET UTF-8 key and value", () -> {
            eq(j.set(ns + UTF8_KEY, UTF8), "OK", "SET");
            eq(j.get(ns + UTF8_KEY), UTF8, "GET");
            eq(j.get((ns + UTF8_KEY).getBytes(StandardCharsets.UTF_8)), UTF8.getBytes(StandardCharsets.UTF_8), "GET bytes");
        });
        check(label, "SET/GET binary value (bytes 0..255)", () -> {
            byte[] key = (ns + "bin").getBytes(StandardCharsets.UTF_8);
            eq(j.set(key, BYTES), "OK", "SET");
            eq(j.get(key), BYTES, "GET");
        });
        check(label, "INCR", () -> {
            eq(j.incr(ns + "counter"), 1L, "INCR 1");
            eq(j.incr(ns + "counter"), 2L, "INCR 2");
        });
        check(label, "EXPIRE + TTL", () -> {
            eq(j.ttl(ns + "ascii"), -1L, "TTL no expiry");
            eq(j.ttl(ns + "missing"), -2L, "TTL missing");
            eq(j.expire(ns + "ascii", 100), 1L, "EXPIRE");
            long ttl = j.ttl(ns + "ascii");
            if (ttl <= 90 || ttl > 100) throw new AssertionError("TTL after EXPIRE 100: " + ttl);
        });
        check(label, "MGET", () -> eq(j.mget(ns + "ascii", ns + "missing", ns + "counter"),
                Arrays.asList("hello", null, "2"), "MGET"));
        check(label, "DEL", () -> eq(j.del(ns + "ascii", ns + "counter", ns + "missing"), 2L, "DEL"));
        check(label, "pipelined 100 commands", () -> {
            Pipeline p = j.pipelined();
            List<Response<String>> sets = new ArrayList<>();
            List<Response<String>> gets = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                sets.add(p.set(ns + "p" + i, "v" + i));
                gets.add(p.get(ns + "p" + i));
            }
            p.sync();
            for (int i = 0; i < 50; i++) {
                eq(sets.get(i).get(), "OK", "SET reply " + i);
                eq(gets.get(i).get(), "v" + i, "GET reply " + i);
            }
            String[] keys = new String[50];
            for (int i = 0; i < 50; i++) keys[i] = ns + "p" + i;
            eq(j.del(keys), 50L, "DEL");
        });
        check(label, "pub/sub: SUBSCRIBE in a thread, 3 messages in order, then PSUBSCRIBE, 3 more", () -> {
            BlockingQueue<String> got = new LinkedBlockingQueue<>();
            CountDownLatch subscribed = new CountDownLatch(1);
            CountDownLatch psubscribed = new CountDownLatch(1);
            String ch = ns + "chan", pattern = ns + "news.*";
            JedisPubSub ps = new JedisPubSub() {
                @Override public void onSubscribe(String channel, int n) { subscribed.countDown(); }
                @Override public void onPSubscribe(String p, int n) { psubscribed.countDown(); }
                @Override public void onMessage(String channel, String message) { got.add(channel + "|" + message); }
                @Override public void onPMessage(String p, String channel, String message) {
                    got.add(p + "|" + channel + "|" + message);
                }
                @Override public void onPong(String pattern) { pongLatch.countDown(); }
            };
            Jedis subConn = config == null ? new Jedis(host, port) : new Jedis(hp, config);
            Thread t = new Thread(() -> subConn.subscribe(ps, ch), "jedis-subscriber");
            t.setDaemon(true);
            t.start();
            if (!subscribed.await(5, TimeUnit.SECONDS)) throw new AssertionError("no SUBSCRIBE confirmation");
            for (int i = 1; i <= 3; i++) eq(j.publish(ch, "msg-" + i + " ✓"), 1L, "PUBLISH " + i);
            for (int i = 1; i <= 3; i++) eq(got.poll(5, TimeUnit.SECONDS), ch + "|msg-" + i + " ✓", "message " + i);
            ps.psubscribe(pattern);
            if (!psubscribed.await(5, TimeUnit.SECONDS)) throw new AssertionError("no PSUBSCRIBE confirmation");
            for (String x : List.of("a", "b", "c")) eq(j.publish(ns + "news." + x, "p-" + x), 1L, "PUBLISH news." + x);
            for (String x : List.of("a", "b", "c"))
                eq(got.poll(5, TimeUnit.SECONDS), pattern + "|" + ns + "news." + x + "|p-" + x, "pmessage " + x);
            // RESP2 (the default): PING is answered inside the subscribe loop as ["pong", ""] (onPong). Under RESP3 the
            // reply is a plain +PONG, which Jedis 8.0.2's loop rejects now and then ("Unexpected message : PONG",
            // against Redis 7 too), so it is only sent under RESP2.
            CountDownLatch ponged = new CountDownLatch(1);
            if (config == null) {
                pongLatch = ponged;
                ps.ping();
                if (!ponged.await(5, TimeUnit.SECONDS)) throw new AssertionError("no pong while subscribed");
            }
            ps.unsubscribe();
            ps.punsubscribe();
            t.join(5000);
            if (t.isAlive()) throw new AssertionError("subscribe() did not return after UNSUBSCRIBE + PUNSUBSCRIBE");
            eq(subConn.get(ns + "missing"), null, "GET on the former subscriber connection");
            subConn.close();
            eq(j.publish(ch, "nobody"), 0L, "PUBLISH after unsubscribe");
        });
        check(label, "close", j::close);

        check(label, "JedisPool: borrow, use, return, borrow again (same connection), close", () -> {
            try (JedisPool pool = config == null ? new JedisPool(host, port) : new JedisPool(hp, config)) {
                String id1;
                try (Jedis a = pool.getResource()) {
                    eq(a.set(ns + "pool", "x"), "OK", "SET");
                    eq(a.get(ns + "pool"), "x", "GET");
                    id1 = a.clientInfo();
                }
                eq(pool.getNumIdle(), 1, "idle after return");
                try (Jedis b = pool.getResource()) {
                    eq(b.del(ns + "pool"), 1L, "DEL");
                    String id2 = b.clientInfo();
                    eq(idOf(id2), idOf(id1), "CLIENT INFO id of the reused connection");
                    // Servers with CLIENT SETINFO (Redis 7.2+, mini-redis) show lib-name=; Redis 7.0 has no such field.
                    if (id2.contains("lib-name=") && !id2.contains("lib-name=jedis"))
                        throw new AssertionError("CLIENT INFO shows no lib-name=jedis after CLIENT SETINFO: " + id2.trim());
                }
            }
        });
    }

    static String idOf(String clientInfo) {
        for (String f : clientInfo.trim().split(" ")) if (f.startsWith("id=")) return f;
        return "(no id= in " + clientInfo.trim() + ")";
    }

    // ---------------------------------------------------------------- Lettuce ---

    static void lettuce(String label, ProtocolVersion forced) throws Exception {
        String ns = "clients:" + label.replaceAll("[^A-Za-z0-9.]+", "-") + ":" + ProcessHandle.current().pid() + ":";
        RedisClient client = RedisClient.create(RedisURI.create(host, port));
        if (forced != null) client.setOptions(ClientOptions.builder().protocolVersion(forced).build());
        @SuppressWarnings("unchecked")
        StatefulRedisConnection<String, String>[] holder = new StatefulRedisConnection[1];
        try {
            if (!check(label, "connect + PING", () -> {
                holder[0] = client.connect();
                eq(holder[0].sync().ping(), "PONG", "PING");
            })) return;
            StatefulRedisConnection<String, String> conn = holder[0];
            RedisCommands<String, String> r = conn.sync();
            check(label, "negotiated protocol (CLIENT INFO resp=)", () -> {
                // Lettuce's default is HELLO 3; had HELLO failed it would have fallen back to RESP2 silently.
                String want = "resp=" + (forced == ProtocolVersion.RESP2 ? "2" : "3");
                String info = r.clientInfo();
                if (!(" " + info.trim() + " ").contains(" " + want + " "))
                    throw new AssertionError("CLIENT INFO has no " + want + ": " + info.trim());
            });
            check(label, "SET/GET ascii, GET missing", () -> {
                eq(r.set(ns + "ascii", "hello"), "OK", "SET");
                eq(r.get(ns + "ascii"), "hello", "GET");
                eq(r.get(ns + "missing"), null, "GET missing");
            });
            check(label, "SET/GET UTF-8 key and value", () -> {
                eq(r.set(ns + UTF8_KEY, UTF8), "OK", "SET");
                eq(r.get(ns + UTF8_KEY), UTF8, "GET");
            });
            check(label, "SET/GET binary value (bytes 0..255), ByteArrayCodec connection", () -> {
                try (StatefulRedisConnection<byte[], byte[]> bin = client.connect(ByteArrayCodec.INSTANCE)) {
                    byte[] key = (ns + "bin").getBytes(StandardCharsets.UTF_8);
                    eq(bin.sync().set(key, BYTES), "OK", "SET");
                    eq(bin.sync().get(key), BYTES, "GET");
                    eq(bin.sync().get((ns + UTF8_KEY).getBytes(StandardCharsets.UTF_8)),
                            UTF8.getBytes(StandardCharsets.UTF_8), "GET UTF-8 value as bytes");
                }
            });
            check(label, "INCR", () -> {
                eq(r.incr(ns + "counter"), 1L, "INCR 1");
                eq(r.incr(ns + "counter"), 2L, "INCR 2");
            });
            check(label, "EXPIRE + TTL", () -> {
                eq(r.ttl(ns + "ascii"), -1L, "TTL no expiry");
                eq(r.ttl(ns + "missing"), -2L, "TTL missing");
                eq(r.expire(ns + "ascii", 100), true, "EXPIRE");
                long ttl = r.ttl(ns + "ascii");
                if (ttl <= 90 || ttl > 100) throw new AssertionError("TTL after EXPIRE 100: " + ttl);
            });
            check(label, "MGET", () -> {
                List<KeyValue<String, String>> kv = r.mget(ns + "ascii", ns + "missing", ns + "counter");
                eq(kv.size(), 3, "size");
                eq(kv.get(0).getValue(), "hello", "MGET[0]");
                eq(kv.get(1).hasValue(), false, "MGET[1] has value");
                eq(kv.get(2).getValue(), "2", "MGET[2]");
            });
            check(label, "DEL", () -> eq(r.del(ns + "ascii", ns + "counter", ns + "missing"), 2L, "DEL"));
            check(label, "async 100 commands (auto-flush, the default)", () -> asyncBatch(conn, ns + "a", false));
            check(label, "async 100 commands (setAutoFlushCommands(false) + flushCommands)", () -> {
                try (StatefulRedisConnection<String, String> c2 = client.connect()) {
                    asyncBatch(c2, ns + "b", true);
                }
            });
            check(label, "pub/sub: StatefulRedisPubSubConnection, 3 messages in order, then PSUBSCRIBE, 3 more", () -> {
                BlockingQueue<String> got = new LinkedBlockingQueue<>();
                String ch = ns + "chan", pattern = ns + "news.*";
                try (StatefulRedisPubSubConnection<String, String> ps = client.connectPubSub()) {
                    ps.addListener(new RedisPubSubAdapter<>() {
                        @Override public void message(String channel, String message) { got.add(channel + "|" + message); }
                        @Override public void message(String p, String channel, String message) {
                            got.add(p + "|" + channel + "|" + message);
                        }
                    });
                    ps.sync().subscribe(ch);
                    for (int i = 1; i <= 3; i++) eq(r.publish(ch, "msg-" + i + " ✓"), 1L, "PUBLISH " + i);
                    for (int i = 1; i <= 3; i++) eq(got.poll(5, TimeUnit.SECONDS), ch + "|msg-" + i + " ✓", "message " + i);
                    ps.sync().psubscribe(pattern);
                    for (String x : List.of("a", "b", "c")) eq(r.publish(ns + "news." + x, "p-" + x), 1L, "PUBLISH news." + x);
                    for (String x : List.of("a", "b", "c"))
                        eq(got.poll(5, TimeUnit.SECONDS), pattern + "|" + ns + "news." + x + "|p-" + x, "pmessage " + x);
                    // RESP2 answers a subscribed PING with ["pong", ""], which Lettuce hands back as "" (Redis too).
                    String pong = ps.sync().ping();
                    if (forced != ProtocolVersion.RESP2) eq(pong, "PONG", "PING while subscribed");
                    ps.sync().unsubscribe(ch);
                    ps.sync().punsubscribe(pattern);
                    // Under RESP2 Lettuce clears its "subscribed" state asynchronously, so a GET right after
                    // PUNSUBSCRIBE is refused client-side about half the time (against Redis 7 too): RESP3 only.
                    if (forced != ProtocolVersion.RESP2)
                        eq(ps.sync().get(ns + "missing"), null, "GET on the pub/sub connection after unsubscribing");
                }
                eq(r.publish(ch, "nobody"), 0L, "PUBLISH after close");
                if (!got.isEmpty()) throw new AssertionError("unexpected extra messages: " + got);
            });
            check(label, "close", conn::close);
        } finally {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
    }

    static void asyncBatch(StatefulRedisConnection<String, String> conn, String prefix, boolean manualFlush) {
        RedisAsyncCommands<String, String> a = conn.async();
        if (manualFlush) conn.setAutoFlushCommands(false);
        try {
            List<RedisFuture<String>> futures = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                futures.add(a.set(prefix + i, "v" + i));
                futures.add(a.get(prefix + i));
            }
            if (manualFlush) conn.flushCommands();
            if (!LettuceFutures.awaitAll(Duration.ofSeconds(5), futures.toArray(new RedisFuture[0])))
                throw new AssertionError("not all 100 futures completed");
            for (int i = 0; i < 50; i++) {
                eq(futures.get(2 * i).get(), "OK", "SET reply " + i);
                eq(futures.get(2 * i + 1).get(), "v" + i, "GET reply " + i);
            }
            String[] keys = new String[50];
            for (int i = 0; i < 50; i++) keys[i] = prefix + i;
            RedisFuture<Long> del = a.del(keys);
            if (manualFlush) conn.flushCommands();
            eq(del.get(5, TimeUnit.SECONDS), 50L, "DEL");
        } catch (Exception e) {
            throw new RuntimeException(e);
        } finally {
            if (manualFlush) conn.setAutoFlushCommands(true);
        }
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1 || !args[0].matches("[1-9][0-9]*")) {
            System.err.println("usage: java -cp 'classes:lib/*' JavaClients PORT [HOST]");
            System.exit(2);
        }
        port = Integer.parseInt(args[0]);
        host = args.length > 1 ? args[1] : "127.0.0.1";
        String jedisV = jarOf(Jedis.class), lettuceV = jarOf(RedisClient.class);
        jedis(jedisV + " (defaults)", null);
        lettuce(lettuceV + " (defaults)", null);
        if ("1".equals(System.getenv("EXTRA"))) {
            jedis(jedisV + " (RESP3)", DefaultJedisClientConfig.builder().protocol(RedisProtocol.RESP3).build());
            lettuce(lettuceV + " (RESP2)", ProtocolVersion.RESP2);
        }
        System.out.println(passed + " passed, " + failed + " failed");
        System.exit(failed == 0 ? 0 : 1);
    }
}
