package dev.miniredis.protocol;

import java.util.List;

/**
 * A RESP3 push frame ({@code >3\r\n...}): data the server sends on its own, such as a pub/sub message, rather than as the
 * reply to a command.
 *
 * @param items the frame's elements, decoded as {@link ReplyParser} decodes array elements
 */
public record Push(List<Object> items) {
}
