package dev.miniredis.command;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * What runs when a name matches nothing: the command the {@link CommandTable} finds for a name nobody registered, or for a
 * container's subcommand that does not exist. It answers with Redis's error, worded exactly as Redis words it:
 * {@code -ERR unknown command 'foo', with args beginning with: 'a' 'b' } and
 * {@code -ERR unknown subcommand 'foo'. Try CLIENT HELP.}
 *
 * <p>Its specs pass every check (any arity, before AUTH, in subscribed mode), because Redis reports an unknown name
 * before it checks anything else; and they are not counted in {@code total_commands_processed}, because Redis counts
 * only the commands it runs.
 *
 * <p>Redis builds these messages with C's {@code printf}: names are cut at 128 bytes, arguments are quoted one by one
 * until the list reaches 128 bytes (the last one cut to fit), and, being C strings, every piece stops at its first NUL
 * byte. We reproduce those rules on the raw bytes ({@link dev.miniredis.protocol.RespWriter#error(byte[], int)} then
 * turns CR and LF into spaces, as Redis does). This is an error path, so it may allocate.
 *
 * <p>Two names are special: {@code POST} and {@code Host:} start an HTTP request, and get the {@link SecurityWarning}
 * instead of an error.
 */
record Unknown(byte[][] argv, boolean subcommand) implements Command {
    /** For a command name nobody registered. */
    static final CommandSpec COMMAND = CommandSpec.of("unknown", -1, Flag.NO_AUTH).allowWhileSubscribed().notCounted()
            .parser(Unknown::parseCommand);
    /** For a container's subcommand that does not exist: {@code CLIENT FOO}. */
    static final CommandSpec SUBCOMMAND = CommandSpec.of("unknown|subcommand", -1, Flag.NO_AUTH).allowWhileSubscribed()
            .notCounted().parser(args -> new Unknown(args.all(), true));

    private static final int LIMIT = 128;

    private static Command parseCommand(Args args) {
        if (args.is(0, "post") || args.is(0, "host:")) return SecurityWarning.CLOSE;
        return new Unknown(args.all(), false);
    }

    @Override
    public void execute(Context ctx) {
        byte[] message = subcommand ? subcommandMessage() : commandMessage();
        ctx.reply().error(message, message.length);
    }

    private byte[] commandMessage() {
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        message.writeBytes("ERR unknown command '".getBytes(StandardCharsets.US_ASCII));
        appendCString(message, argv[0], LIMIT);
        message.writeBytes("', with args beginning with: ".getBytes(StandardCharsets.US_ASCII));
        ByteArrayOutputStream quoted = new ByteArrayOutputStream();
        for (int i = 1; i < argv.length && quoted.size() < LIMIT; i++) {
            quoted.write('\'');
            appendCString(quoted, argv[i], LIMIT - (quoted.size() - 1));
            quoted.write('\'');
            quoted.write(' ');
        }
        message.writeBytes(quoted.toByteArray());
        return message.toByteArray();
    }

    // The container's name is what the client typed, upper-cased, as Redis prints it.
    private byte[] subcommandMessage() {
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        message.writeBytes("ERR unknown subcommand '".getBytes(StandardCharsets.US_ASCII));
        appendCString(message, argv[1], LIMIT);
        message.writeBytes("'. Try ".getBytes(StandardCharsets.US_ASCII));
        for (byte b : argv[0]) message.write(b >= 'a' && b <= 'z' ? b - 32 : b);
        message.writeBytes(" HELP.".getBytes(StandardCharsets.US_ASCII));
        return message.toByteArray();
    }

    // Appends at most `max` bytes of `s`, stopping at a NUL byte as C's %s does.
    private static void appendCString(ByteArrayOutputStream to, byte[] s, int max) {
        for (int i = 0; i < s.length && i < max && s[i] != 0; i++) to.write(s[i]);
    }
}
