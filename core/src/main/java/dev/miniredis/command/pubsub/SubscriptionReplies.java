package dev.miniredis.command.pubsub;

import dev.miniredis.protocol.Resp;
import dev.miniredis.protocol.RespWriter;

/**
 * The confirmation frame Redis sends for each channel or pattern in (P)(UN)SUBSCRIBE:
 * {@code [kind, name, count]}, where count is the connection's channels plus patterns afterwards. In RESP3 it is a push
 * frame, like the messages themselves.
 */
final class SubscriptionReplies {
    static final byte[] SUBSCRIBE = Resp.ascii("subscribe");
    static final byte[] UNSUBSCRIBE = Resp.ascii("unsubscribe");
    static final byte[] PSUBSCRIBE = Resp.ascii("psubscribe");
    static final byte[] PUNSUBSCRIBE = Resp.ascii("punsubscribe");

    private SubscriptionReplies() {
    }

    /** {@code name} null means "there was nothing to unsubscribe from": a null in its place, as Redis sends. */
    static void write(RespWriter out, byte[] kind, byte[] name, int count) {
        out.push(3).bulk(kind);
        if (name == null) out.nil();
        else out.bulk(name);
        out.integer(count);
    }
}
