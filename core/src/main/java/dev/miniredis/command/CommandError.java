package dev.miniredis.command;

/**
 * A client mistake that becomes an error reply while the connection stays open: wrong syntax, a value that is not an
 * integer, a key of the wrong type. {@link CommandTable} catches it and writes {@code -<message>\r\n}.
 *
 * <p>It carries no stack trace (filling one in is the expensive part of an exception), and the common ones are shared
 * constants, so an error reply costs no more than any other reply.
 */
public final class CommandError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** A malformed command: an unknown option, a missing option value, or options that cannot go together. */
    public static final CommandError SYNTAX = new CommandError("ERR syntax error");
    /** An argument that should be a 64-bit decimal integer is not one. */
    public static final CommandError NOT_INTEGER = new CommandError("ERR value is not an integer or out of range");
    /** A string command on a key that holds a value of another type. */
    public static final CommandError WRONG_TYPE =
            new CommandError("WRONGTYPE Operation against a key holding the wrong kind of value");

    /** @param message the whole error line without the leading {@code -}, starting with its code ({@code ERR ...}) */
    public CommandError(String message) {
        super(message, null, false, false);
    }

    /**
     * Redis's reply for a bad expire time: {@code ERR invalid expire time in 'set' command}.
     *
     * @param command the command name as it appears in the message, lower case
     * @return a new error
     */
    public static CommandError invalidExpireTime(String command) {
        return new CommandError("ERR invalid expire time in '" + command + "' command");
    }

    /**
     * Redis's reply for a wrong argument count, also used by commands whose count rules go beyond a fixed arity.
     *
     * @param command the command name as it appears in the message, lower case
     * @return a new error
     */
    public static CommandError wrongArity(String command) {
        return new CommandError("ERR wrong number of arguments for '" + command + "' command");
    }
}
