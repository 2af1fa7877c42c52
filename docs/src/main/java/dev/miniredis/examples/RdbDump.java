package dev.miniredis.examples;

import dev.miniredis.persist.FieldValue;
import dev.miniredis.persist.Rdb;
import dev.miniredis.persist.RdbException;
import dev.miniredis.persist.RdbReader;
import dev.miniredis.persist.RdbSink;
import dev.miniredis.persist.ScoredMember;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * Prints what {@link RdbReader} sees in an RDB file: the AUX fields, each database, each key with the encoding it had
 * in the file, its deadline and (the first few of) its elements; bytes outside printable ASCII as {@code \xNN}, the
 * way redis-cli shows them.
 *
 * <pre>
 * redis-cli SAVE        # on a real Redis: writes dump.rdb into its directory (CONFIG GET dir)
 * java -cp core/target/classes:docs/target/classes dev.miniredis.examples.RdbDump /var/lib/redis/dump.rdb
 * </pre>
 */
public final class RdbDump {
    private RdbDump() {
    }

    /** Elements printed per collection; the rest are counted. */
    static final int MAX_SHOWN = 5;

    /**
     * Prints a file.
     *
     * @param args the file's path
     * @throws IOException if the file cannot be read or is not a valid RDB file
     */
    public static void main(String[] args) throws IOException {
        try {
            run(Path.of(args.length > 0 ? args[0] : "dump.rdb"), System.out);
        } catch (RdbException e) {
            System.out.println("not loadable: " + e.getMessage());
            System.exit(1);
        }
    }

    static void run(Path file, PrintStream out) throws IOException {
        try (FileChannel channel = FileChannel.open(file)) {
            RdbReader reader = RdbReader.read(channel, new Printer(out));
            out.println("RDB version " + reader.version() + ", " + channel.size() + " bytes");
        }
    }

    private static final class Printer implements RdbSink {
        private final PrintStream out;
        private String encoding = "";

        Printer(PrintStream out) {
            this.out = out;
        }

        @Override
        public void aux(byte[] name, byte[] value) {
            out.println("aux " + show(name) + " = " + show(value));
        }

        @Override
        public void startDatabase(int index) {
            out.println("db " + index);
        }

        @Override
        public void resizeHint(long keys, long keysWithDeadline) {
            out.println("  (" + keys + " keys, " + keysWithDeadline + " with a deadline)");
        }

        @Override
        public void valueType(int rdbType) {
            encoding = Rdb.typeName(rdbType);
        }

        private void key(byte[] key, long deadlineMillis, int size, String elements) {
            String deadline = deadlineMillis == NO_DEADLINE ? "" : "  deadline " + Instant.ofEpochMilli(deadlineMillis);
            out.println("  " + show(key) + "  " + encoding + (size >= 0 ? ", " + size + " elements" : "") + deadline);
            out.println("    " + elements);
        }

        @Override
        public void string(byte[] key, byte[] value, long deadlineMillis) {
            key(key, deadlineMillis, -1, show(value));
        }

        @Override
        public void list(byte[] key, List<byte[]> elements, long deadlineMillis) {
            key(key, deadlineMillis, elements.size(), join(elements.stream().map(RdbDump::show).toList()));
        }

        @Override
        public void set(byte[] key, List<byte[]> members, long deadlineMillis) {
            key(key, deadlineMillis, members.size(), join(members.stream().map(RdbDump::show).toList()));
        }

        @Override
        public void hash(byte[] key, List<FieldValue> entries, long deadlineMillis) {
            key(key, deadlineMillis, entries.size(),
                    join(entries.stream().map(e -> show(e.field()) + " => " + show(e.value())).toList()));
        }

        @Override
        public void zset(byte[] key, List<ScoredMember> members, long deadlineMillis) {
            key(key, deadlineMillis, members.size(),
                    join(members.stream().map(m -> show(m.member()) + " " + m.score()).toList()));
        }

        @Override
        public void end(long checksum) {
            out.println("EOF, checksum " + (checksum == 0 ? "not computed" : Long.toHexString(checksum)));
        }
    }

    private static String join(List<String> items) {
        String shown = String.join(", ", items.subList(0, Math.min(items.size(), MAX_SHOWN)));
        return items.size() > MAX_SHOWN ? shown + ", ... (" + (items.size() - MAX_SHOWN) + " more)" : shown;
    }

    static String show(byte[] bytes) {
        StringBuilder s = new StringBuilder("\"");
        for (int i = 0; i < bytes.length && i < 60; i++) {
            int c = bytes[i] & 0xff;
            if (c >= 32 && c < 127 && c != '"' && c != '\\') s.append((char) c);
            else s.append(String.format("\\x%02x", c));
        }
        return s.append(bytes.length > 60 ? "...\" (" + bytes.length + " bytes)" : "\"").toString();
    }
}
