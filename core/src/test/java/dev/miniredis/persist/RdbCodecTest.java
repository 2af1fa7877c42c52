package dev.miniredis.persist;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The pieces of the format one by one: CRC-64, LZF, listpack, intset, the integer test, and every older encoding
 * Redis 7.0 still loads (linked lists, decimal scores, ziplists, zipmaps, quicklists of ziplists, EXPIRETIME in
 * seconds), in hand-made files. Plus one real dump.rdb from redis-server 7.0.15, kept here as hex.
 */
@Timeout(60)
class RdbCodecTest {
    /**
     * {@code SAVE} of redis-server 7.0.15 after: SET a 1, SET b hello, SET n -70000, SET 12345 big, SET long (abc x 20),
     * RPUSH l 1 2 x, SADD s 1 2 3, SADD s2 a b, HSET h f v, ZADD z 1.5 m 2 n, SET e v, PEXPIREAT e 4102444800123, and
     * SET k v in database 2.
     */
    static final String REAL_DUMP = "524544495330303130fa0972656469732d76657206372e302e3135fa0a72656469732d62697473c040"
            + "fa056374696d65c2a72a0d6bfa08757365642d6d656dc220df1200fa08616f662d62617365c000fe00fb0b0100016ec290eefeff00046c"
            + "6f6e67c30b3c0361626361e02d020162630202733202016201610b01730e0200000003000000010002000300fc7bd8c32cbb0300000001"
            + "6501761001680d0d0000000200816602817602ff11017a14140000000400816d0283312e3504816e020201ff000161c00100c139300362"
            + "69670001620568656c6c6f12016c01020e0e000000030001010201817802fffe02fb010000016b0176ff3d29aa1e71fac77b";

