package dev.miniredis.persist;

import dev.miniredis.protocol.RespError;
import dev.miniredis.testing.RawClient;
import dev.miniredis.testing.RealRedis;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The RDB codec against a real redis-server 7.0.15, both ways, on seeded random keyspaces of every type and encoding
 * (listpack, intset, quicklist of several nodes, hashtable, skiplist, LZF strings, integer strings, deadlines, several
 * databases):
 * <ul>
 *   <li>Redis writes, we read: the keys are sent to Redis as commands, Redis SAVEs, and what {@link RdbReader} finds
 *       in its dump.rdb must be exactly the model the commands came from.</li>
 *   <li>We write, Redis reads: {@code redis-check-rdb} must accept the file, a redis-server started on it must answer
 *       TYPE, GET, LRANGE, SMEMBERS, HGETALL, ZRANGE WITHSCORES and PEXPIRETIME with the model's values.</li>
 * </ul>
 * Deadlines are set after the real time (Redis drops keys whose deadline passed when it loads), so they differ from run
 * to run; everything else is fixed by the seed, which each failure names.
 */
@Timeout(120)
class RdbAgainstRedisTest {
    @TempDir
    Path dir;

    @BeforeAll
    static void needsRedis() {
        assumeTrue(RealRedis.available(), "redis-server is not installed");
    }

    // ---- Redis writes, we read ----

    @Test
    void whatRedisSavesReadsBackAsTheCommandsThatMadeIt() throws Exception {
        long seed = 11;
        RdbModel model = RandomKeyspace.generate(new Random(seed), 250, true, System.currentTimeMillis() + 3_600_000);
        try (RedisWithFiles redis = new RedisWithFiles(dir, "dump.rdb"); RawClient c = redis.connect()) {
            fill(c, model);
            assertThat(encodings(c, model)).as("encodings Redis chose for the data set")
                    .contains("int", "embstr", "raw", "quicklist", "listpack", "intset", "hashtable", "skiplist");
            assertThat(RedisWithFiles.call(c, "SAVE")).isEqualTo("OK");
            RdbModel read = readFile(dir.resolve("dump.rdb"));
            try {
                RdbRoundTripTest.assertSameKeys(read, model);
            } catch (AssertionError e) {
                throw new AssertionError("seed " + seed + ": " + e.getMessage(), e);
            }
            assertThat(read.aux).containsEntry("redis-ver", "7.0.15").containsEntry("redis-bits", "64")
                    .containsEntry("aof-base", "0").containsKeys("ctime", "used-mem");
            assertThat(read.events).isEmpty();

            // Under an LFU policy Redis saves each key's counter (FREQ), under LRU its idle time (IDLE).
            RedisWithFiles.call(c, "CONFIG", "SET", "maxmemory-policy", "allkeys-lfu");
            assertThat(RedisWithFiles.call(c, "SAVE")).isEqualTo("OK");
            RdbModel lfu = readFile(dir.resolve("dump.rdb"));
            RdbRoundTripTest.assertSameKeys(lfu, model);
            assertThat(lfu.events).hasSize(keyCount(model)).allMatch(e -> e.startsWith("freq "));
            RedisWithFiles.call(c, "CONFIG", "SET", "maxmemory-policy", "allkeys-lru");
            assertThat(RedisWithFiles.call(c, "SAVE")).isEqualTo("OK");
            RdbModel lru = readFile(dir.resolve("dump.rdb"));
            assertThat(lru.events).hasSize(keyCount(model)).allMatch(e -> e.startsWith("idle "));
        }
    }

    @Test
    void compressedListNodesCompressionOffAndChecksumOffAreReadToo() throws Exception {
        RdbModel model = RandomKeyspace.generate(new Random(12), 120, false, System.currentTimeMillis() + 3_600_000);
        try (RedisWithFiles redis = new RedisWithFiles(dir, "dump.rdb"); RawClient c = redis.connect()) {
            // list-compress-depth 1: Redis keeps inner list nodes LZF-compressed in memory and saves them so, even with
            // rdbcompression off.
            RedisWithFiles.call(c, "CONFIG", "SET", "list-compress-depth", "1");
            fill(c, model);
            RedisWithFiles.call(c, "CONFIG", "SET", "rdbcompression", "no");
            RedisWithFiles.call(c, "CONFIG", "SET", "rdbchecksum", "no");
            assertThat(RedisWithFiles.call(c, "SAVE")).isEqualTo("OK");
            RdbRoundTripTest.assertSameKeys(readFile(dir.resolve("dump.rdb")), model);
        }
    }

