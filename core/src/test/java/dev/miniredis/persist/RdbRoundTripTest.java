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

    static void assertSameKeys(RdbModel actual, RdbModel expected) {
        expected.databases.values().removeIf(java.util.Map::isEmpty);
        assertThat(actual.databases.keySet()).isEqualTo(expected.databases.keySet());
        for (var db : expected.databases.entrySet()) {
            var got = actual.databases.get(db.getKey());
            assertThat(got.keySet()).as("keys of db %d", db.getKey()).isEqualTo(db.getValue().keySet());
            for (var e : db.getValue().entrySet()) {
                assertThat(got.get(e.getKey())).as("db %d key %s", db.getKey(), e.getKey()).isEqualTo(e.getValue());
            }
        }
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
    void anEmptyKeyspaceIsHeaderAuxEofAndChecksum() throws IOException {
        Path file = dir.resolve("empty.rdb");
        write(new RdbModel(), file, true);
        RdbModel read = read(file);
        assertThat(read.databases).isEmpty();
        assertThat(read.aux).hasSize(5);
    }
}
