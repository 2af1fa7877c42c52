package dev.miniredis.command;

import dev.miniredis.protocol.Numbers;

/**
 * A command's arguments as the parser produced them: {@code args[0]} is the name. Adds the few helpers every command
 * parser needs: case-insensitive option matching and integer parsing with Redis's error replies.
 *
 * <p>One instance is reused for every command on the loop thread ({@link #reset}), so wrapping costs nothing.
 */
public final class Args {
    private final CommandTable table;
    private byte[][] args;

    Args(CommandTable table) {
        this.table = table;
    }

    /**
     * Arguments wrapped on their own, for a command whose parser reads another command's arguments (BZMPOP hands ZMPOP
     * its arguments without the timeout).
     *
     * @param argv the arguments, name first
     * @return a new wrapper, with no table
     */
    public static Args over(byte[][] argv) {
        return new Args(null).reset(argv);
    }

    Args reset(byte[][] args) {
        this.args = args;
        return this;
    }

    /**
     * Number of arguments, the command name included.
     *
     * @return the argument count, at least 1
     */
    public int count() {
        return args.length;
    }

    /**
     * One raw argument.
     *
     * @param index the position; 0 is the command name
     * @return the argument's bytes, not copied
     */
    public byte[] get(int index) {
        return args[index];
    }

    /**
     * The raw array (name included), for commands that take "the rest of the arguments".
     *
     * @return the parser's array itself, which it reuses for a later command: do not keep it
     */
    public byte[][] all() {
        return args;
    }

    /**
     * The table the command was found in. Only COMMAND needs it: it describes every command the table holds.
     *
     * @return the table running this command
     */
    public CommandTable table() {
        return table;
    }

    /**
     * True if argument {@code index} equals {@code option} ignoring ASCII case ({@code ex}, {@code EX}, {@code Ex}).
     *
     * @param index the argument's position
     * @param option the option name to compare with
     * @return whether they match
     */
    public boolean is(int index, String option) {
        return equalsIgnoreCase(args[index], option);
    }

    /**
     * The argument as a long with string2ll's rules, or {@link CommandError#NOT_INTEGER}.
     *
     * @param index the argument's position
     * @return the parsed value
     * @throws CommandError {@link CommandError#NOT_INTEGER} if the argument is not a decimal integer in range
     */
    public long longAt(int index) {
        return parseLong(args[index]);
    }

    /**
     * Parses a decimal integer by Redis's rules ({@link Numbers#parseLong(byte[])}); a failure becomes an error reply.
     *
     * @param bytes the ASCII digits, optionally preceded by {@code -}
     * @return the parsed value
     * @throws CommandError {@link CommandError#NOT_INTEGER} if the bytes are not a decimal integer in range
     */
    public static long parseLong(byte[] bytes) {
        try {
            return Numbers.parseLong(bytes);
        } catch (NumberFormatException e) {
            throw CommandError.NOT_INTEGER;
        }
    }

    /**
     * ASCII case-insensitive comparison of raw bytes with an option name.
     *
     * @param bytes the bytes the client sent
     * @param option the option name, ASCII
     * @return whether they are equal ignoring ASCII case
     */
    public static boolean equalsIgnoreCase(byte[] bytes, String option) {
        if (bytes.length != option.length()) return false;
        for (int i = 0; i < bytes.length; i++) {
            int b = bytes[i];
            if (b >= 'A' && b <= 'Z') b += 32;
            int c = option.charAt(i);
            if (c >= 'A' && c <= 'Z') c += 32;
            if (b != c) return false;
        }
        return true;
    }
}