    @Test
    void streamsAndFunctionsAreRefusedByName() throws Exception {
        try (RedisWithFiles redis = new RedisWithFiles(dir, "dump.rdb"); RawClient c = redis.connect()) {
            RedisWithFiles.call(c, "SET", "before", "1");
            RedisWithFiles.call(c, "XADD", "events", "*", "field", "value");
            RedisWithFiles.call(c, "SAVE");
            assertThatThrownBy(() -> readFile(dir.resolve("dump.rdb"))).isInstanceOf(RdbException.class)
                    .hasMessageContaining("stream (RDB_TYPE_STREAM_LISTPACKS_2) at key 'events'")
                    .hasMessageContaining("streams are not supported");

            RedisWithFiles.call(c, "DEL", "events");
            assertThat(RedisWithFiles.call(c, "FUNCTION", "LOAD",
                    "#!lua name=mylib\nredis.register_function('f', function() return 1 end)")).isInstanceOf(byte[].class);
            RedisWithFiles.call(c, "SAVE");
            assertThatThrownBy(() -> readFile(dir.resolve("dump.rdb"))).isInstanceOf(RdbException.class)
                    .hasMessageContaining("function library (FUNCTION2)").hasMessageContaining("#!lua name=mylib");
            // A sink that accepts libraries gets the code and every key.
            List<String> libraries = new ArrayList<>();
            RdbModel model = new RdbModel() {
                @Override
                public void function(byte[] code) {
                    libraries.add(text(code));
                }
            };
            try (FileChannel ch = FileChannel.open(dir.resolve("dump.rdb"))) {
                RdbReader.read(ch, model);
            }
            assertThat(libraries).singleElement().asString().startsWith("#!lua name=mylib");
            assertThat(model.databases.get(0)).containsOnlyKeys("before");
        }
    }

