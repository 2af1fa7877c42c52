package dev.miniredis.pubsub;

/**
 * The receiving end of pub/sub: a client connection, as {@link PubSub} sees it.
 *
 * <p>{@link #deliver} appends an already encoded frame to the subscriber's write buffer; the event loop sends it with the
 * connection's other output. Nothing is queued per subscriber beyond those bytes, and no thread is involved.
 */
public interface Subscriber {
    /**
     * Appends a message frame. The frame is encoded once per publish in its RESP2 form, {@code *3\r\n$7\r\nmessage...};
     * a RESP3 subscriber sends it with {@code >} as the first byte instead (a push frame), the rest being identical.
     *
     * @param frame the encoded frame, shared by every receiver: read it, never change it
     */
    void deliver(byte[] frame);

    /**
     * The channels and patterns this subscriber listens to.
     *
     * @return the live set, which {@link PubSub} updates
     */
    Subscriptions subscriptions();
}
