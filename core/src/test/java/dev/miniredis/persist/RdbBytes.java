package dev.miniredis.persist;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Hand-made RDB bytes for tests: the older encodings Redis 7.0 no longer writes (ziplist, zipmap, the linked list,
 * decimal scores, EXPIRETIME in seconds) and deliberately broken files. Each method appends and returns this.
 */
final class RdbBytes {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    static RdbBytes file(int version) {
        RdbBytes b = new RdbBytes();
        b.raw(String.format("REDIS%04d", version).getBytes(StandardCharsets.US_ASCII));
        return b;
    }

    RdbBytes op(int opcode) {
        out.write(opcode);
        return this;
    }

    RdbBytes raw(byte[] bytes) {
        out.writeBytes(bytes);
        return this;
    }

    RdbBytes le(long v, int bytes) {
        for (int i = 0; i < bytes; i++) out.write((int) (v >>> (8 * i)));
        return this;
    }

    RdbBytes len(long n) {
        if (n >= 0 && n < 64) {
            out.write((int) n);
        } else if (n >= 0 && n < 16384) {
            out.write(0x40 | (int) (n >>> 8));
            out.write((int) n);
        } else if (n >= 0 && n <= 0xffffffffL) {
            out.write(0x80);
            for (int i = 3; i >= 0; i--) out.write((int) (n >>> (8 * i)));
        } else {
            out.write(0x81);
            for (int i = 7; i >= 0; i--) out.write((int) (n >>> (8 * i)));
        }
        return this;
    }

    RdbBytes str(byte[] s) {
        return len(s.length).raw(s);
    }

    RdbBytes str(String s) {
        return str(s.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** A key: type byte and name. */
    RdbBytes key(int type, String name) {
        return op(type).str(name);
    }

    /** EOF and the CRC-64 of everything before it (or 0, as {@code rdbchecksum no} writes). */
    byte[] end(boolean checksum) {
        out.write(Rdb.OPCODE_EOF);
        byte[] body = out.toByteArray();
        Crc64 crc = new Crc64();
        crc.update(body, 0, body.length);
        le(checksum ? crc.value() : 0, 8);
        return out.toByteArray();
    }

    /** EOF without a checksum, as RDB versions before 5 end. */
    byte[] endWithoutChecksum() {
        out.write(Rdb.OPCODE_EOF);
        return out.toByteArray();
    }

    /** A ziplist of these entries: integers in the smallest ziplist integer form, anything else as a string. */
    static byte[] ziplist(String... entries) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        int previous = 0;
        int tail = 10;
        for (String e : entries) {
            tail = 10 + body.size();
            ByteArrayOutputStream entry = new ByteArrayOutputStream();
            if (previous < 254) {
                entry.write(previous);
            } else {
                entry.write(0xfe);
                for (int i = 0; i < 4; i++) entry.write(previous >>> (8 * i));
            }
            byte[] s = e.getBytes(StandardCharsets.ISO_8859_1);
            if (Rdb.isCanonicalLong(s)) {
                long v = Rdb.parseCanonicalLong(s);
                if (v >= 0 && v <= 12) {
                    entry.write(0xf1 + (int) v);
                } else if (v >= Byte.MIN_VALUE && v <= Byte.MAX_VALUE) {
                    entry.write(0xfe);
                    writeLE(entry, v, 1);
                } else if (v >= Short.MIN_VALUE && v <= Short.MAX_VALUE) {
                    entry.write(0xc0);
                    writeLE(entry, v, 2);
                } else if (v >= -(1 << 23) && v < 1 << 23) {
                    entry.write(0xf0);
                    writeLE(entry, v, 3);
                } else if (v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE) {
                    entry.write(0xd0);
                    writeLE(entry, v, 4);
                } else {
                    entry.write(0xe0);
                    writeLE(entry, v, 8);
                }
            } else if (s.length < 64) {
                entry.write(s.length);
                entry.writeBytes(s);
            } else if (s.length < 16384) {
                entry.write(0x40 | (s.length >>> 8));
                entry.write(s.length);
                entry.writeBytes(s);
            } else {
                entry.write(0x80);
                for (int i = 3; i >= 0; i--) entry.write(s.length >>> (8 * i));
                entry.writeBytes(s);
            }
            previous = entry.size();
            body.writeBytes(entry.toByteArray());
        }
        ByteArrayOutputStream zl = new ByteArrayOutputStream();
        writeLE(zl, 10 + body.size() + 1, 4);
        writeLE(zl, tail, 4);
        writeLE(zl, entries.length, 2);
        zl.writeBytes(body.toByteArray());
        zl.write(0xff);
        return zl.toByteArray();
    }

    /** A zipmap of field, value, field, value, ... with one free byte after each value. */
    static byte[] zipmap(String... fieldsAndValues) {
        ByteArrayOutputStream zm = new ByteArrayOutputStream();
        zm.write(fieldsAndValues.length / 2);
        for (int i = 0; i < fieldsAndValues.length; i++) {
            byte[] s = fieldsAndValues[i].getBytes(StandardCharsets.ISO_8859_1);
            if (s.length < 254) {
                zm.write(s.length);
            } else {
                zm.write(254);
                writeLE(zm, s.length, 4);
            }
            boolean value = i % 2 == 1;
            if (value) zm.write(1);
            zm.writeBytes(s);
            if (value) zm.write(0);
        }
        zm.write(0xff);
        return zm.toByteArray();
    }

    /** A listpack of these entries, through our encoder. */
    static byte[] listpack(String... entries) {
        ListpackCodec lp = new ListpackCodec();
        lp.reset();
        for (String e : entries) lp.append(e.getBytes(StandardCharsets.ISO_8859_1));
        int n = lp.finish();
        return java.util.Arrays.copyOf(lp.bytes(), n);
    }

    private static void writeLE(ByteArrayOutputStream out, long v, int bytes) {
        for (int i = 0; i < bytes; i++) out.write((int) (v >>> (8 * i)));
    }
}
