package dev.miniredis.examples;

import dev.miniredis.persist.FieldValue;
import dev.miniredis.persist.RdbSink;
import dev.miniredis.persist.RdbWriter;
import dev.miniredis.persist.ScoredMember;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The guide's RDB example, on a file written by {@code RdbWriter}: every type, its encoding, a deadline. */
@Timeout(60)
class RdbDumpTest {
    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void printsEveryKeyWithItsEncoding(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("dump.rdb");
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            RdbWriter w = new RdbWriter(ch, true);
            w.writeHeader(1_700_000_000L, 1_000_000, false);
            w.startDatabase(0, 5, 1);
            w.string(b("greeting"), b("hello"), 4_102_444_800_000L);
            w.list(b("queue"), List.of(b("a"), b("b"), b("c"), b("d"), b("e"), b("f"), b("g")), RdbSink.NO_DEADLINE);
            w.set(b("ids"), List.of(b("3"), b("1"), b("2")), RdbSink.NO_DEADLINE);
            w.hash(b("user:1"), List.of(new FieldValue(b("name"), b("Ada\n"))), RdbSink.NO_DEADLINE);
            w.zset(b("board"), List.of(new ScoredMember(b("x"), 2.5), new ScoredMember(b("y"), 1)), RdbSink.NO_DEADLINE);
            w.finish();
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        RdbDump.run(file, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertThat(text).contains("aux \"redis-ver\" = \"7.0.15\"", "db 0", "(5 keys, 1 with a deadline)",
                "\"greeting\"  string (RDB_TYPE_STRING)  deadline 2100-01-01T00:00:00Z", "\"hello\"",
                "\"queue\"  list (RDB_TYPE_LIST_QUICKLIST_2), 7 elements", "\"a\", \"b\", \"c\", \"d\", \"e\", ... (2 more)",
                "\"ids\"  set (RDB_TYPE_SET_INTSET), 3 elements", "\"1\", \"2\", \"3\"",
                "\"user:1\"  hash (RDB_TYPE_HASH_LISTPACK), 1 elements", "\"name\" => \"Ada\\x0a\"",
                "\"board\"  sorted set (RDB_TYPE_ZSET_LISTPACK), 2 elements", "\"y\" 1.0, \"x\" 2.5",
                "EOF, checksum ", "RDB version 10");
    }
}
