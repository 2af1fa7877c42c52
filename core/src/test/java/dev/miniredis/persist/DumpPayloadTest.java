package dev.miniredis.persist;

import dev.miniredis.protocol.RespError;
import dev.miniredis.testing.RawClient;
import dev.miniredis.testing.RealRedis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * DUMP payloads against a real redis-server 7.0.15, seeded: every key Redis DUMPs reads back here as the model, every
 * payload we make RESTOREs in Redis to the same value, and with compression off our payload is Redis's byte for byte
 * wherever Redis's order is fixed (all but hashtable sets, hashes and skiplist sorted sets).
 */
@Timeout(120)
class DumpPayloadTest {
    @TempDir
    Path dir;

    @SuppressWarnings("unchecked")
    static byte[] payloadOf(RdbModel.Value v, boolean compress) {
        return switch (v.type()) {
            case "string" -> DumpPayload.string(RdbModel.bytes((String) v.data()), compress);
            case "list" -> DumpPayload.list(((List<String>) v.data()).stream().map(RdbModel::bytes).toList(), compress);
            case "set" -> DumpPayload.set(((TreeSet<String>) v.data()).stream().map(RdbModel::bytes).toList(), compress);
            case "hash" -> DumpPayload.hash(((TreeMap<String, String>) v.data()).entrySet().stream()
                    .map(e -> new FieldValue(RdbModel.bytes(e.getKey()), RdbModel.bytes(e.getValue()))).toList(), compress);
            default -> DumpPayload.zset(((TreeMap<String, Double>) v.data()).entrySet().stream()
                    .map(e -> new ScoredMember(RdbModel.bytes(e.getKey()), e.getValue())).toList(), compress);
        };
    }

    static RdbModel.Value decode(String key, byte[] payload) throws RdbException {
        assertThat(DumpPayload.verify(payload)).as("footer of %s", key).isTrue();
        RdbModel m = new RdbModel();
        m.startDatabase(0);
        DumpPayload.read(RdbModel.bytes(key), payload, m);
        return m.databases.get(0).get(key);
    }

    @Test
    void payloadsGoBothWaysAndMatchRedissBytes() throws Exception {
        assumeTrue(RealRedis.available(), "redis-server is not installed");
        long seed = 41;
        RdbModel model = RandomKeyspace.generate(new Random(seed), 150, false, 0);
        model.databases.keySet().retainAll(List.of(0));
        model.databases.get(0).replaceAll((k, v) -> new RdbModel.Value(v.type(), v.data(), RdbSink.NO_DEADLINE));
        int compared = 0;
        try (RedisWithFiles redis = new RedisWithFiles(dir, "dump.rdb"); RawClient c = redis.connect()) {
            RedisWithFiles.call(c, "CONFIG", "SET", "rdbcompression", "no");
            RdbAgainstRedisTest.fill(c, model);
            for (Map.Entry<String, RdbModel.Value> e : model.databases.get(0).entrySet()) {
                String key = e.getKey();
                RdbModel.Value want = RdbRoundTripTest.likeRedis(e.getValue());
                String where = "seed " + seed + " key " + RdbRoundTripTest.show(key);
                byte[] theirs = (byte[]) RedisWithFiles.call(c, "DUMP", key);
                assertThat(decode(key, theirs)).as(where + ": Redis's DUMP read here").isEqualTo(want);

                byte[] ours = payloadOf(e.getValue(), false);
                int type = theirs[0] & 0xff;
                if (type != Rdb.TYPE_SET && type != Rdb.TYPE_HASH && type != Rdb.TYPE_ZSET_2) {
                    assertThat(RdbModel.text(ours)).as(where + ": our payload against Redis's").isEqualTo(RdbModel.text(theirs));
                    compared++;
                }
                for (boolean compress : new boolean[] {false, true}) {
                    Object restored = RedisWithFiles.call(c, "RESTORE", "copy", "0",
                            RdbModel.text(payloadOf(e.getValue(), compress)), "REPLACE");
                    assertThat(restored).as(where + ": RESTORE of our payload").isEqualTo("OK");
                    assertThat(decode(key, (byte[]) RedisWithFiles.call(c, "DUMP", "copy")))
                            .as(where + ": what Redis restored").isEqualTo(want);
                }
            }
            assertThat(compared).isGreaterThan(50);
            // A damaged payload: RESTORE refuses it, and so does verify.
            byte[] bad = DumpPayload.string(RdbModel.bytes("hello"), false);
            bad[2] ^= 1;
            assertThat(DumpPayload.verify(bad)).isFalse();
            assertThat(RedisWithFiles.call(c, "RESTORE", "x", "0", RdbModel.text(bad)))
                    .isEqualTo(new RespError("ERR DUMP payload version or checksum are wrong"));
        }
    }

    @Test
    void aPayloadWithAnOpcodeOrTrailingBytesIsBadDataFormat() {
        byte[] good = DumpPayload.string(RdbModel.bytes("v"), false);
        assertThat(DumpPayload.verify(good)).isTrue();
        byte[] opcode = withFooter(new byte[] {(byte) Rdb.OPCODE_EOF});
        assertThatThrownBy(() -> DumpPayload.read(RdbModel.bytes("k"), opcode, new RdbModel()))
                .hasMessageContaining("an opcode");
        byte[] trailing = withFooter(new byte[] {0, 1, 'v', 'x'});
        RdbModel m = new RdbModel();
        m.startDatabase(0);
        assertThatThrownBy(() -> DumpPayload.read(RdbModel.bytes("k"), trailing, m)).hasMessageContaining("after the value");
        byte[] streamValue = withFooter(new byte[] {(byte) Rdb.TYPE_STREAM_LISTPACKS_2});
        assertThatThrownBy(() -> DumpPayload.read(RdbModel.bytes("k"), streamValue, m)).hasMessageContaining("streams");
    }

    private static byte[] withFooter(byte[] value) {
        byte[] out = java.util.Arrays.copyOf(value, value.length + 10);
        out[value.length] = (byte) Rdb.VERSION;
        Crc64 crc = new Crc64();
        crc.update(out, 0, value.length + 2);
        long sum = crc.value();
        for (int i = 0; i < 8; i++) out[value.length + 2 + i] = (byte) (sum >>> (8 * i));
        return out;
    }
}
