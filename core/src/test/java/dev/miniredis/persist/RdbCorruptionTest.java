package dev.miniredis.persist;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Broken files: every truncation, random byte flips, and lengths that lie. Each must end in an {@link RdbException}
 * with a message, never another exception, an OutOfMemoryError or a hang, and never a silent success.
 */
@Timeout(60)
class RdbCorruptionTest {
    // A file with every type and encoding, small enough to cut at every byte.
    private static byte[] sampleFile(long seed, boolean compress) throws IOException {
        RdbModel model = RandomKeyspace.generate(new Random(seed), 60, false, 1_764_000_000_000L);
        // Keep it small enough to cut at many places: drop the big values (the round-trip tests have them).
        for (var db : model.databases.values()) {
            db.values().removeIf(v -> v.data() instanceof String str ? str.length() > 5000
                    : v.data() instanceof java.util.Collection<?> c ? c.size() > 600
                    : ((java.util.Map<?, ?>) v.data()).size() > 600);
        }
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        WritableByteChannel out = Channels.newChannel(bytes);
        RdbWriter w = new RdbWriter(out, compress);
        w.writeHeader(1_764_000_000L, 1000, false);
        model.writeTo(w);
        w.finish();
        return bytes.toByteArray();
    }

    private static void read(byte[] file, int length) throws IOException {
        new RdbReader(Channels.newChannel(new ByteArrayInputStream(file, 0, length)), length).read(new RdbModel());
    }

    @Test
    void everyTruncationIsAClearError() throws IOException {
        byte[] file = sampleFile(1, true);
        assertThat(file.length).isGreaterThan(2_000);
        read(file, file.length);
        // Every byte of the first 3000 (header, AUX fields, the first keys), then 3000 cuts spread over the rest.
        int step = Math.max(1, file.length / 3000);
        for (int cut = 0; cut < file.length; cut += cut < 3000 ? 1 : step) {
            int at = cut;
            assertThatThrownBy(() -> read(file, at)).as("cut at %d of %d", at, file.length)
                    .isInstanceOf(RdbException.class).hasMessageMatching("(?s).*(truncated|not an RDB file|corrupt).*");
        }
    }

    @Test
    void randomByteFlipsAreCaughtByTheChecksumIfNotBefore() throws IOException {
        for (long seed = 1; seed <= 3; seed++) {
            byte[] file = sampleFile(seed, seed % 2 == 0);
            Random r = new Random(seed);
            for (int i = 0; i < 300; i++) {
                byte[] broken = file.clone();
                int at = r.nextInt(broken.length);
                broken[at] ^= (byte) (1 + r.nextInt(255));
                long s = seed;
                assertThatThrownBy(() -> read(broken, broken.length)).as("seed %d, byte %d", s, at)
                        .isInstanceOf(RdbException.class);
            }
        }
    }

    @Test
    void lengthsThatClaimMoreThanTheFileHoldsFailBeforeAllocating() {
        // A 4 GB string, a list of 2^40 elements, an LZF string that claims to expand to 2 GB, a listpack header that lies.
        byte[] hugeString = RdbBytes.file(10).op(Rdb.OPCODE_SELECTDB).len(0).op(Rdb.TYPE_STRING).str("k")
                .len(0xffffffffL).end(true);
        assertThatThrownBy(() -> read(hugeString, hugeString.length)).isInstanceOf(RdbException.class)
                .hasMessageContaining("a string of 4294967295 bytes at byte 19, and the file ends 9 bytes later");
        byte[] hugeList = RdbBytes.file(10).op(Rdb.OPCODE_SELECTDB).len(0).key(Rdb.TYPE_LIST, "k").len(1L << 40).end(true);
        assertThatThrownBy(() -> read(hugeList, hugeList.length)).hasMessageContaining("a count of 1099511627776 elements");
        byte[] lzfBomb = RdbBytes.file(10).op(Rdb.OPCODE_SELECTDB).len(0).key(Rdb.TYPE_STRING, "k").op(0xc3).len(3)
                .len(Integer.MAX_VALUE).raw(new byte[] {0, 'a', 0}).end(true);
        assertThatThrownBy(() -> read(lzfBomb, lzfBomb.length)).hasMessageContaining("claims to expand");
        byte[] lp = RdbBytes.listpack("a", "b");
        lp[0] = 100;
        byte[] lyingListpack = RdbBytes.file(10).op(Rdb.OPCODE_SELECTDB).len(0).key(Rdb.TYPE_HASH_LISTPACK, "k").str(lp)
                .end(true);
        assertThatThrownBy(() -> read(lyingListpack, lyingListpack.length))
                .hasMessageContaining("corrupt listpack in a hash: header says 100 bytes");
        byte[] oddHash = RdbBytes.file(10).op(Rdb.OPCODE_SELECTDB).len(0).key(Rdb.TYPE_HASH_LISTPACK, "k")
                .str(RdbBytes.listpack("field-without-value")).end(true);
        assertThatThrownBy(() -> read(oddHash, oddHash.length)).hasMessageContaining("a field and no value at key 'k'");
        byte[] nanScore = RdbBytes.file(10).op(Rdb.OPCODE_SELECTDB).len(0).key(Rdb.TYPE_ZSET_2, "z").len(1).str("m")
                .le(Double.doubleToLongBits(Double.NaN), 8).end(true);
        assertThatThrownBy(() -> read(nanScore, nanScore.length)).hasMessageContaining("NaN score at key 'z'");
    }

    @Test
    void aWrongChecksumNamesBothValues() throws IOException {
        byte[] file = sampleFile(4, false);
        file[file.length - 1] ^= 1;
        assertThatThrownBy(() -> read(file, file.length)).isInstanceOf(RdbException.class)
                .hasMessageContaining("wrong RDB checksum");
    }

    @Test
    void aFileChannelIsReadThroughTheBoundedBuffer(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws IOException {
        byte[] file = sampleFile(5, true);
        java.nio.file.Path path = dir.resolve("f.rdb");
        java.nio.file.Files.write(path, java.util.Arrays.copyOf(file, file.length - 3));
        try (FileChannel ch = FileChannel.open(path)) {
            assertThatThrownBy(() -> RdbReader.read(ch, new RdbModel())).isInstanceOf(RdbException.class)
                    .hasMessageContaining("truncated");
        }
    }
}
