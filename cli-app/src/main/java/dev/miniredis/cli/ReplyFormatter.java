package dev.miniredis.cli;

import dev.miniredis.protocol.Push;

import java.util.List;
import java.util.Map;

/**
 * Formats replies the way redis-cli prints them on a terminal: {@code "bar"}, {@code (nil)}, {@code (integer) 1},
 * {@code (error) ERR ...}, numbered lines for arrays (indented when nested), {@code 1# "k" => v} for RESP3 maps.
 */
final class ReplyFormatter {
    private ReplyFormatter() {
    }

    static String format(Object reply) {
        StringBuilder out = new StringBuilder();
        append(out, reply, "");
        return out.toString();
    }

    static String error(String message) {
        return "(error) " + message;
    }

    private static void append(StringBuilder out, Object reply, String indent) {
        if (reply == null) {
            out.append("(nil)");
        } else if (reply instanceof String s) {
            out.append(s);
        } else if (reply instanceof Long n) {
            out.append("(integer) ").append(n);
        } else if (reply instanceof byte[] b) {
            out.append(quote(b));
        } else if (reply instanceof Double d) {
            out.append("(double) ").append(d);
        } else if (reply instanceof Boolean b) {
            out.append(b ? "(true)" : "(false)");
        } else if (reply instanceof Push p) {
            append(out, p.items(), indent);
        } else if (reply instanceof Map<?, ?> map) {
            if (map.isEmpty()) {
                out.append("(empty hash)");
                return;
            }
            int i = 1;
            int width = String.valueOf(map.size()).length();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (i > 1) out.append('\n').append(indent);
                String number = pad(i++, width) + "# ";
                Object key = e.getKey() instanceof String s ? s.getBytes(java.nio.charset.StandardCharsets.UTF_8) : e.getKey();
                out.append(number);
                append(out, key, indent + " ".repeat(number.length()));
                out.append(" => ");
                append(out, e.getValue(), indent + " ".repeat(number.length()));
            }
        } else if (reply instanceof List<?> list) {
            if (list.isEmpty()) {
                out.append("(empty array)");
                return;
            }
            int width = String.valueOf(list.size()).length();
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) out.append('\n').append(indent);
                String number = pad(i + 1, width) + ") ";
                out.append(number);
                append(out, list.get(i), indent + " ".repeat(number.length()));
            }
        } else {
            out.append(reply);
        }
    }

    private static String pad(int n, int width) {
        String s = String.valueOf(n);
        return " ".repeat(width - s.length()) + s;
    }

    /** The bytes in double quotes, with redis-cli's escapes for anything that is not printable ASCII. */
    static String quote(byte[] bytes) {
        StringBuilder s = new StringBuilder("\"");
        for (byte b : bytes) {
            int c = b & 0xff;
            switch (c) {
                case '\\' -> s.append("\\\\");
                case '"' -> s.append("\\\"");
                case '\n' -> s.append("\\n");
                case '\r' -> s.append("\\r");
                case '\t' -> s.append("\\t");
                case 7 -> s.append("\\a");
                case '\b' -> s.append("\\b");
                default -> {
                    if (c >= 0x20 && c < 0x7f) s.append((char) c);
                    else s.append(String.format("\\x%02x", c));
                }
            }
        }
        return s.append('"').toString();
    }
}
