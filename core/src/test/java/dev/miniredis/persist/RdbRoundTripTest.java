package dev.miniredis.persist;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** RdbWriter to RdbReader, through a real file, for seeded random keyspaces of every type and encoding boundary. */
@Timeout(60)
class RdbRoundTripTest {
    static final long NOW = 1_764_000_000_000L;

    @TempDir
    Path dir;

    static long write(RdbModel model, Path file, boolean compress) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            RdbWriter w = new RdbWriter(ch, compress);
            w.writeHeader(NOW / 1000, 123_456, false);
            model.writeTo(w);
            return w.finish();
        }
    }

    static RdbModel read(Path file) throws IOException {
        RdbModel read = new RdbModel();
        try (FileChannel ch = FileChannel.open(file)) {
            RdbReader.read(ch, read);
        }
        return read;
    }

    /**
     * Checks that {@code actual} holds exactly the keys of {@code expected}, naming the first difference (the values
     * are too big to print whole). A small sorted set's {@code -0.0} is expected as 0: Redis stores an integral score
     * in a listpack as an integer, and so does our writer.
     */
    static void assertSameKeys(RdbModel actual, RdbModel expected) {
        expected.databases.values().removeIf(java.util.Map::isEmpty);
        assertThat(actual.databases.keySet()).as("databases").isEqualTo(expected.databases.keySet());
        for (var db : expected.databases.entrySet()) {
            var got = actual.databases.get(db.getKey());
            assertThat(got.keySet()).as("keys of db %d", db.getKey()).isEqualTo(db.getValue().keySet());
            for (var e : db.getValue().entrySet()) {
                RdbModel.Value want = likeRedis(e.getValue());
                RdbModel.Value have = got.get(e.getKey());
                String where = "db " + db.getKey() + " key " + show(e.getKey()) + ": ";
                assertThat(have.type()).as(where + "type").isEqualTo(want.type());
                assertThat(have.deadlineMillis()).as(where + "deadline").isEqualTo(want.deadlineMillis());
                if (!have.data().equals(want.data())) throw new AssertionError(where + difference(want.data(), have.data()));
            }
        }
    }

    @SuppressWarnings("unchecked")
    static RdbModel.Value likeRedis(RdbModel.Value v) {
        if (!v.type().equals("zset")) return v;
        var z = (java.util.TreeMap<String, Double>) v.data();
        if (z.size() > 128 || z.keySet().stream().anyMatch(m -> m.length() > 64)) return v;
        var normal = new java.util.TreeMap<String, Double>();
        z.forEach((m, s) -> normal.put(m, s + 0.0));     // -0.0 + 0.0 is 0.0
        return new RdbModel.Value(v.type(), normal, v.deadlineMillis());
    }

    private static String difference(Object want, Object have) {
        if (want instanceof java.util.Map<?, ?> w && have instanceof java.util.Map<?, ?> h) {
            for (var e : w.entrySet()) {
                if (!h.containsKey(e.getKey())) return "missing " + show(e.getKey());
                if (!java.util.Objects.equals(h.get(e.getKey()), e.getValue())) {
                    return show(e.getKey()) + " is " + show(h.get(e.getKey())) + ", expected " + show(e.getValue());
                }
            }
            return "extra entries: " + h.size() + " instead of " + w.size();
        }
        if (want instanceof java.util.Collection<?> w && have instanceof java.util.Collection<?> h) {
            var wl = new java.util.ArrayList<>(w);
            var hl = new java.util.ArrayList<>(h);
            for (int i = 0; i < Math.min(wl.size(), hl.size()); i++) {
                if (!wl.get(i).equals(hl.get(i))) return "element " + i + " is " + show(hl.get(i)) + ", expected " + show(wl.get(i));
            }
            return hl.size() + " elements, expected " + wl.size();
        }
        return "value is " + show(have) + ", expected " + show(want);
    }

    static String show(Object o) {
        String s = String.valueOf(o);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < s.length() && i < 80; i++) {
            char c = s.charAt(i);
            out.append(c >= 32 && c < 127 ? String.valueOf(c) : String.format("\\x%02x", (int) c));
        }
        return "'" + out + (s.length() > 80 ? "...' (" + s.length() + " chars)" : "'");
    }

    @Test
    void randomKeyspacesSurviveAWriteAndARead() throws IOException {
        for (long seed = 1; seed <= 6; seed++) {
            Random r = new Random(seed);
            boolean compress = seed % 2 == 0;
            RdbModel model = RandomKeyspace.generate(r, 300, seed == 3 || seed == 4, NOW);
            Path file = dir.resolve("seed" + seed + ".rdb");
            long size = write(model, file, compress);
            assertThat(file).hasSize(size);
            RdbModel read = read(file);
            try {
                assertSameKeys(read, model);
                assertThat(read.aux).containsEntry("redis-ver", "7.0.15").containsEntry("redis-bits", "64")
                        .containsEntry("ctime", String.valueOf(NOW / 1000)).containsEntry("used-mem", "123456")
                        .containsEntry("aof-base", "0");
            } catch (AssertionError e) {
                throw new AssertionError("seed " + seed + ": " + e.getMessage(), e);
            }
        }
    }

    @Test
    void compressionShrinksRepetitiveStringsAndListpacks() throws IOException {
        RdbModel model = new RdbModel();
        model.put(0, "s", "string", "abc".repeat(10_000), RdbSink.NO_DEADLINE);
        model.put(0, "l", "list", java.util.Collections.nCopies(5000, "same element"), RdbSink.NO_DEADLINE);
        long plain = write(model, dir.resolve("plain.rdb"), false);
        long compressed = write(model, dir.resolve("lzf.rdb"), true);
        assertThat(compressed).isLessThan(plain / 10);
        assertSameKeys(read(dir.resolve("lzf.rdb")), model);
    }

    @Test
    void aHundredThousandElementListSpansManyNodesAndComesBackInOrder() throws IOException {
        List<String> elements = new java.util.ArrayList<>();
        Random r = new Random(7);
        for (int i = 0; i < 100_000; i++) elements.add(RandomKeyspace.element(r));
        RdbModel model = new RdbModel();
        model.put(3, "big", "list", elements, NOW + 5);
        write(model, dir.resolve("big.rdb"), true);
        assertSameKeys(read(dir.resolve("big.rdb")), model);
    }

    @Test
    void whatRedisWouldRefuseIsRefusedBeforeWriting() throws IOException {
        try (FileChannel ch = FileChannel.open(dir.resolve("bad.rdb"), StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            RdbWriter w = new RdbWriter(ch, true);
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> w.string(new byte[1], new byte[1], 0))
                    .isInstanceOf(IllegalStateException.class);
            w.writeHeader(0, 0, false);
            w.startDatabase(0, 1, 0);
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> w.list(new byte[1], List.of(), RdbSink.NO_DEADLINE))
                    .hasMessageContaining("empty list");
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> w.zset(new byte[1],
                    List.of(new ScoredMember(new byte[1], Double.NaN)), RdbSink.NO_DEADLINE)).hasMessageContaining("NaN");
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> w.set(new byte[1],
                    List.of("1".getBytes(), "1".getBytes()), RdbSink.NO_DEADLINE)).hasMessageContaining("duplicate");
        }
    }

    @Test
    void anEmptyKeyspaceIsHeaderAuxEofAndChecksum() throws IOException {
        Path file = dir.resolve("empty.rdb");
        write(new RdbModel(), file, true);
        RdbModel read = read(file);
        assertThat(read.databases).isEmpty();
        assertThat(read.aux).hasSize(5);
    }
}
