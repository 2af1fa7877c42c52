package dev.miniredis.command.string;

import dev.miniredis.command.CommandError;
import dev.miniredis.db.Db;
import dev.miniredis.protocol.RespWriter;

/** Helpers shared by the string commands. */
final class Strings {
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
}
