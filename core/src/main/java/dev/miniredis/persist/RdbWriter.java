package dev.miniredis.persist;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Writes an RDB file, version 10, the way Redis 7.0.15's {@code rdbSave} does: byte for byte the same framing, AUX
 * fields, opcodes and value encodings, so real Redis loads it and {@code redis-check-rdb} accepts it.
 *
 * <pre>
 *   "REDIS0010"                                  magic and version
 *   AUX redis-ver 7.0.15, redis-bits 64, ctime, used-mem, aof-base
 *   SELECTDB n  RESIZEDB keys expires            for each database that has keys
 *     [EXPIRETIME_MS deadline] type key value    for each key
 *   EOF  checksum (CRC-64, 8 bytes LE)
 * </pre>
 *
 * <h2>Encodings: what Redis 7.0 writes</h2>
 * One small, named method per format, as in {@code rdb.c}:
 * <ul>
 *   <li><b>Strings</b> ({@link #writeString}): a canonical integer of at most 11 characters that fits 32 bits becomes
 *       an integer encoding of 1, 2 or 4 bytes ({@code rdbTryIntegerEncoding}); with compression on, a string longer
 *       than 20 bytes is stored LZF-compressed when that saves more than 4 bytes ({@code rdbSaveLzfStringObject});
 *       anything else is a length and the bytes. Keys go through the same method, so key {@code "7"} is 2 bytes.</li>
 *   <li><b>Lists</b>: always {@code RDB_TYPE_LIST_QUICKLIST_2}, nodes of listpacks of at most 8 KB (Redis's default
 *       {@code list-max-listpack-size -2}).</li>
 *   <li><b>Sets</b>: {@code RDB_TYPE_SET_INTSET} when every member is an integer and there are at most 512
 *       ({@code set-max-intset-entries}); otherwise {@code RDB_TYPE_SET}, the hashtable's form.</li>
 *   <li><b>Hashes</b>: {@code RDB_TYPE_HASH_LISTPACK} up to 512 fields with fields and values of at most 64 bytes
 *       ({@code hash-max-listpack-*}); otherwise {@code RDB_TYPE_HASH}.</li>
 *   <li><b>Sorted sets</b>: {@code RDB_TYPE_ZSET_LISTPACK} up to 128 members of at most 64 bytes
 *       ({@code zset-max-listpack-*}), sorted by score then member as Redis keeps them; otherwise
 *       {@code RDB_TYPE_ZSET_2} with binary doubles.</li>
 * </ul>
 * So the encodings a value gets are the ones Redis would have given it in memory with default settings, and a file
 * written here is, apart from LZF's choices, the file Redis would write. One known difference: our LZF compressor is not
 * liblzf's (same format, other matches), so with compression on the bytes of a compressed string differ; they load
 * to the same values. With compression off, and keys in the same order, the file is Redis's byte for byte (the tests
 * check it).
 *
 * <h2>Streaming and threads</h2>
 * Bytes go through one 64 KB buffer into the channel, and the checksum is computed over each buffer as it is flushed,
 * so writing a file of any size needs no more memory than that buffer, one listpack (bounded by the limits above) and,
 * with compression, one scratch array as long as the longest string. The inputs are plain arrays and lists that the
 * writer only reads, so a snapshot can hand them to a background thread: this class holds no reference to any server
 * structure and may run on any one thread (not several at once). The channel must be blocking (a {@code FileChannel});
 * the writer neither forces nor closes it, which is the caller's part of a safe save (write, fsync, rename).
 */
public final class RdbWriter {
    /** The size of the one buffer between the encoders and the channel. */
    public static final int BUFFER_BYTES = 64 * 1024;
    /** Strings longer than this are not compressed, so compression never needs a scratch array bigger than this. */
    static final int MAX_COMPRESS_BYTES = 8 << 20;

    // Redis 7.0.15's default encoding limits (checked with CONFIG GET on a real server).
    static final int LIST_NODE_MAX_BYTES = 8192;
    private static final int SIZE_ESTIMATE_OVERHEAD = 8;
    static final int SET_MAX_INTSET_ENTRIES = 512;
    static final int HASH_MAX_LISTPACK_ENTRIES = 512;
    static final int HASH_MAX_LISTPACK_VALUE = 64;
    static final int ZSET_MAX_LISTPACK_ENTRIES = 128;
    static final int ZSET_MAX_LISTPACK_VALUE = 64;
    /** Redis 7.0 puts an element of 1 GB or more in a plain quicklist node of its own. */
    static final long LIST_PLAIN_ELEMENT_BYTES = 1L << 30;

    private static final Comparator<ScoredMember> BY_SCORE_THEN_MEMBER = (a, b) -> {
        int c = Double.compare(a.score(), b.score());
        return c != 0 ? c : Arrays.compareUnsigned(a.member(), b.member());
    };

    private enum State { NEW, HEADER_WRITTEN, IN_DATABASE, FINISHED }

    private final WritableByteChannel out;
    private final boolean compress;
    private final ByteBuffer buffer = ByteBuffer.allocate(BUFFER_BYTES);
    private final Crc64 crc = new Crc64();
    private final ListpackCodec listpack = new ListpackCodec();
    private final Lzf lzf = new Lzf();
    private byte[] compressed = new byte[0];
    private final boolean valueOnly;
    private long flushedBytes;
    private State state = State.NEW;

    /**
     * A writer over a blocking channel.
     *
     * @param out where the file's bytes go, from its current position
     * @param compress whether to LZF-compress long strings, as {@code rdbcompression yes} (Redis's default)
     */
    public RdbWriter(WritableByteChannel out, boolean compress) {
        this(out, compress, false);
    }

    private RdbWriter(WritableByteChannel out, boolean compress, boolean valueOnly) {
        this.out = out;
        this.compress = compress;
        this.valueOnly = valueOnly;
        if (valueOnly) state = State.IN_DATABASE;
    }

    /**
     * A writer of one value in DUMP's framing (see {@link DumpPayload}): the key methods write the type and the value
     * only, no key and no deadline; {@link #finishDump()} ends it.
     */
    static RdbWriter forDumpPayload(WritableByteChannel out, boolean compress) {
        return new RdbWriter(out, compress, true);
    }

    /**
     * The magic, the version and the AUX fields Redis 7.0.15 writes for a {@code SAVE} or {@code BGSAVE}:
     * {@code redis-ver}, {@code redis-bits}, {@code ctime}, {@code used-mem} and {@code aof-base}.
     *
     * @param ctimeSeconds the snapshot's time, epoch seconds
     * @param usedMemoryBytes {@code used_memory} at that time
     * @param aofBase true when the file is the base of an append-only file (Redis's {@code aof-base 1})
     * @throws IOException if the channel fails
     */
    public void writeHeader(long ctimeSeconds, long usedMemoryBytes, boolean aofBase) throws IOException {
        expect(State.NEW, "writeHeader");
        putAscii("REDIS" + String.format("%04d", Rdb.VERSION));
        state = State.HEADER_WRITTEN;
        aux("redis-ver", ascii(Rdb.REDIS_VERSION));
        aux("redis-bits", Rdb.decimal(64));
        aux("ctime", Rdb.decimal(ctimeSeconds));
        aux("used-mem", Rdb.decimal(usedMemoryBytes));
        aux("aof-base", Rdb.decimal(aofBase ? 1 : 0));
    }

    /**
     * One more AUX field, after {@link #writeHeader} and before the first database.
     *
     * @param name the field's name
     * @param value its value (an integer value is stored as an integer, as Redis does)
     * @throws IOException if the channel fails
     */
    public void aux(String name, byte[] value) throws IOException {
        if (state != State.HEADER_WRITTEN) throw new IllegalStateException("aux belongs after the header, before the keys");
        putByte(Rdb.OPCODE_AUX);
        writeString(ascii(name));
        writeString(value);
    }

    /**
     * Starts a database: SELECTDB and RESIZEDB. Redis writes nothing for an empty database; neither should callers.
     *
     * @param index the database number
     * @param keys how many keys follow (a hint for the loader)
     * @param keysWithDeadline how many of them have a deadline (a hint)
     * @throws IOException if the channel fails
     */
    public void startDatabase(int index, long keys, long keysWithDeadline) throws IOException {
        if (state == State.NEW || state == State.FINISHED) throw new IllegalStateException("startDatabase in " + state);
        putByte(Rdb.OPCODE_SELECTDB);
        writeLength(index);
        putByte(Rdb.OPCODE_RESIZEDB);
        writeLength(keys);
        writeLength(keysWithDeadline);
        state = State.IN_DATABASE;
    }

    /**
     * A string key.
     *
     * @param key the key
     * @param value its value
     * @param deadlineMillis epoch milliseconds, or {@link RdbSink#NO_DEADLINE}
     * @throws IOException if the channel fails
     */
    public void string(byte[] key, byte[] value, long deadlineMillis) throws IOException {
        startKey(Rdb.TYPE_STRING, key, deadlineMillis);
        writeString(value);
    }

    /**
     * A list key, as a quicklist of listpacks of at most 8 KB each.
     *
     * @param key the key
     * @param elements head to tail, at least one
     * @param deadlineMillis epoch milliseconds, or {@link RdbSink#NO_DEADLINE}
     * @throws IOException if the channel fails
     */
    public void list(byte[] key, List<byte[]> elements, long deadlineMillis) throws IOException {
        notEmpty(elements, "list");
        startKey(Rdb.TYPE_LIST_QUICKLIST_2, key, deadlineMillis);
        // First pass: where the nodes end, from sizes alone; the node count comes before the nodes.
        List<Integer> nodeEnds = new ArrayList<>();
        long nodeBytes = 0;                              // the open node's listpack size; 0 when none is open
        for (int i = 0; i < elements.size(); i++) {
            byte[] e = elements.get(i);
            int entry = ListpackCodec.entryLength(e);
            int entryBytes = entry + ListpackCodec.backlenBytes(entry);
            boolean plain = e.length >= LIST_PLAIN_ELEMENT_BYTES;
            if (nodeBytes != 0 && !plain && nodeAllowsInsert(nodeBytes, e.length)) {
                nodeBytes += entryBytes;
                continue;
            }
            if (nodeBytes != 0) nodeEnds.add(i);
            if (plain) {
                nodeEnds.add(i + 1);
                nodeBytes = 0;
            } else {
                nodeBytes = ListpackCodec.HEADER_BYTES + entryBytes + 1;
            }
        }
        if (nodeBytes != 0) nodeEnds.add(elements.size());
        writeLength(nodeEnds.size());
        int from = 0;
        for (int end : nodeEnds) {
            if (end - from == 1 && elements.get(from).length >= LIST_PLAIN_ELEMENT_BYTES) {
                writeLength(Rdb.QUICKLIST_NODE_PLAIN);
                writeString(elements.get(from));
            } else {
                writeLength(Rdb.QUICKLIST_NODE_PACKED);
                listpack.reset();
                for (int i = from; i < end; i++) listpack.append(elements.get(i));
                writeListpack();
            }
            from = end;
        }
    }

    /**
     * Whether Redis 7.0.15's quicklist would add an element of {@code length} bytes to a node whose listpack has
     * {@code nodeBytes} ({@code _quicklistNodeAllowInsert} under {@code list-max-listpack-size -2}): it estimates the
     * new entry as the element's length plus 8 bytes ({@code SIZE_ESTIMATE_OVERHEAD}; an integer is counted as its
     * digits, an overestimate) and allows it while the estimate stays within 8 KB. Copying the estimate, not the exact
     * size, is what makes our nodes split where Redis's do, so the files match byte for byte.
     */
    private static boolean nodeAllowsInsert(long nodeBytes, int length) {
        return nodeBytes + length + SIZE_ESTIMATE_OVERHEAD <= LIST_NODE_MAX_BYTES;
    }

    /**
     * A set key: an intset when every member is an integer and there are few, the plain form otherwise.
     *
     * @param key the key
     * @param members distinct members, at least one
     * @param deadlineMillis epoch milliseconds, or {@link RdbSink#NO_DEADLINE}
     * @throws IOException if the channel fails
     */
    public void set(byte[] key, List<byte[]> members, long deadlineMillis) throws IOException {
        notEmpty(members, "set");
        long[] integers = members.size() <= SET_MAX_INTSET_ENTRIES ? integers(members) : null;
        if (integers != null) {
            Arrays.sort(integers);
            for (int i = 1; i < integers.length; i++) {
                if (integers[i] == integers[i - 1]) throw new IllegalArgumentException("duplicate set member " + integers[i]);
            }
            startKey(Rdb.TYPE_SET_INTSET, key, deadlineMillis);
            byte[] blob = IntsetCodec.encode(integers, integers.length);
            writeBlob(blob, blob.length);
            return;
        }
        startKey(Rdb.TYPE_SET, key, deadlineMillis);
        writeLength(members.size());
        for (byte[] m : members) writeString(m);
    }

    // The members as longs if every one is a canonical integer, else null.
    private static long[] integers(List<byte[]> members) {
        long[] values = new long[members.size()];
        for (int i = 0; i < values.length; i++) {
            byte[] m = members.get(i);
            if (!Rdb.isCanonicalLong(m)) return null;
            values[i] = Rdb.parseCanonicalLong(m);
        }
        return values;
    }

    /**
     * A hash key: a listpack when it is small, the plain form otherwise.
     *
     * @param key the key
     * @param entries distinct fields and their values, at least one
     * @param deadlineMillis epoch milliseconds, or {@link RdbSink#NO_DEADLINE}
     * @throws IOException if the channel fails
     */
    public void hash(byte[] key, List<FieldValue> entries, long deadlineMillis) throws IOException {
        notEmpty(entries, "hash");
        boolean small = entries.size() <= HASH_MAX_LISTPACK_ENTRIES;
        for (int i = 0; small && i < entries.size(); i++) {
            FieldValue e = entries.get(i);
            small = e.field().length <= HASH_MAX_LISTPACK_VALUE && e.value().length <= HASH_MAX_LISTPACK_VALUE;
        }
        if (small) {
            startKey(Rdb.TYPE_HASH_LISTPACK, key, deadlineMillis);
            listpack.reset();
            for (FieldValue e : entries) {
                listpack.append(e.field());
                listpack.append(e.value());
            }
            writeListpack();
            return;
        }
        startKey(Rdb.TYPE_HASH, key, deadlineMillis);
        writeLength(entries.size());
        for (FieldValue e : entries) {
            writeString(e.field());
            writeString(e.value());
        }
    }

    /**
     * A sorted-set key: a listpack in score order when it is small, binary doubles otherwise.
     *
     * @param key the key
     * @param members distinct members with their scores (not NaN), in any order, at least one
     * @param deadlineMillis epoch milliseconds, or {@link RdbSink#NO_DEADLINE}
     * @throws IOException if the channel fails
     */
    public void zset(byte[] key, List<ScoredMember> members, long deadlineMillis) throws IOException {
        notEmpty(members, "sorted set");
        for (ScoredMember m : members) {
            if (Double.isNaN(m.score())) throw new IllegalArgumentException("a NaN score: Redis refuses it when loading");
        }
        boolean small = members.size() <= ZSET_MAX_LISTPACK_ENTRIES;
        for (int i = 0; small && i < members.size(); i++) small = members.get(i).member().length <= ZSET_MAX_LISTPACK_VALUE;
        if (small) {
            // Redis walks a listpack sorted set in order and stops early, so the order is part of the format.
            List<ScoredMember> sorted = new ArrayList<>(members);
            sorted.sort(BY_SCORE_THEN_MEMBER);
            startKey(Rdb.TYPE_ZSET_LISTPACK, key, deadlineMillis);
            listpack.reset();
            for (ScoredMember m : sorted) {
                listpack.append(m.member());
                listpack.append(scoreBytes(m.score()));
            }
            writeListpack();
            return;
        }
        startKey(Rdb.TYPE_ZSET_2, key, deadlineMillis);
        writeLength(members.size());
        for (ScoredMember m : members) {
            writeString(m.member());
            writeDoubleLE(m.score());
        }
    }

    /**
     * A score as a listpack entry, as Redis 7.0's {@code zzlInsertAt} writes it: an integral score within
     * {@code ±LLONG_MAX/2} as an integer ({@code double2ll}; so {@code -0.0} becomes 0, exactly as in Redis's memory),
     * infinities as {@code inf} and {@code -inf}, anything else as C's {@code "%.17g"} prints it.
     */
    static byte[] scoreBytes(double score) {
        if (Double.isInfinite(score)) return ascii(score > 0 ? "inf" : "-inf");
        if (score >= -(double) (Long.MAX_VALUE / 2) && score <= (double) (Long.MAX_VALUE / 2) && score == (long) score) {
            return Rdb.decimal((long) score);
        }
        return ascii(percent17g(score));
    }

    /**
     * C's {@code printf("%.17g", d)} for a finite double: the exact binary value rounded half-even to 17 significant
     * digits, then fixed notation if the decimal exponent is from -4 to 16, else {@code d.ddde+XX}; trailing zeros and
     * a bare decimal point removed. Java has no such format ({@code %g} keeps the zeros), so it is spelled out here.
     */
    static String percent17g(double d) {
        java.math.BigDecimal exact = new java.math.BigDecimal(d);
        java.math.BigDecimal rounded = exact.round(new java.math.MathContext(17, java.math.RoundingMode.HALF_EVEN));
        int exponent = rounded.precision() - rounded.scale() - 1;
        if (exponent >= -4 && exponent < 17) {
            String plain = rounded.stripTrailingZeros().toPlainString();
            return plain;
        }
        String digits = rounded.unscaledValue().abs().toString().replaceAll("0+$", "");
        StringBuilder s = new StringBuilder();
        if (d < 0) s.append('-');
        s.append(digits.charAt(0));
        if (digits.length() > 1) s.append('.').append(digits, 1, digits.length());
        s.append('e').append(exponent < 0 ? '-' : '+');
        int abs = Math.abs(exponent);
        if (abs < 10) s.append('0');
        return s.append(abs).toString();
    }

    /**
     * The end: the EOF opcode and the checksum, then everything still buffered goes to the channel.
     *
     * @return the file's size in bytes
     * @throws IOException if the channel fails
     */
    public long finish() throws IOException {
        if (state == State.NEW || state == State.FINISHED) throw new IllegalStateException("finish in " + state);
        putByte(Rdb.OPCODE_EOF);
        flush();                                    // the checksum covers every byte up to and including EOF
        long sum = crc.value();
        for (int i = 0; i < 8; i++) buffer.put((byte) (sum >>> (8 * i)));
        drain();
        state = State.FINISHED;
        return flushedBytes;
    }

    /** DUMP's footer after the one value: the RDB version in 2 bytes and the CRC-64 of everything before it. */
    void finishDump() throws IOException {
        putByte(Rdb.VERSION & 0xff);
        putByte(Rdb.VERSION >>> 8);
        flush();
        long sum = crc.value();
        for (int i = 0; i < 8; i++) buffer.put((byte) (sum >>> (8 * i)));
        drain();
        state = State.FINISHED;
    }

    // ---- the small named writers, as rdb.c has them ----

    private void startKey(int type, byte[] key, long deadlineMillis) throws IOException {
        if (state != State.IN_DATABASE) throw new IllegalStateException("a key before startDatabase");
        if (valueOnly) {
            putByte(type);
            return;
        }
        if (deadlineMillis != RdbSink.NO_DEADLINE) {
            putByte(Rdb.OPCODE_EXPIRETIME_MS);
            ensure(8);
            for (int i = 0; i < 8; i++) buffer.put((byte) (deadlineMillis >>> (8 * i)));
        }
        putByte(type);
        writeString(key);
    }

    /** A length in 1, 2, 5 or 9 bytes (rdbSaveLen). */
    private void writeLength(long n) throws IOException {
        ensure(9);
        if (n < 1 << 6) {
            buffer.put((byte) n);
        } else if (n < 1 << 14) {
            buffer.put((byte) (0x40 | (n >>> 8)));
            buffer.put((byte) n);
        } else if (n <= 0xffffffffL) {
            buffer.put((byte) Rdb.LEN_32BIT);
            buffer.putInt((int) n);                     // big-endian: ByteBuffer's default order
        } else {
            buffer.put((byte) Rdb.LEN_64BIT);
            buffer.putLong(n);
        }
    }

    /** A string: integer-encoded, LZF-compressed or as it is (rdbSaveRawString). */
    private void writeString(byte[] s) throws IOException {
        if (s.length <= 11 && Rdb.isCanonicalLong(s)) {
            long v = Rdb.parseCanonicalLong(s);
            if (v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE) {
                writeInteger((int) v);
                return;
            }
        }
        writeBlob(s, s.length);
    }

    /** An integer as a string (rdbEncodeInteger): the smallest of 1, 2 or 4 bytes, little-endian. */
    private void writeInteger(int v) throws IOException {
        ensure(5);
        if (v >= Byte.MIN_VALUE && v <= Byte.MAX_VALUE) {
            buffer.put((byte) (0xc0 | Rdb.ENC_INT8));
            buffer.put((byte) v);
        } else if (v >= Short.MIN_VALUE && v <= Short.MAX_VALUE) {
            buffer.put((byte) (0xc0 | Rdb.ENC_INT16));
            buffer.put((byte) v);
            buffer.put((byte) (v >>> 8));
        } else {
            buffer.put((byte) (0xc0 | Rdb.ENC_INT32));
            for (int i = 0; i < 4; i++) buffer.put((byte) (v >>> (8 * i)));
        }
    }

    /** Bytes that are never integer-encoded (a blob such as a listpack, or a string that is not an integer). */
    private void writeBlob(byte[] b, int length) throws IOException {
        if (compress && length > 20 && length <= MAX_COMPRESS_BYTES && writeCompressed(b, length)) return;
        writeLength(length);
        putBytes(b, length);
    }

    /** LZF, when it saves more than 4 bytes (rdbSaveLzfStringObject). */
    private boolean writeCompressed(byte[] b, int length) throws IOException {
        if (compressed.length < length) compressed = new byte[Math.max(length, Math.min(2 * compressed.length, MAX_COMPRESS_BYTES))];
        int n = lzf.compress(b, length, compressed, length - 4);
        if (n == 0) return false;
        putByte(0xc0 | Rdb.ENC_LZF);
        writeLength(n);
        writeLength(length);
        putBytes(compressed, n);
        return true;
    }

    /** The listpack being built, finished (finish may grow the scratch array, so it comes before bytes()). */
    private void writeListpack() throws IOException {
        int size = listpack.finish();
        writeBlob(listpack.bytes(), size);
    }

    private void writeDoubleLE(double d) throws IOException {
        long bits = Double.doubleToLongBits(d);
        ensure(8);
        for (int i = 0; i < 8; i++) buffer.put((byte) (bits >>> (8 * i)));
    }

    // ---- the buffer ----

    private void putByte(int b) throws IOException {
        ensure(1);
        buffer.put((byte) b);
    }

    private void putAscii(String s) throws IOException {
        byte[] b = ascii(s);
        putBytes(b, b.length);
    }

    private void putBytes(byte[] b, int length) throws IOException {
        int at = 0;
        while (at < length) {
            if (!buffer.hasRemaining()) flush();
            int n = Math.min(buffer.remaining(), length - at);
            buffer.put(b, at, n);
            at += n;
        }
    }

    private void ensure(int n) throws IOException {
        if (buffer.remaining() < n) flush();
    }

    // Checksums the buffered bytes, then writes them out.
    private void flush() throws IOException {
        crc.update(buffer.array(), 0, buffer.position());
        drain();
    }

    private void drain() throws IOException {
        buffer.flip();
        while (buffer.hasRemaining()) {
            int n = out.write(buffer);
            if (n == 0) throw new IOException("the channel accepted no bytes: RdbWriter needs a blocking channel");
            flushedBytes += n;
        }
        buffer.clear();
    }

    private void expect(State expected, String what) {
        if (state != expected) throw new IllegalStateException(what + " in " + state);
    }

    private static void notEmpty(List<?> values, String type) {
        if (values.isEmpty()) throw new IllegalArgumentException("an empty " + type + ": Redis never stores one");
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
