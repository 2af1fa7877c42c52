package dev.miniredis.command.string;

import dev.miniredis.command.CommandError;

/** Helpers shared by the string commands. */
final class Strings {
    private Strings() {
    }

    /** The value as a string, or Redis's WRONGTYPE error for any other type. Null stays null (no such key). */
    static byte[] asString(Object value) {
        if (value == null || value instanceof byte[]) return (byte[]) value;
        throw CommandError.WRONG_TYPE;
    }
}