    static RdbModel read(byte[] file) throws IOException {
        RdbModel model = new RdbModel();
        new RdbReader(Channels.newChannel(new ByteArrayInputStream(file)), file.length).read(model);
        return model;
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void crc64IsRedisJonesVariant() {
        Crc64 crc = new Crc64();
        byte[] check = b("123456789");
        crc.update(check, 0, check.length);
        assertThat(crc.value()).isEqualTo(0xe9c6d914c4b8d9caL);
    }

    @Test
    void aRealDumpFromRedis7ReadsAsTheCommandsThatMadeIt() throws IOException {
        RdbModel m = read(HexFormat.of().parseHex(REAL_DUMP));
        assertThat(m.aux).containsEntry("redis-ver", "7.0.15").containsEntry("redis-bits", "64")
                .containsEntry("aof-base", "0").containsEntry("ctime", "1796024999").containsEntry("used-mem", "1236768");
        Map<String, RdbModel.Value> db0 = m.databases.get(0);
        assertThat(db0.get("a").data()).isEqualTo("1");
        assertThat(db0.get("b").data()).isEqualTo("hello");
        assertThat(db0.get("n").data()).isEqualTo("-70000");
        assertThat(db0.get("12345").data()).isEqualTo("big");
        assertThat(db0.get("long").data()).isEqualTo("abc".repeat(20));
        assertThat(db0.get("l").data()).isEqualTo(List.of("1", "2", "x"));
        assertThat(db0.get("s").data()).isEqualTo(new TreeSet<>(List.of("1", "2", "3")));
        assertThat(db0.get("s2").data()).isEqualTo(new TreeSet<>(List.of("a", "b")));
        assertThat(db0.get("h").data()).isEqualTo(new TreeMap<>(Map.of("f", "v")));
        assertThat(db0.get("z").data()).isEqualTo(new TreeMap<>(Map.of("m", 1.5, "n", 2.0)));
        assertThat(db0.get("e").deadlineMillis()).isEqualTo(4102444800123L);
        assertThat(db0.get("a").deadlineMillis()).isEqualTo(RdbSink.NO_DEADLINE);
        assertThat(m.databases.get(2).get("k").data()).isEqualTo("v");
    }

    @Test
    void integersAreRecognisedExactlyAsString2llDoes() {
        for (String yes : List.of("0", "1", "-1", "9223372036854775807", "-9223372036854775808", "10", "-4096")) {
            assertThat(Rdb.isCanonicalLong(b(yes))).as(yes).isTrue();
            assertThat(Rdb.parseCanonicalLong(b(yes))).isEqualTo(Long.parseLong(yes));
        }
        for (String no : RandomKeyspace.NOT_INTEGERS) assertThat(Rdb.isCanonicalLong(b(no))).as(no).isFalse();
    }

    @Test
    void lzfRoundTripsRandomAndRepetitiveInputAndDetectsCorruption() throws RdbException {
        Random r = new Random(5);
        Lzf lzf = new Lzf();
        for (int i = 0; i < 300; i++) {
            int n = r.nextInt(i < 250 ? 300 : 200_000);
            byte[] in = b(i % 3 == 0 ? RandomKeyspace.binary(r, n) : RandomKeyspace.repeated(r, n));
            byte[] out = new byte[n + 64];
            int c = lzf.compress(in, n, out, n - 4 > 0 ? n - 4 : 0);
            if (c == 0) continue;
            assertThat(c).isLessThanOrEqualTo(n - 4);
            byte[] back = new byte[n];
            Lzf.decompress(java.util.Arrays.copyOf(out, c), back);
            assertThat(back).isEqualTo(in);
        }
        byte[] aaa = new byte[1000];
        java.util.Arrays.fill(aaa, (byte) 'a');
        byte[] out = new byte[1000];
        int c = lzf.compress(aaa, 1000, out, 996);
        assertThat(c).isLessThan(20);
        byte[] compressed = java.util.Arrays.copyOf(out, c);
        assertThatThrownBy(() -> Lzf.decompress(compressed, new byte[999])).isInstanceOf(RdbException.class);
        assertThatThrownBy(() -> Lzf.decompress(compressed, new byte[1001])).isInstanceOf(RdbException.class);
        assertThatThrownBy(() -> Lzf.decompress(new byte[] {(byte) 0xe0, 5, 1}, new byte[300]))
                .hasMessageContaining("before the start");
    }

    @Test
    void listpackEntriesAtEveryEncodingBoundaryRoundTrip() throws RdbException {
        List<String> entries = new java.util.ArrayList<>();
        for (long v : RandomKeyspace.EDGES) entries.add(Long.toString(v));
        for (String s : RandomKeyspace.NOT_INTEGERS) entries.add(s);
        Random r = new Random(9);
        for (int n : new int[] {0, 63, 64, 4095, 4096, 20_000}) entries.add(RandomKeyspace.ascii(r, n));
        for (int n : new int[] {126, 127, 128, 16380, 16381, 16382, 16383, 16384}) entries.add(RandomKeyspace.ascii(r, n));
        byte[] lp = RdbBytes.listpack(entries.toArray(String[]::new));
        List<byte[]> back = ListpackCodec.decode(lp, "test");
        assertThat(back.stream().map(RdbModel::text).toList()).isEqualTo(entries);
        // Exact bytes, from listpack.c's rules: total 15, count 3; 1 as 7-bit 0x01; -1 as 13-bit 0xdf 0xff (8192 - 1);
        // "a" as a 6-bit string 0x81 'a'; each followed by its backlen; the terminator.
        assertThat(RdbBytes.listpack("1", "-1", "a")).isEqualTo(HexFormat.of().parseHex("0f000000030001 01dfff02 816102ff"
                .replace(" ", "")));
    }

    @Test
    void scoresArePrintedAsCsPercent17gLikeRedisDoesInAListpack() {
        // Each pair as redis-server 7.0.15 wrote it into a sorted set's listpack (read from its dump.rdb).
        Map<Double, String> seen = Map.of(5e-324, "4.9406564584124654e-324", 1e-7, "9.9999999999999995e-08",
                0.000123, "0.00012300000000000001", 0.1, "0.10000000000000001", 123456.789, "123456.789",
                12345678901234567890.0, "1.2345678901234567e+19", 1e21, "1e+21", 1.5e300, "1.5000000000000001e+300",
                -0.25, "-0.25");
        seen.forEach((d, text) -> assertThat(RdbWriter.percent17g(d)).as("%s", d).isEqualTo(text));
        assertThat(RdbModel.text(RdbWriter.scoreBytes(1e17))).isEqualTo("100000000000000000");
        assertThat(RdbModel.text(RdbWriter.scoreBytes(-0.0))).isEqualTo("0");
        assertThat(RdbModel.text(RdbWriter.scoreBytes(Double.NEGATIVE_INFINITY))).isEqualTo("-inf");
    }

    @Test
    void intsetsPickTheNarrowestWidthAndCheckTheirOrder() throws RdbException {
        assertThat(IntsetCodec.encode(new long[] {1, 2, 3}, 3)).isEqualTo(HexFormat.of().parseHex("0200000003000000010002000300"));
        assertThat(IntsetCodec.encode(new long[] {-70000, 5}, 2)).startsWith(4, 0, 0, 0);
        assertThat(IntsetCodec.encode(new long[] {Long.MIN_VALUE}, 1)).startsWith(8, 0, 0, 0);
        assertThat(IntsetCodec.decode(IntsetCodec.encode(new long[] {Long.MIN_VALUE, -1, Long.MAX_VALUE}, 3))
                .stream().map(RdbModel::text).toList()).containsExactly("-9223372036854775808", "-1", "9223372036854775807");
        assertThatThrownBy(() -> IntsetCodec.decode(HexFormat.of().parseHex("020000000200000003000100")))
                .hasMessageContaining("ascending");
    }

    @Test
    void everyOlderEncodingRedis7StillLoadsIsRead() throws IOException {
        String big = "x".repeat(300);  // a ziplist entry of 300 bytes: the next entry's prevlen takes 5 bytes
        byte[] file = RdbBytes.file(9)
                .key(Rdb.TYPE_STRING, "before-selectdb").str("db 0 by default")
                .op(Rdb.OPCODE_SELECTDB).len(1)
                .op(Rdb.OPCODE_EXPIRETIME).le(4_102_444_800L, 4).key(Rdb.TYPE_LIST, "linked").len(2).str("a").str("b")
                .key(Rdb.TYPE_SET, "plain-set").len(2).str("x").str("y")
                .key(Rdb.TYPE_ZSET, "decimal-scores").len(4).str("m1").op(3).raw(b("1.5")).str("m2").op(254)
                .str("m3").op(255).str("m4").op(5).raw(b("-2e-3"))
                .key(Rdb.TYPE_HASH, "plain-hash").len(1).str("f").str("v")
                .key(Rdb.TYPE_HASH_ZIPMAP, "zipmap").str(RdbBytes.zipmap("f1", "v1", "f2", "x".repeat(300)))
                .key(Rdb.TYPE_LIST_ZIPLIST, "ziplist").str(RdbBytes.ziplist("a", "7", "-100", "1000", "-70000",
                        "3000000000", big, "after-big", "9223372036854775807", "12", "13", "y".repeat(20000)))
                .key(Rdb.TYPE_ZSET_ZIPLIST, "zset-ziplist").str(RdbBytes.ziplist("m", "1.25", "n", "3", "o", "inf"))
                .key(Rdb.TYPE_HASH_ZIPLIST, "hash-ziplist").str(RdbBytes.ziplist("f", "1", "g", "two"))
                .key(Rdb.TYPE_LIST_QUICKLIST, "quicklist").len(2).str(RdbBytes.ziplist("1", "2")).str(RdbBytes.ziplist("3"))
                .key(Rdb.TYPE_SET_LISTPACK, "set-listpack").str(RdbBytes.listpack("p", "5"))
                .key(Rdb.TYPE_LIST_QUICKLIST_2, "plain-node").len(3).len(Rdb.QUICKLIST_NODE_PACKED)
                .str(RdbBytes.listpack("a")).len(Rdb.QUICKLIST_NODE_PLAIN).str("whole").len(Rdb.QUICKLIST_NODE_PACKED)
                .str(RdbBytes.listpack())
                .op(Rdb.OPCODE_IDLE).len(77).key(Rdb.TYPE_STRING, "idle").op(0xc0).op(0xff)
                .op(Rdb.OPCODE_FREQ).op(9).key(Rdb.TYPE_STRING, "freq").op(0xc1).le(-300, 2)
                .key(Rdb.TYPE_STRING, "int32").op(0xc2).le(-70000, 4)
                .key(Rdb.TYPE_SET, "empty-set").len(0)
                .end(true);
        RdbReader reader = new RdbReader(Channels.newChannel(new ByteArrayInputStream(file)), file.length);
        RdbModel m = new RdbModel();
        reader.read(m);
        assertThat(reader.version()).isEqualTo(9);
        assertThat(reader.skippedEmptyKeys()).isEqualTo(1);
        assertThat(m.databases.get(0).get("before-selectdb").data()).isEqualTo("db 0 by default");
        Map<String, RdbModel.Value> db = m.databases.get(1);
        assertThat(db.get("linked")).isEqualTo(new RdbModel.Value("list", List.of("a", "b"), 4_102_444_800_000L));
        assertThat(db.get("plain-set").data()).isEqualTo(new TreeSet<>(List.of("x", "y")));
        assertThat(db.get("decimal-scores").data()).isEqualTo(new TreeMap<>(Map.of("m1", 1.5,
                "m2", Double.POSITIVE_INFINITY, "m3", Double.NEGATIVE_INFINITY, "m4", -0.002)));
        assertThat(db.get("plain-hash").data()).isEqualTo(new TreeMap<>(Map.of("f", "v")));
        assertThat(db.get("zipmap").data()).isEqualTo(new TreeMap<>(Map.of("f1", "v1", "f2", "x".repeat(300))));
        assertThat(db.get("ziplist").data()).isEqualTo(List.of("a", "7", "-100", "1000", "-70000", "3000000000", big,
                "after-big", "9223372036854775807", "12", "13", "y".repeat(20000)));
        assertThat(db.get("zset-ziplist").data()).isEqualTo(new TreeMap<>(Map.of("m", 1.25, "n", 3.0,
                "o", Double.POSITIVE_INFINITY)));
        assertThat(db.get("hash-ziplist").data()).isEqualTo(new TreeMap<>(Map.of("f", "1", "g", "two")));
        assertThat(db.get("quicklist").data()).isEqualTo(List.of("1", "2", "3"));
        assertThat(db.get("set-listpack").data()).isEqualTo(new TreeSet<>(List.of("p", "5")));
        assertThat(db.get("plain-node").data()).isEqualTo(List.of("a", "whole"));
        assertThat(db.get("idle").data()).isEqualTo("-1");
        assertThat(db.get("freq").data()).isEqualTo("-300");
        assertThat(db.get("int32").data()).isEqualTo("-70000");
        assertThat(m.events).containsExactly("idle idle 77", "freq freq 9");
    }

    @Test
    void versionsBeforeFiveHaveNoChecksumAndAStoredZeroIsNotChecked() throws IOException {
        byte[] v4 = RdbBytes.file(4).op(Rdb.OPCODE_SELECTDB).len(0).key(Rdb.TYPE_STRING, "k").str("v").endWithoutChecksum();
        assertThat(read(v4).databases.get(0)).containsKey("k");
        byte[] unchecked = RdbBytes.file(10).op(Rdb.OPCODE_SELECTDB).len(0).key(Rdb.TYPE_STRING, "k").str("v").end(false);
        assertThat(read(unchecked).databases.get(0)).containsKey("k");
    }

    @Test
    void modulesAndNewerVersionsAreRefusedByName() {
        long moduleId = 0;
        for (char c : "mymodule1".toCharArray()) {
            moduleId = moduleId << 6 | "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".indexOf(c);
        }
        moduleId = moduleId << 10 | 3;
        byte[] moduleKey = RdbBytes.file(10).op(Rdb.OPCODE_SELECTDB).len(0).key(Rdb.TYPE_MODULE_2, "m").len(moduleId)
                .end(true);
        assertThatThrownBy(() -> read(moduleKey)).isInstanceOf(RdbException.class)
                .hasMessageContaining("module value (RDB_TYPE_MODULE_2) of module 'mymodule1' (version 3) at key 'm'");
        byte[] moduleAux = RdbBytes.file(10).op(Rdb.OPCODE_MODULE_AUX).len(moduleId).end(true);
        assertThatThrownBy(() -> read(moduleAux)).hasMessageContaining("module data (MODULE_AUX) of module 'mymodule1'");
        assertThatThrownBy(() -> read(RdbBytes.file(11).end(true))).hasMessageContaining("can't handle RDB format version 11");
        assertThatThrownBy(() -> read(b("RUBIS0010"))).hasMessageContaining("does not start with REDIS");
        byte[] unknown = RdbBytes.file(10).op(Rdb.OPCODE_SELECTDB).len(0).key(8, "k").end(true);
        assertThatThrownBy(() -> read(unknown)).hasMessageContaining("unknown value type 8");
    }
}
