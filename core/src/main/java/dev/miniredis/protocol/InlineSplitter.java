package dev.miniredis.protocol;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Splits one inline command line ({@code SET "a key" 'it\'s'}) into arguments with the quoting rules of Redis's
 * {@code sdssplitargs}:
 * <ul>
 *   <li>Arguments are separated by spaces, tabs, CR or LF.</li>
 *   <li>In double quotes, {@code \n \r \t \b \a} are control characters, {@code \xHH} is a byte in hex, and a backslash
 *       before anything else keeps that character.</li>
 *   <li>In single quotes only {@code \'} is special.</li>
 *   <li>A closing quote must be followed by a space or the end of the line; otherwise, or if a quote is never closed,
 *       the line is rejected with {@code Protocol error: unbalanced quotes in request}.</li>
 * </ul>
 * Inline commands come from people typing into telnet, so this path allocates freely; client libraries always send
 * multibulk.
 */
final class InlineSplitter {
    private InlineSplitter() {
    }

    static byte[][] split(byte[] line, int length) throws ProtocolException {
        List<byte[]> args = new ArrayList<>();
        byte[] current = new byte[16];
        int p = 0;
        while (true) {
            while (p < length && isSpace(line[p])) p++;
            if (p >= length) return args.toArray(new byte[0][]);
            int n = 0;
            boolean inDouble = false;
            boolean inSingle = false;
            boolean done = false;
            while (!done) {
                byte c = at(line, length, p);
                byte next = at(line, length, p + 1);
                if (n + 1 > current.length) current = Arrays.copyOf(current, current.length * 2);
                if (inDouble) {
                    if (c == '\\' && next == 'x' && isHex(at(line, length, p + 2)) && isHex(at(line, length, p + 3))) {
                        current[n++] = (byte) (hex(at(line, length, p + 2)) * 16 + hex(at(line, length, p + 3)));
                        p += 3;
                    } else if (c == '\\' && next != 0) {
                        p++;
                        current[n++] = switch (next) {
                            case 'n' -> '\n';
                            case 'r' -> '\r';
                            case 't' -> '\t';
                            case 'b' -> '\b';
                            case 'a' -> 7;
                            default -> next;
                        };
                    } else if (c == '"') {
                        if (next != 0 && !isSpace(next)) throw unbalanced();
                        done = true;
                    } else if (c == 0) {
                        throw unbalanced();
                    } else {
                        current[n++] = c;
                    }
                } else if (inSingle) {
                    if (c == '\\' && next == '\'') {
                        p++;
                        current[n++] = '\'';
                    } else if (c == '\'') {
                        if (next != 0 && !isSpace(next)) throw unbalanced();
                        done = true;
                    } else if (c == 0) {
                        throw unbalanced();
                    } else {
                        current[n++] = c;
                    }
                } else {
                    switch (c) {
                        case ' ', '\n', '\r', '\t', 0 -> done = true;
                        case '"' -> inDouble = true;
                        case '\'' -> inSingle = true;
                        default -> current[n++] = c;
                    }
                }
                if (p < length) p++;
            }
            args.add(Arrays.copyOf(current, n));
        }
    }

    // Past the end reads as 0, the way C code reading a NUL-terminated string sees it.
    private static byte at(byte[] line, int length, int i) {
        return i < length ? line[i] : 0;
    }

    private static boolean isSpace(byte c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0x0b || c == '\f';
    }

    private static boolean isHex(byte c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    private static int hex(byte c) {
        if (c <= '9') return c - '0';
        return (c | 0x20) - 'a' + 10;
    }

    private static ProtocolException unbalanced() {
        return new ProtocolException("Protocol error: unbalanced quotes in request");
    }
}