    /**
     * With one key per database (so Redis's hash-table order cannot differ) and compression off (our LZF finds other
     * matches than liblzf), our file is Redis's file byte for byte: magic, AUX fields, SELECTDB, RESIZEDB, deadlines,
     * every encoding Redis 7.0 writes, EOF and checksum.
     */
    @Test
    void oneKeyPerDatabaseOurFileIsRedissFileByteForByte() throws Exception {
        Random r = new Random(31);
        RdbModel model = new RdbModel();
        long deadline = System.currentTimeMillis() + 86_400_000;
        model.put(0, "int8", "string", "-100", RdbSink.NO_DEADLINE);
        model.put(1, "12345", "string", "2147483647", deadline);
        model.put(2, "raw", "string", RandomKeyspace.binary(r, 300), RdbSink.NO_DEADLINE);
        model.put(3, "big-int", "string", "9223372036854775807", RdbSink.NO_DEADLINE);
        List<String> list = new ArrayList<>();
        for (int i = 0; i < 5000; i++) list.add(i % 7 == 0 ? RandomKeyspace.ascii(r, r.nextInt(90)) : String.valueOf(r.nextInt(100_000) - 50_000));
        model.put(4, "list", "list", list, RdbSink.NO_DEADLINE);
        model.put(5, "intset", "set", new TreeSet<>(List.of("1", "-70000", "5")), RdbSink.NO_DEADLINE);
        model.put(6, "set", "set", new TreeSet<>(List.of("only")), deadline + 1);
        model.put(7, "hash", "hash", new TreeMap<>(Map.of("f", "v", "n", "12", "m", "-5000")), RdbSink.NO_DEADLINE);
        model.put(8, "big-hash", "hash", new TreeMap<>(Map.of("f", "v".repeat(65))), RdbSink.NO_DEADLINE);
        model.put(9, "zset", "zset", new TreeMap<>(Map.of("a", 1.5, "b", 2.0, "c", -3.0, "d", Double.POSITIVE_INFINITY,
                "e", 1e30, "f", -0.25)), RdbSink.NO_DEADLINE);
        model.put(10, "big-zset", "zset", new TreeMap<>(Map.of("m".repeat(65), 0.1)), RdbSink.NO_DEADLINE);
        model.put(11, "odd-scores", "zset", new TreeMap<>(Map.of("g", 1e-7, "h", 5e-324, "i", 0.1, "j", 1.2345678901234567e19,
                "k", -1.5e300, "l", 123456.789, "m", -1e21)), RdbSink.NO_DEADLINE);
        try (RedisWithFiles redis = new RedisWithFiles(dir, "dump.rdb"); RawClient c = redis.connect()) {
            RedisWithFiles.call(c, "CONFIG", "SET", "rdbcompression", "no");
            fill(c, model);
            assertThat(RedisWithFiles.call(c, "SAVE")).isEqualTo("OK");
            byte[] theirs = Files.readAllBytes(dir.resolve("dump.rdb"));
            RdbModel read = readFile(dir.resolve("dump.rdb"));
            Path ours = dir.resolve("ours.rdb");
            try (FileChannel ch = FileChannel.open(ours, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
                RdbWriter w = new RdbWriter(ch, false);
                w.writeHeader(Long.parseLong(read.aux.get("ctime")), Long.parseLong(read.aux.get("used-mem")), false);
                model.writeTo(w);
                w.finish();
            }
            byte[] mine = Files.readAllBytes(ours);
            int at = java.util.Arrays.mismatch(mine, theirs);
            if (at >= 0) {
                int from = Math.max(0, at - 16);
                throw new AssertionError("first difference at byte " + at + " of " + theirs.length + " (ours " + mine.length
                        + "): ours ..." + HexFormat.of().formatHex(mine, from, Math.min(mine.length, at + 32))
                        + ", Redis's ..." + HexFormat.of().formatHex(theirs, from, Math.min(theirs.length, at + 32)));
            }
        }
    }

    // ---- we write, Redis reads ----

    @Test
    void whatWeWriteRedisLoadsWithTheSameKeysValuesAndDeadlines() throws Exception {
        for (long seed = 21; seed <= 22; seed++) {
            RdbModel model = RandomKeyspace.generate(new Random(seed), 250, seed == 21,
                    System.currentTimeMillis() + 3_600_000);
            String name = "ours" + seed + ".rdb";
            try (FileChannel ch = FileChannel.open(dir.resolve(name), StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
                RdbWriter w = new RdbWriter(ch, seed == 21);
                w.writeHeader(System.currentTimeMillis() / 1000, 1_000_000, false);
                model.writeTo(w);
                w.finish();
            }
            checkRdb(dir.resolve(name));
            try (RedisWithFiles redis = new RedisWithFiles(dir, name); RawClient c = redis.connect()) {
                assertThat(redis.log.toString()).contains("Done loading RDB").doesNotContain("empty key");
                try {
                    assertRedisHolds(c, model);
                } catch (AssertionError e) {
                    throw new AssertionError("seed " + seed + ": " + e.getMessage(), e);
                }
                // And Redis's own save of what it loaded reads back as the model: nothing lost in between.
                RedisWithFiles.call(c, "SAVE");
                RdbRoundTripTest.assertSameKeys(readFile(dir.resolve(name)), model);
            }
        }
    }

    private static void checkRdb(Path file) throws IOException, InterruptedException {
        if (!dev.miniredis.testing.Tools.installed("redis-check-rdb")) return;
        Process p = new ProcessBuilder("redis-check-rdb", file.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(out).as("redis-check-rdb output").contains("RDB looks OK!");
        assertThat(p.exitValue()).isZero();
    }

    @SuppressWarnings("unchecked")
    private static void assertRedisHolds(RawClient c, RdbModel model) throws IOException {
        for (int db = 0; db < 16; db++) {
            RedisWithFiles.call(c, "SELECT", String.valueOf(db));
            Map<String, RdbModel.Value> keys = model.databases.getOrDefault(db, Map.of());
            assertThat(RedisWithFiles.call(c, "DBSIZE")).as("DBSIZE of db %d", db).isEqualTo((long) keys.size());
            for (Map.Entry<String, RdbModel.Value> e : keys.entrySet()) {
                String key = e.getKey();
                RdbModel.Value v = e.getValue();
                assertThat(text(RedisWithFiles.call(c, "TYPE", key))).as("TYPE %s", key).isEqualTo(v.type());
                long expected = v.deadlineMillis() == RdbSink.NO_DEADLINE ? -1 : v.deadlineMillis();
                assertThat(RedisWithFiles.call(c, "PEXPIRETIME", key)).as("PEXPIRETIME %s", key).isEqualTo(expected);
                Object actual = switch (v.type()) {
                    case "string" -> text(RedisWithFiles.call(c, "GET", key));
                    case "list" -> texts(RedisWithFiles.call(c, "LRANGE", key, "0", "-1"));
                    case "set" -> new TreeSet<>(texts(RedisWithFiles.call(c, "SMEMBERS", key)));
                    case "hash" -> {
                        List<String> flat = texts(RedisWithFiles.call(c, "HGETALL", key));
                        TreeMap<String, String> h = new TreeMap<>();
                        for (int i = 0; i < flat.size(); i += 2) h.put(flat.get(i), flat.get(i + 1));
                        yield h;
                    }
                    default -> {
                        List<String> flat = texts(RedisWithFiles.call(c, "ZRANGE", key, "0", "-1", "WITHSCORES"));
                        TreeMap<String, Double> z = new TreeMap<>();
                        for (int i = 0; i < flat.size(); i += 2) {
                            z.put(flat.get(i), RdbReader.parseScore(flat.get(i + 1).getBytes(StandardCharsets.ISO_8859_1)));
                        }
                        yield z;
                    }
                };
                assertThat(actual).as("value of %s", key).isEqualTo(RdbRoundTripTest.likeRedis(v).data());
            }
        }
    }

    // ---- helpers ----

    static RdbModel readFile(Path file) throws IOException {
        RdbModel read = new RdbModel();
        try (FileChannel ch = FileChannel.open(file)) {
            RdbReader.read(ch, read);
        }
        return read;
    }

    // OBJECT ENCODING of every key: which of Redis's in-memory forms the data set exercises.
    private static TreeSet<String> encodings(RawClient c, RdbModel model) throws IOException {
        TreeSet<String> seen = new TreeSet<>();
        for (Map.Entry<Integer, Map<String, RdbModel.Value>> db : model.databases.entrySet()) {
            RedisWithFiles.call(c, "SELECT", String.valueOf(db.getKey()));
            for (String key : db.getValue().keySet()) seen.add(text(RedisWithFiles.call(c, "OBJECT", "ENCODING", key)));
        }
        return seen;
    }

    private static int keyCount(RdbModel model) {
        return model.databases.values().stream().mapToInt(Map::size).sum();
    }

    /**
     * Sends every key of the model to Redis as commands: SELECT, then SET / RPUSH / SADD / HSET / ZADD, PEXPIREAT.
     * A score of {@code -0.0} becomes 0 first: Redis 7.0 stores an integral score in a listpack as an integer, so a
     * sorted set that starts as a listpack loses the sign even after it grows into a skiplist, and which members went
     * in before the conversion is Redis's business, not this test's.
     */
    @SuppressWarnings("unchecked")
    static void fill(RawClient c, RdbModel model) throws IOException {
        for (Map<String, RdbModel.Value> keys : model.databases.values()) {
            for (RdbModel.Value v : keys.values()) {
                if (v.type().equals("zset")) ((TreeMap<String, Double>) v.data()).replaceAll((m, s) -> s + 0.0);
            }
        }
        for (Map.Entry<Integer, Map<String, RdbModel.Value>> db : model.databases.entrySet()) {
            ok(RedisWithFiles.call(c, "SELECT", String.valueOf(db.getKey())));
            for (Map.Entry<String, RdbModel.Value> e : db.getValue().entrySet()) {
                String key = e.getKey();
                RdbModel.Value v = e.getValue();
                switch (v.type()) {
                    case "string" -> ok(RedisWithFiles.call(c, "SET", key, (String) v.data()));
                    case "list" -> inChunks(c, "RPUSH", key, (List<String>) v.data());
                    case "set" -> inChunks(c, "SADD", key, new ArrayList<>((TreeSet<String>) v.data()));
                    case "hash" -> {
                        List<String> flat = new ArrayList<>();
                        ((TreeMap<String, String>) v.data()).forEach((f, x) -> {
                            flat.add(f);
                            flat.add(x);
                        });
                        inChunks(c, "HSET", key, flat);
                    }
                    default -> {
                        List<String> flat = new ArrayList<>();
                        ((TreeMap<String, Double>) v.data()).forEach((m, s) -> {
                            flat.add(scoreText(s));
                            flat.add(m);
                        });
                        inChunks(c, "ZADD", key, flat);
                    }
                }
                if (v.deadlineMillis() != RdbSink.NO_DEADLINE) {
                    assertThat(RedisWithFiles.call(c, "PEXPIREAT", key, String.valueOf(v.deadlineMillis()))).isEqualTo(1L);
                }
            }
        }
    }

    private static String scoreText(double s) {
        if (Double.isInfinite(s)) return s > 0 ? "inf" : "-inf";
        return Double.toString(s);
    }

    // Pairs stay together: chunks of an even number of arguments.
    private static void inChunks(RawClient c, String command, String key, List<String> args) throws IOException {
        for (int from = 0; from < args.size(); from += 1000) {
            List<String> chunk = args.subList(from, Math.min(args.size(), from + 1000));
            String[] all = new String[chunk.size() + 2];
            all[0] = command;
            all[1] = key;
            for (int i = 0; i < chunk.size(); i++) all[i + 2] = chunk.get(i);
            Object reply = RedisWithFiles.call(c, all);
            if (reply instanceof RespError err) throw new AssertionError(command + " " + key + ": " + err);
        }
    }

    private static void ok(Object reply) {
        if (reply instanceof RespError err) throw new AssertionError(err.toString());
    }

    private static String text(Object reply) {
        if (reply instanceof byte[] b) return RdbModel.text(b);
        return String.valueOf(reply);
    }

    private static List<String> texts(Object reply) {
        List<String> out = new ArrayList<>();
        for (Object o : (List<Object>) reply) out.add(text(o));
        return out;
    }
}
