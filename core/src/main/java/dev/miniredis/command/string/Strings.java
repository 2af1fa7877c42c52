package dev.miniredis.command.string;

import dev.miniredis.command.CommandError;
import dev.miniredis.db.Db;
import dev.miniredis.protocol.Resp;
import dev.miniredis.protocol.RespWriter;

import java.util.Arrays;

/**
 * Helpers shared by the string commands: the type check, the reply of a stored value, and the buffers that commands
 * which change a string in the middle (SETRANGE, SETBIT, BITFIELD, BITOP) build the new value in.
 *
 * <h2>Why a whole value is copied to change one byte</h2>
 * The store keeps a value as bytes in its off-heap pages and offers no write into the middle of one: a record may have
 * to move to a bigger size class when its value grows, and keeping "write a few bytes in place" out of its interface
 * keeps it small. So SETBIT reads the string into a buffer, flips the bit and stores the buffer back. Redis changes its
 * sds string in place; for the short strings most keys hold the copy costs little, and for a long bitmap each SETBIT
 * costs a copy of it, which is the price of this simplification.
 *
 * <p>The buffers are the keyspace's reusable scratch arrays ({@link Db#scratch}) for values up to
 * {@link #SCRATCH_LIMIT} bytes, so a SETBIT on an ordinary key allocates nothing; a longer value gets an array of its
 * own, which the collector takes back after the command, rather than a scratch array that would keep the largest size
 * ever seen for the life of the server.
 */
final class Strings {
    /** The longest value worked on in a scratch array; longer ones get an array of their own. */
    static final int SCRATCH_LIMIT = 1 << 16;

    /**
     * The longest string a command may build: Redis's {@code proto-max-bulk-len}. We check against its default, as
     * {@link Append} does: the setting can only be chosen at start-up here, and commands do not see it.
     */
    static final long MAX_BYTES = Resp.DEFAULT_MAX_BULK_BYTES;

    /** Redis's reply when SETRANGE or APPEND would build a string longer than {@link #MAX_BYTES}. */
    static final CommandError TOO_LONG = new CommandError("ERR string exceeds maximum allowed size (proto-max-bulk-len)");

    private Strings() {
    }

    /**
     * Checks that the record at {@code a} holds a string: Redis's WRONGTYPE error for any other type. {@link Db#NIL} (no
     * such key) passes, so callers test for it afterwards.
     */
    static long requireString(Db db, long a) {
        if (a != Db.NIL && db.type(a) != Db.TYPE_STRING) throw CommandError.WRONG_TYPE;
        return a;
    }

    /**
     * The string at {@code a} as a bulk reply, copied from the store straight into the write buffer, or null for
     * {@link Db#NIL}.
     */
    static void reply(RespWriter out, Db db, long a) {
        if (a == Db.NIL) out.nil();
        else out.bulk(db, a, db.valueLength(a));
    }

    /** The value's length, 0 for {@link Db#NIL}. */
    static int length(Db db, long a) {
        return a == Db.NIL ? 0 : db.valueLength(a);
    }

    /**
     * An array of at least {@code length} bytes to build a value in: scratch slot {@code slot} when it is short, a new
     * array when it is long. Its contents are undefined.
     */
    static byte[] buffer(Db db, int slot, int length) {
        return length <= SCRATCH_LIMIT ? db.scratch(slot, length) : new byte[length];
    }

    /**
     * The string at {@code a} (none for {@link Db#NIL}) copied into a {@link #buffer} of at least {@code length} bytes,
     * which must be at least the value's length, with zeros from the value's end to {@code length}: Redis's
     * {@code sdsgrowzero}, the padding SETRANGE and SETBIT promise.
     */
    static byte[] readPadded(Db db, long a, int slot, int length) {
        int valueLength = length(db, a);
        byte[] b = buffer(db, slot, length);
        if (valueLength > 0) db.copyValue(a, 0, b, 0, valueLength);
        Arrays.fill(b, valueLength, length, (byte) 0); // a scratch array holds whatever the last command left there
        return b;
    }
}
