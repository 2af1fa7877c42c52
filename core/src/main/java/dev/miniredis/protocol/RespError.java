package dev.miniredis.protocol;

/**
 * An error reply as the client side sees it: {@code -ERR unknown command ...} becomes {@code RespError("ERR unknown ...")}.
 *
 * @param message the text after the {@code -}, code included
 */
public record RespError(String message) {
    /**
     * The first word of the message: {@code ERR}, {@code WRONGTYPE}, {@code NOAUTH}, ...
     *
     * @return the code, or the whole message if it is a single word
     */
    public String code() {
        int space = message.indexOf(' ');
        return space < 0 ? message : message.substring(0, space);
    }
}
