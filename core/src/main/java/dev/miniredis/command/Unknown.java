package dev.miniredis.command;

import dev.miniredis.protocol.RespWriter;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The reply to a command name nobody registered, worded exactly as Redis words it:
 * {@code -ERR unknown command 'foo', with args beginning with: 'a' 'b' }.
 *
 * <p>Redis builds this message with C's {@code printf}: the name is cut at 128 bytes, arguments are quoted one by one until
 * the list reaches 128 bytes (the last one cut to fit), and, being C strings, every piece stops at its first NUL byte. We
 * reproduce those rules on the raw bytes. This is an error path, so it may allocate.
 */
final class Unknown {
    private static final int LIMIT = 128;

    private Unknown() {
    }

    static void reply(byte[][] argv, RespWriter out) {
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
        byte[] bytes = message.toByteArray();
        out.error(bytes, bytes.length);
    }

    // Appends at most `max` bytes of `s`, stopping at a NUL byte as C's %s does.
    private static void appendCString(ByteArrayOutputStream to, byte[] s, int max) {
        for (int i = 0; i < s.length && i < max && s[i] != 0; i++) to.write(s[i]);
    }
}
