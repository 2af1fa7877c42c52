package dev.miniredis.persist;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads an RDB file, any version from 1 to 10, and hands its keys to an {@link RdbSink}: everything Redis 7.0.15
 * writes, and the older encodings it still loads. The file is read in one pass through one 64 KB buffer; the only
 * arrays allocated are the keys and values themselves (and, briefly, one packed blob or compressed string at a time).
 *
 * <h2>What it accepts</h2>
 * <ul>
 *   <li>Opcodes: AUX, SELECTDB, RESIZEDB, EXPIRETIME (seconds) and EXPIRETIME_MS, FREQ, IDLE, FUNCTION2 (handed to
 *       {@link RdbSink#function}, which refuses by default), EOF and the CRC-64 after it (a stored 0 means the writer
 *       ran with {@code rdbchecksum no}, and is not checked, as in Redis).</li>
 *   <li>Strings: plain, integer-encoded (8, 16, 32 bits) and LZF-compressed, wherever a string may appear.</li>
 *   <li>Lists: quicklist 2 (listpack and plain nodes), quicklist of ziplists, a single ziplist, the linked form.</li>
 *   <li>Sets: plain, intset, listpack. Hashes: plain, listpack, ziplist, zipmap. Sorted sets: binary and decimal
 *       scores, listpack, ziplist.</li>
 * </ul>
 * Refused with an {@link RdbException} that names the type and key: streams, module values and MODULE_AUX, the
 * release candidates' function format. A key that holds an empty collection is skipped, as Redis 7.0 skips it with a
 * warning; {@link #skippedEmptyKeys()} counts them.
 *
 * <h2>Corrupt input</h2>
 * Every length is checked against the bytes left in the file <em>before</em> anything is allocated, so a corrupt length
 * of four billion gives an exception, not an {@code OutOfMemoryError}; a count of elements is checked the same way
 * (each element takes at least one byte). Packed blobs are checked entry by entry. Reading never waits for bytes that
 * are not there: the file's size is known up front, and a short read is an error naming the offset.
 *
 * <p>The sink sees keys as they are read, before the checksum at the end can be verified: a loader must treat an
 * exception at any point, the last byte included, as "discard everything", never keep a partial load. Duplicate keys,
 * or duplicate members within a set, hash or sorted set, are not detected here (Redis refuses them when it loads): the
 * loader, which builds the structures, is where that check costs nothing extra.
 *
 * <p>One thread at a time; it may be the loop thread at startup or any background thread.
 */
public final class RdbReader {
    /** The size of the one read buffer. */
    public static final int BUFFER_BYTES = 64 * 1024;

    private final ReadableByteChannel in;
    private final ByteBuffer buffer = ByteBuffer.allocate(BUFFER_BYTES);
    private final Crc64 crc = new Crc64();
    private int crcFrom;           // buffer position up to which the checksum has been taken
    private long unread;           // bytes of the file not yet pulled from the channel
    private long consumedBefore;   // file offset of buffer position 0
    private int version;
    private long skippedEmptyKeys;

    /**
     * A reader of {@code sizeBytes} bytes from a blocking channel.
     *
     * @param in the channel, positioned at the file's first byte
     * @param sizeBytes the file's size: no length in the file may claim more than what is left of it
     */
    public RdbReader(ReadableByteChannel in, long sizeBytes) {
        this.in = in;
        this.unread = sizeBytes;
        buffer.flip();   // read mode, empty
    }

    /**
     * Reads a whole file from its current position to its end.
     *
     * @param file an open file
     * @param sink where the keys go
     * @return the reader, for {@link #version()} and {@link #skippedEmptyKeys()}
     * @throws IOException if the file cannot be read, or {@link RdbException} if it is not a valid RDB file
     */
    public static RdbReader read(FileChannel file, RdbSink sink) throws IOException {
        RdbReader reader = new RdbReader(file, file.size() - file.position());
        reader.read(sink);
        return reader;
    }

    /**
     * The format version the file declared.
     *
     * @return 1 to 10, once the header has been read
     */
    public int version() {
        return version;
    }

    /**
     * Keys that held an empty collection, which Redis skips when it loads and so do we.
     *
     * @return how many were skipped
     */
    public long skippedEmptyKeys() {
        return skippedEmptyKeys;
    }

    /**
     * Reads the file to its end, handing every key to {@code sink}.
     *
     * @param sink where the keys go
     * @throws IOException if the channel fails, or {@link RdbException} if the file is not a valid RDB file
     */
    public void read(RdbSink sink) throws IOException {
        readHeader();
        long deadline = RdbSink.NO_DEADLINE;
        boolean inDatabase = false;
        while (true) {
            int opcode = readByte();
            switch (opcode) {
                case Rdb.OPCODE_EXPIRETIME -> deadline = readLE(4) * 1000;
                case Rdb.OPCODE_EXPIRETIME_MS -> deadline = readLE(8);
                case Rdb.OPCODE_FREQ -> sink.freq(readByte());
                case Rdb.OPCODE_IDLE -> sink.idle(readLength());
                case Rdb.OPCODE_SELECTDB -> {
                    long index = readLength();
                    if (index > Integer.MAX_VALUE) throw corrupt("database number " + index);
                    sink.startDatabase((int) index);
                    inDatabase = true;
                }
                case Rdb.OPCODE_RESIZEDB -> sink.resizeHint(readLength(), readLength());
                case Rdb.OPCODE_AUX -> sink.aux(readString(), readString());
                case Rdb.OPCODE_MODULE_AUX -> throw new RdbException("the RDB file holds module data (MODULE_AUX) of "
                        + "module " + moduleName(readLength()) + " at byte " + offset() + ", and modules are not supported");
                case Rdb.OPCODE_FUNCTION_PRE_GA -> throw new RdbException("the RDB file holds a function library in "
                        + "the pre-release format (FUNCTION_PRE_GA) at byte " + offset() + ", which is not supported");
                case Rdb.OPCODE_FUNCTION2 -> sink.function(readString());
                case Rdb.OPCODE_EOF -> {
                    readTrailer(sink);
                    return;
                }
                default -> {
                    if (!inDatabase) {      // keys before any SELECTDB belong to database 0, as in Redis
                        sink.startDatabase(0);
                        inDatabase = true;
                    }
                    long at = offset() - 1;
                    sink.valueType(opcode);
                    byte[] key = readString();
                    readValue(opcode, key, deadline, at, sink);
                    deadline = RdbSink.NO_DEADLINE;
                }
            }
        }
    }

    /**
     * Reads one value with no file around it, as a DUMP payload holds it: a type byte and the value, handed to the sink
     * under {@code key}.
     */
    void readValueOnly(byte[] key, RdbSink sink) throws IOException {
        int type = readByte();
        if (type >= Rdb.OPCODE_FUNCTION2) throw corrupt("an opcode (" + type + ") where a value type belongs");
        sink.valueType(type);
        readValue(type, key, RdbSink.NO_DEADLINE, 0, sink);
        if (available() != 0) throw corrupt(available() + " bytes after the value");
    }

    private void readHeader() throws IOException {
        if (available() < 9) throw new RdbException("not an RDB file: " + available() + " bytes, too short for the header");
        byte[] magic = readBytes(9);
        String text = new String(magic, StandardCharsets.ISO_8859_1);
        if (!text.startsWith("REDIS")) throw new RdbException("not an RDB file: it does not start with REDIS");
        for (int i = 5; i < 9; i++) {
            if (magic[i] < '0' || magic[i] > '9') throw new RdbException("not an RDB file: bad version '" + text.substring(5) + "'");
        }
        version = Integer.parseInt(text.substring(5));
        if (version < 1 || version > Rdb.VERSION) {
            throw new RdbException("can't handle RDB format version " + version + " (this reader reads 1 to " + Rdb.VERSION + ")");
        }
    }

    // The checksum after EOF (version 5 and later): it covers every byte from the magic to the EOF opcode.
    private void readTrailer(RdbSink sink) throws IOException {
        crc.update(buffer.array(), crcFrom, buffer.position() - crcFrom);
        crcFrom = buffer.position();
        long computed = crc.value();
        long stored = 0;
        if (version >= 5) {
            if (available() < 8) throw new RdbException("truncated RDB file: the checksum after EOF is missing");
            stored = readLE(8);
            if (stored != 0 && stored != computed) {
                throw new RdbException("wrong RDB checksum: the file says " + Long.toHexString(stored) + ", its bytes give "
                        + Long.toHexString(computed));
            }
        }
        sink.end(stored);
    }

    // ---- values, one small method per encoding ----

    private void readValue(int type, byte[] key, long deadline, long at, RdbSink sink) throws IOException {
        switch (type) {
            case Rdb.TYPE_STRING -> sink.string(key, readString(), deadline);
            case Rdb.TYPE_LIST -> {
                List<byte[]> elements = readStrings(readCount(1));
                if (!skipIfEmpty(elements)) sink.list(key, elements, deadline);
            }
            case Rdb.TYPE_SET -> {
                List<byte[]> members = readStrings(readCount(1));
                if (!skipIfEmpty(members)) sink.set(key, members, deadline);
            }
            case Rdb.TYPE_ZSET, Rdb.TYPE_ZSET_2 -> {
                long n = readCount(type == Rdb.TYPE_ZSET ? 2 : 9);
                List<ScoredMember> members = new ArrayList<>(initialCapacity(n));
                for (long i = 0; i < n; i++) {
                    byte[] member = readString();
                    double score = type == Rdb.TYPE_ZSET ? readDecimalDouble() : Double.longBitsToDouble(readLE(8));
                    if (Double.isNaN(score)) throw corrupt("a sorted set with a NaN score at key " + show(key));
                    members.add(new ScoredMember(member, score));
                }
                if (!skipIfEmpty(members)) sink.zset(key, members, deadline);
            }
            case Rdb.TYPE_HASH -> {
                long n = readCount(2);
                List<FieldValue> entries = new ArrayList<>(initialCapacity(n));
                for (long i = 0; i < n; i++) entries.add(new FieldValue(readString(), readString()));
                if (!skipIfEmpty(entries)) sink.hash(key, entries, deadline);
            }
            case Rdb.TYPE_HASH_ZIPMAP -> hashFromPairs(key, ZipmapCodec.decode(readString()), deadline, sink);
            case Rdb.TYPE_LIST_ZIPLIST -> {
                List<byte[]> elements = ZiplistCodec.decode(readString(), "list");
                if (!skipIfEmpty(elements)) sink.list(key, elements, deadline);
            }
            case Rdb.TYPE_SET_INTSET -> {
                List<byte[]> members = IntsetCodec.decode(readString());
                if (!skipIfEmpty(members)) sink.set(key, members, deadline);
            }
            case Rdb.TYPE_SET_LISTPACK -> {
                List<byte[]> members = ListpackCodec.decode(readString(), "set");
                if (!skipIfEmpty(members)) sink.set(key, members, deadline);
            }
            case Rdb.TYPE_ZSET_ZIPLIST -> zsetFromPairs(key, ZiplistCodec.decode(readString(), "sorted set"), deadline, sink);
            case Rdb.TYPE_ZSET_LISTPACK -> zsetFromPairs(key, ListpackCodec.decode(readString(), "sorted set"), deadline, sink);
            case Rdb.TYPE_HASH_ZIPLIST -> hashFromPairs(key, ZiplistCodec.decode(readString(), "hash"), deadline, sink);
            case Rdb.TYPE_HASH_LISTPACK -> hashFromPairs(key, ListpackCodec.decode(readString(), "hash"), deadline, sink);
            case Rdb.TYPE_LIST_QUICKLIST -> {
                long nodes = readCount(1);
                List<byte[]> elements = new ArrayList<>();
                for (long i = 0; i < nodes; i++) elements.addAll(ZiplistCodec.decode(readString(), "list node"));
                if (!skipIfEmpty(elements)) sink.list(key, elements, deadline);
            }
            case Rdb.TYPE_LIST_QUICKLIST_2 -> sinkList(key, readQuicklist2(), deadline, sink);
            case Rdb.TYPE_STREAM_LISTPACKS, Rdb.TYPE_STREAM_LISTPACKS_2, Rdb.TYPE_STREAM_LISTPACKS_3 ->
                    throw new RdbException("the RDB file holds a " + Rdb.typeName(type) + " at key " + show(key)
                            + " (byte " + at + "), and streams are not supported");
            case Rdb.TYPE_MODULE_PRE_GA, Rdb.TYPE_MODULE_2 ->
                    throw new RdbException("the RDB file holds a " + Rdb.typeName(type) + " of module "
                            + moduleName(readLength()) + " at key " + show(key) + " (byte " + at
                            + "), and modules are not supported");
            default -> throw corrupt("unknown value type " + type + " at byte " + at);
        }
    }

    private void sinkList(byte[] key, List<byte[]> elements, long deadline, RdbSink sink) {
        if (!skipIfEmpty(elements)) sink.list(key, elements, deadline);
    }

    // Quicklist 2: a count of nodes, each a container kind and a string: one element (plain) or a listpack (packed).
    private List<byte[]> readQuicklist2() throws IOException {
        long nodes = readCount(2);
        List<byte[]> elements = new ArrayList<>();
        for (long i = 0; i < nodes; i++) {
            long container = readLength();
            if (container == Rdb.QUICKLIST_NODE_PLAIN) {
                elements.add(readString());
            } else if (container == Rdb.QUICKLIST_NODE_PACKED) {
                elements.addAll(ListpackCodec.decode(readString(), "list node"));   // an empty node is skipped
            } else {
                throw corrupt("quicklist node container " + container + " at byte " + offset());
            }
        }
        return elements;
    }

    private void hashFromPairs(byte[] key, List<byte[]> flat, long deadline, RdbSink sink) throws RdbException {
        if (flat.size() % 2 != 0) throw corrupt("a hash with a field and no value at key " + show(key));
        List<FieldValue> entries = new ArrayList<>(flat.size() / 2);
        for (int i = 0; i < flat.size(); i += 2) entries.add(new FieldValue(flat.get(i), flat.get(i + 1)));
        if (!skipIfEmpty(entries)) sink.hash(key, entries, deadline);
    }

    private void zsetFromPairs(byte[] key, List<byte[]> flat, long deadline, RdbSink sink) throws RdbException {
        if (flat.size() % 2 != 0) throw corrupt("a sorted set with a member and no score at key " + show(key));
        List<ScoredMember> members = new ArrayList<>(flat.size() / 2);
        for (int i = 0; i < flat.size(); i += 2) {
            double score = parseScore(flat.get(i + 1));
            if (Double.isNaN(score)) throw corrupt("a sorted set with a NaN score at key " + show(key));
            members.add(new ScoredMember(flat.get(i), score));
        }
        if (!skipIfEmpty(members)) sink.zset(key, members, deadline);
    }

    private boolean skipIfEmpty(List<?> values) {
        if (!values.isEmpty()) return false;
        skippedEmptyKeys++;
        return true;
    }

    private List<byte[]> readStrings(long n) throws IOException {
        List<byte[]> out = new ArrayList<>(initialCapacity(n));
        for (long i = 0; i < n; i++) out.add(readString());
        return out;
    }

    // A count of elements, each at least minBytesEach long: more than the file holds is corruption, caught here.
    private long readCount(int minBytesEach) throws IOException {
        long n = readLength();
        if (n < 0 || n > available() / minBytesEach) {
            throw new RdbException("truncated or corrupt RDB file: a count of " + Long.toUnsignedString(n)
                    + " elements at byte " + offset() + ", and the file ends " + available() + " bytes later");
        }
        return n;
    }

    private static int initialCapacity(long n) {
        return (int) Math.min(n, 1024);
    }

    // ---- strings, lengths, numbers ----

    /** A length (rdbLoadLen): 6 bits, 14 bits, 32 or 64 bits big-endian; an encoded string here is corruption. */
    private long readLength() throws IOException {
        int b = readByte();
        return switch (b >>> 6) {
            case Rdb.LEN_6BIT -> b & 0x3f;
            case Rdb.LEN_14BIT -> (b & 0x3f) << 8 | readByte();
            case Rdb.LEN_32_OR_64BIT -> switch (b) {
                case Rdb.LEN_32BIT -> readBE(4);
                case Rdb.LEN_64BIT -> readBE(8);
                default -> throw corrupt("unknown length encoding 0x" + Integer.toHexString(b) + " at byte " + (offset() - 1));
            };
            default -> throw corrupt("a string encoding where a length belongs at byte " + (offset() - 1));
        };
    }

    /** A string (rdbGenericLoadStringObject): a length and bytes, an integer, or LZF. */
    private byte[] readString() throws IOException {
        int b = peekByte();
        if (b >>> 6 != Rdb.LEN_ENCODED) {
            long n = readLength();
            return readBytes(checkedLength(n, "a string"));
        }
        readByte();
        return switch (b & 0x3f) {
            case Rdb.ENC_INT8 -> Rdb.decimal((byte) readByte());
            case Rdb.ENC_INT16 -> Rdb.decimal((short) readLE(2));
            case Rdb.ENC_INT32 -> Rdb.decimal((int) readLE(4));
            case Rdb.ENC_LZF -> readLzf();
            default -> throw corrupt("unknown string encoding " + (b & 0x3f) + " at byte " + (offset() - 1));
        };
    }

    private byte[] readLzf() throws IOException {
        long compressedLength = readLength();
        long length = readLength();
        int clen = checkedLength(compressedLength, "an LZF string");
        // LZF expands at most 88 times (a 3-byte reference copies 264 bytes): a bigger claim is corruption.
        if (length < 0 || length > (long) clen * Lzf.MAX_RATIO || length > Integer.MAX_VALUE - 16) {
            throw corrupt("an LZF string of " + clen + " bytes claims to expand to " + Long.toUnsignedString(length));
        }
        byte[] compressed = readBytes(clen);
        byte[] out = new byte[(int) length];
        Lzf.decompress(compressed, out);
        return out;
    }

    private int checkedLength(long n, String what) throws RdbException {
        if (n < 0 || n > available() || n > Integer.MAX_VALUE - 16) {
            throw new RdbException("truncated or corrupt RDB file: " + what + " of " + Long.toUnsignedString(n)
                    + " bytes at byte " + offset() + ", and the file ends " + available() + " bytes later");
        }
        return (int) n;
    }

    /** A score in the old text form: a length byte (253 NaN, 254 +inf, 255 -inf) and decimal ASCII. */
    private double readDecimalDouble() throws IOException {
        int n = readByte();
        return switch (n) {
            case 253 -> Double.NaN;
            case 254 -> Double.POSITIVE_INFINITY;
            case 255 -> Double.NEGATIVE_INFINITY;
            default -> parseScore(readBytes(checkedLength(n, "a score")));
        };
    }

    /**
     * A score written as text, as C's {@code strtod} reads it: {@code inf}, {@code -inf}, {@code 1.5}, {@code 3e2}.
     */
    static double parseScore(byte[] text) throws RdbException {
        String s = new String(text, StandardCharsets.US_ASCII);
        String lower = s.toLowerCase(java.util.Locale.ROOT);
        switch (lower) {
            case "inf", "+inf", "infinity", "+infinity" -> {
                return Double.POSITIVE_INFINITY;
            }
            case "-inf", "-infinity" -> {
                return Double.NEGATIVE_INFINITY;
            }
            case "nan", "-nan", "+nan" -> {
                return Double.NaN;
            }
            default -> {
                boolean plain = !s.isEmpty();
                for (int i = 0; i < s.length() && plain; i++) {
                    char c = s.charAt(i);
                    plain = (c >= '0' && c <= '9') || c == '.' || c == 'e' || c == 'E' || c == '-' || c == '+';
                }
                if (!plain) throw new RdbException("corrupt RDB file: a score that is not a number: '" + s + "'");
                try {
                    return Double.parseDouble(s);
                } catch (NumberFormatException e) {
                    throw new RdbException("corrupt RDB file: a score that is not a number: '" + s + "'");
                }
            }
        }
    }

    /** A module type's name from its 64-bit id: nine characters of 6 bits each, then a 10-bit version. */
    static String moduleName(long id) {
        String charset = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        StringBuilder name = new StringBuilder(9);
        long bits = id >>> 10;
        for (int i = 8; i >= 0; i--) name.append(charset.charAt((int) ((bits >>> (6 * i)) & 63)));
        return "'" + name + "' (version " + (id & 1023) + ")";
    }

    // ---- the buffer ----

    private long available() {
        return buffer.remaining() + unread;
    }

    private long offset() {
        return consumedBefore + buffer.position();
    }

    // Makes at least n bytes (n <= BUFFER_BYTES) readable in the buffer, or fails: the file is shorter than it claims.
    private void fill(int n) throws IOException {
        if (buffer.remaining() >= n) return;
        if (available() < n) {
            throw new RdbException("truncated RDB file: " + n + " more bytes needed at byte " + offset()
                    + ", the file ends " + available() + " bytes later");
        }
        crc.update(buffer.array(), crcFrom, buffer.position() - crcFrom);   // consumed bytes, before they move
        consumedBefore += buffer.position();
        buffer.compact();
        while (buffer.position() < n) {
            int room = (int) Math.min(buffer.remaining(), unread);
            int limit = buffer.limit();
            buffer.limit(buffer.position() + room);
            int r = in.read(buffer);
            buffer.limit(limit);
            if (r < 0) throw new RdbException("truncated RDB file: it ended at byte " + (consumedBefore + buffer.position()));
            if (r == 0) throw new IOException("the channel gave no bytes: RdbReader needs a blocking channel");
            unread -= r;
        }
        buffer.flip();
        crcFrom = 0;
    }

    private int readByte() throws IOException {
        fill(1);
        return buffer.get() & 0xff;
    }

    private int peekByte() throws IOException {
        fill(1);
        return buffer.get(buffer.position()) & 0xff;
    }

    private long readLE(int bytes) throws IOException {
        fill(bytes);
        long v = 0;
        for (int i = 0; i < bytes; i++) v |= (buffer.get() & 0xffL) << (8 * i);
        return v;
    }

    private long readBE(int bytes) throws IOException {
        fill(bytes);
        long v = 0;
        for (int i = 0; i < bytes; i++) v = v << 8 | (buffer.get() & 0xffL);
        return v;
    }

    private byte[] readBytes(int n) throws IOException {
        if (n > available()) fill(n);   // reports the truncation
        byte[] out = new byte[n];
        int at = 0;
        while (at < n) {
            if (!buffer.hasRemaining()) fill(1);
            int chunk = Math.min(buffer.remaining(), n - at);
            buffer.get(out, at, chunk);
            at += chunk;
        }
        return out;
    }

    private RdbException corrupt(String detail) {
        return new RdbException("corrupt RDB file: " + detail);
    }

    // A key for a message: printable ASCII as it is, anything else escaped, long keys cut.
    private static String show(byte[] key) {
        StringBuilder s = new StringBuilder("'");
        for (int i = 0; i < key.length && i < 40; i++) {
            int c = key[i] & 0xff;
            if (c >= 32 && c < 127 && c != '\'' && c != '\\') s.append((char) c);
            else s.append(String.format("\\x%02x", c));
        }
        if (key.length > 40) s.append("...");
        return s.append('\'').toString();
    }
}
