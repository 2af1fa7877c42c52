package dev.miniredis.command.string;

import dev.miniredis.command.CommandError;
import dev.miniredis.db.Db;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link Bits} against the simplest possible model, a {@code boolean[]} with bit 0 first, under seeded random strings
 * and ranges: counting and searching read the store in chunks, so the strings include ones longer than a chunk and
 * ranges that start and end at every bit of a byte and on both sides of a chunk boundary.
 */
@Timeout(60)
class BitsTest {
    private static final long SEED = 20261130L;

    private static boolean[] model(byte[] bytes) {
        boolean[] bits = new boolean[bytes.length * 8];
        for (int i = 0; i < bits.length; i++) bits[i] = (bytes[i / 8] & (0x80 >>> (i % 8))) != 0;
        return bits;
    }

    private static byte[] randomBytes(SplittableRandom r, int length) {
        byte[] b = new byte[length];
        int style = r.nextInt(4);
        for (int i = 0; i < length; i++) {
            b[i] = switch (style) {
                case 0 -> (byte) r.nextInt(256);
                case 1 -> (byte) (r.nextInt(40) == 0 ? r.nextInt(256) : 0);       // sparse ones
                case 2 -> (byte) (r.nextInt(40) == 0 ? r.nextInt(256) : 0xff);    // sparse zeros
                default -> (byte) (r.nextBoolean() ? 0 : 0xff);
            };
        }
        return b;
    }

    @Test
    void countAndPositionMatchTheModelOverRandomRanges() {
        SplittableRandom r = new SplittableRandom(SEED);
        Db db = new Db();
        byte[] key = {'k'};
        for (int round = 0; round < 300; round++) {
            int length = 1 + (round % 10 == 0 ? Bits.CHUNK_BYTES + r.nextInt(3 * Bits.CHUNK_BYTES) : r.nextInt(64));
            byte[] value = randomBytes(r, length);
            long a = db.put(key, value, 0);
            boolean[] bits = model(value);
            for (int q = 0; q < 40; q++) {
                int first = r.nextInt(bits.length);
                int last = first + r.nextInt(bits.length - first);
                if (r.nextInt(4) == 0) {              // around a chunk boundary, when there is one
                    int boundary = Bits.CHUNK_BYTES * 8;
                    if (bits.length > boundary + 16) {
                        first = boundary - 1 - r.nextInt(16);
                        last = boundary + r.nextInt(16);
                    }
                }
                long ones = 0;
                int firstOne = -1;
                int firstZero = -1;
                for (int i = first; i <= last; i++) {
                    if (bits[i]) ones++;
                    if (bits[i] && firstOne < 0) firstOne = i;
                    if (!bits[i] && firstZero < 0) firstZero = i;
                }
                assertThat(Bits.count(db, a, first, last)).as("count %d..%d", first, last).isEqualTo(ones);
                assertThat(Bits.position(db, a, first, last, 1)).as("first 1 in %d..%d", first, last)
                        .isEqualTo(firstOne);
                assertThat(Bits.position(db, a, first, last, 0)).as("first 0 in %d..%d", first, last)
                        .isEqualTo(firstZero);
            }
        }
    }

    @Test
    void integersReadAndWriteAnyWidthAtAnyBitAsTheModelDoes() {
        SplittableRandom r = new SplittableRandom(SEED + 1);
        for (int round = 0; round < 20_000; round++) {
            int length = 1 + r.nextInt(16);
            byte[] b = randomBytes(r, length);
            boolean[] before = model(b);
            int width = 1 + r.nextInt(64);
            long offset = r.nextInt(length * 8 + 16);                            // past the end reads as zeros
            long expected = 0;
            for (int j = 0; j < width; j++) {
                long i = offset + j;
                expected = expected << 1 | (i < before.length && before[(int) i] ? 1 : 0);
            }
            assertThat(Bits.getUnsigned(b, length, offset, width)).isEqualTo(expected);
            long signed = width < 64 && (expected >>> (width - 1) & 1) != 0 ? expected | -1L << width : expected;
            assertThat(Bits.getSigned(b, length, offset, width)).isEqualTo(signed);

            if (offset + width > length * 8L) continue;                          // writes stay inside the array
            long value = r.nextLong();
            Bits.set(b, offset, width, value);
            boolean[] after = model(b);
            for (int i = 0; i < after.length; i++) {
                boolean inField = i >= offset && i < offset + width;
                boolean want = inField ? (value >>> (width - 1 - (i - offset)) & 1) != 0 : before[i];
                assertThat(after[i]).as("bit %d after writing %d bits at %d", i, width, offset).isEqualTo(want);
            }
        }
    }

    @Test
    void offsetsFollowRedisRules() {
        assertThat(Bits.offset(b("0"), false, 0)).isZero();
        assertThat(Bits.offset(b("4294967295"), false, 0)).isEqualTo(4294967295L);      // the last bit of 512 MB
        assertThat(Bits.offset(b("#3"), true, 8)).isEqualTo(24);
        assertThat(Bits.offset(b("#536870911"), true, 8)).isEqualTo(4294967288L);
        for (String bad : new String[] {"4294967296", "-1", "", "x", "01", "+1", "#1", "1.0"}) {
            assertThatThrownBy(() -> Bits.offset(b(bad), false, 0)).as(bad).isSameAs(Bits.BAD_OFFSET);
        }
        for (String bad : new String[] {"#536870912", "#-1", "##1", "#", "#x"}) {
            assertThatThrownBy(() -> Bits.offset(b(bad), true, 8)).as(bad).isInstanceOf(CommandError.class);
        }
        // #n multiplies as Redis's long long does, wrapping: a product that wraps negative is out of range.
        assertThatThrownBy(() -> Bits.offset(b("#4611686018427387904"), true, 2)).isSameAs(Bits.BAD_OFFSET);
    }

    private static byte[] b(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    }
}
