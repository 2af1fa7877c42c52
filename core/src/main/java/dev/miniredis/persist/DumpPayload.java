package dev.miniredis.persist;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.util.List;

/**
 * The payload of {@code DUMP} and {@code RESTORE}: one value in RDB encoding, without key or deadline, followed by a
 * footer that lets RESTORE refuse what it cannot trust.
 *
 * <pre>
 *   +------+---------------------+-----------------+------------------------------+
 *   | type | value (RDB encoding)| RDB version, 2 B| CRC-64 of all before, 8 B LE |
 *   +------+---------------------+-----------------+------------------------------+
 *   SET k hello; DUMP k  ->  00 05 "hello" 0a 00 &lt;crc&gt;
 * </pre>
 * The value is encoded by {@link RdbWriter}'s own methods, so a payload is what Redis 7.0.15's DUMP returns for the
 * same value (byte for byte without compression and for values whose order Redis fixes), and what RESTORE in Redis
 * accepts; reading goes through {@link RdbReader}'s value decoders, so every encoding a file may hold may come in a
 * payload too. The commands themselves (and their error replies) belong to the command layer.
 */
public final class DumpPayload {
    private DumpPayload() {
    }

    private static final byte[] NO_KEY = new byte[0];
    /** Version and checksum. */
    static final int FOOTER_BYTES = 10;

    /** Writes one value through a value-only {@link RdbWriter}. */
    @FunctionalInterface
    private interface Value {
        void writeTo(RdbWriter w) throws IOException;
    }

    private static byte[] encode(boolean compress, Value value) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            RdbWriter w = RdbWriter.forDumpPayload(Channels.newChannel(bytes), compress);
            value.writeTo(w);
            w.finishDump();
        } catch (IOException e) {
            throw new UncheckedIOException(e);     // a byte array does not fail
        }
        return bytes.toByteArray();
    }

    /**
     * The payload of a string.
     *
     * @param value the string
     * @param compress LZF-compress long strings, as {@code rdbcompression yes}
     * @return the payload
     */
    public static byte[] string(byte[] value, boolean compress) {
        return encode(compress, w -> w.string(NO_KEY, value, RdbSink.NO_DEADLINE));
    }

    /**
     * The payload of a list.
     *
     * @param elements head to tail, at least one
     * @param compress LZF-compress long strings and list nodes
     * @return the payload
     */
    public static byte[] list(List<byte[]> elements, boolean compress) {
        return encode(compress, w -> w.list(NO_KEY, elements, RdbSink.NO_DEADLINE));
    }

    /**
     * The payload of a set.
     *
     * @param members distinct members, at least one
     * @param compress LZF-compress long strings
     * @return the payload
     */
    public static byte[] set(List<byte[]> members, boolean compress) {
        return encode(compress, w -> w.set(NO_KEY, members, RdbSink.NO_DEADLINE));
    }

    /**
     * The payload of a hash.
     *
     * @param entries distinct fields and their values, at least one
     * @param compress LZF-compress long strings and listpacks
     * @return the payload
     */
    public static byte[] hash(List<FieldValue> entries, boolean compress) {
        return encode(compress, w -> w.hash(NO_KEY, entries, RdbSink.NO_DEADLINE));
    }

    /**
     * The payload of a sorted set.
     *
     * @param members distinct members with their scores, at least one
     * @param compress LZF-compress long strings and listpacks
     * @return the payload
     */
    public static byte[] zset(List<ScoredMember> members, boolean compress) {
        return encode(compress, w -> w.zset(NO_KEY, members, RdbSink.NO_DEADLINE));
    }

    /**
     * Whether a payload's footer is one RESTORE accepts: a version this format reads and a checksum that matches
     * (Redis's {@code verifyDumpPayload}). When it is not, Redis answers
     * {@code -ERR DUMP payload version or checksum are wrong}.
     *
     * @param payload the bytes RESTORE received
     * @return true if the version and the checksum are right
     */
    public static boolean verify(byte[] payload) {
        if (payload.length < FOOTER_BYTES) return false;
        int at = payload.length - FOOTER_BYTES;
        int version = (payload[at] & 0xff) | (payload[at + 1] & 0xff) << 8;
        if (version > Rdb.VERSION) return false;
        Crc64 crc = new Crc64();
        crc.update(payload, 0, payload.length - 8);
        return crc.value() == ListpackCodec.readLE(payload, payload.length - 8, 8);
    }

    /**
     * Decodes a payload that {@link #verify} accepted, handing the value to {@code sink} under {@code key} with no
     * deadline (RESTORE takes the deadline as an argument).
     *
     * @param key the key the value will have
     * @param payload the payload
     * @param sink where the value goes
     * @throws RdbException if the value is malformed, or of a type that cannot be loaded (RESTORE answers
     *         {@code -ERR Bad data format})
     */
    public static void read(byte[] key, byte[] payload, RdbSink sink) throws RdbException {
        if (payload.length < FOOTER_BYTES + 1) throw new RdbException("a DUMP payload of only " + payload.length + " bytes");
        int length = payload.length - FOOTER_BYTES;
        RdbReader reader = new RdbReader(Channels.newChannel(new ByteArrayInputStream(payload, 0, length)), length);
        try {
            reader.readValueOnly(key, sink);
        } catch (RdbException e) {
            throw e;
        } catch (IOException e) {
            throw new RdbException(e.getMessage());    // a byte array does not fail; this is the reader's own message
        }
    }
}
