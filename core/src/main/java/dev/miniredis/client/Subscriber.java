package dev.miniredis.client;

import dev.miniredis.protocol.Push;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.List;

/**
 * A connection in subscribed mode: it receives messages and may change its subscriptions at any time.
 *
 * <pre>{@code
 * Subscriber sub = Client.connect("127.0.0.1", 6379).subscribe("news");
 * Message m = sub.nextMessage();          // waits for the next message
 * sub.psubscribe("sport.*");              // more channels or patterns while messages flow
 * }</pre>
 *
 * <p>Subscribing and unsubscribing wait for the server's confirmations. Messages that arrive meanwhile are kept, in
 * order, for the next {@link #nextMessage} calls, so none is lost or reordered. Not thread-safe.
 */
public final class Subscriber implements AutoCloseable {
    private final ClientConnection connection;
    private final ArrayDeque<Message> early = new ArrayDeque<>();
    private long subscriptions;

    Subscriber(ClientConnection connection) {
        this.connection = connection;
    }

    /**
     * {@code SUBSCRIBE}: adds channels and waits until the server has confirmed each one.
     *
     * @param channels the channels to add
     * @throws IOException if the connection is lost or a confirmation does not arrive in time
     */
    public void subscribe(String... channels) throws IOException {
        change("SUBSCRIBE", "subscribe", channels);
    }

    /**
     * {@code UNSUBSCRIBE}: drops channels (all of them if none are named) and waits for the confirmations.
     *
     * @param channels the channels to drop; none means every channel
     * @throws IOException if the connection is lost or a confirmation does not arrive in time
     */
    public void unsubscribe(String... channels) throws IOException {
        change("UNSUBSCRIBE", "unsubscribe", channels);
    }

    /**
     * {@code PSUBSCRIBE}: adds glob patterns such as {@code news.*} and waits for the confirmations.
     *
     * @param patterns the patterns to add
     * @throws IOException if the connection is lost or a confirmation does not arrive in time
     */
    public void psubscribe(String... patterns) throws IOException {
        change("PSUBSCRIBE", "psubscribe", patterns);
    }

    /**
     * {@code PUNSUBSCRIBE}: drops patterns (all of them if none are named) and waits for the confirmations.
     *
     * @param patterns the patterns to drop; none means every pattern
     * @throws IOException if the connection is lost or a confirmation does not arrive in time
     */
    public void punsubscribe(String... patterns) throws IOException {
        change("PUNSUBSCRIBE", "punsubscribe", patterns);
    }

    /**
     * Channels plus patterns, as of the last confirmation.
     *
     * @return the server's count of this connection's subscriptions
     */
    public long subscriptionCount() {
        return subscriptions;
    }

    // Sends the command, then reads frames until every confirmation is in. UNSUBSCRIBE with no names gets one
    // confirmation per channel it had (or one with a null name if it had none), so then we stop at a count of zero.
    private void change(String command, String confirmation, String... names) throws IOException {
        byte[][] args = new byte[names.length + 1][];
        args[0] = Client.b(command);
        for (int i = 0; i < names.length; i++) args[i + 1] = Client.b(names[i]);
        connection.send(args);
        int expected = names.length;
        int seen = 0;
        while (true) {
            List<?> frame = frame(connection.read(null));
            String kind = text(frame.get(0));
            if (kind.equals(confirmation)) {
                subscriptions = (Long) frame.get(2);
                seen++;
                if (expected > 0 ? seen == expected : (subscriptions == 0 || frame.get(1) == null)) return;
            } else {
                Message m = message(frame);
                if (m != null) early.add(m);
            }
        }
    }

    /**
     * Waits (up to the client's timeout) for the next message.
     *
     * @return the next message
     * @throws IOException if the connection is lost or no message arrives within the client's timeout
     */
    public Message nextMessage() throws IOException {
        return nextMessage(null);
    }

    /**
     * Waits up to {@code timeout} for the next message; returns null if none arrived in time.
     *
     * @param timeout how long to wait; null means the client's timeout, which then throws instead of returning null
     * @return the next message, or null if none arrived in time
     * @throws IOException if the connection is lost
     */
    public Message nextMessage(Duration timeout) throws IOException {
        if (!early.isEmpty()) return early.poll();
        while (true) {
            Object reply;
            try {
                reply = connection.read(timeout);
            } catch (IOException e) {
                if (timeout != null && ClientConnection.isTimeout(e)) return null;
                throw e;
            }
            Message m = message(frame(reply));
            if (m != null) return m;
        }
    }

    private static List<?> frame(Object reply) {
        Object checked = ClientConnection.check(reply);
        if (checked instanceof Push push) return push.items();
        if (checked instanceof List<?> list) return list;
        throw new IllegalStateException("unexpected reply in subscribed mode: " + checked);
    }

    // A "message" or "pmessage" frame as a Message; null for anything else (a pong, say).
    private static Message message(List<?> frame) {
        String kind = text(frame.get(0));
        if (kind.equals("message")) return new Message((byte[]) frame.get(1), null, (byte[]) frame.get(2));
        if (kind.equals("pmessage")) {
            return new Message((byte[]) frame.get(2), (byte[]) frame.get(1), (byte[]) frame.get(3));
        }
        return null;
    }

    private static String text(Object o) {
        return o instanceof byte[] b ? new String(b, StandardCharsets.UTF_8) : String.valueOf(o);
    }

    @Override
    public void close() throws IOException {
        connection.close();
    }

    @Override
    public String toString() {
        return "Subscriber[subscriptions=" + subscriptions + ", waiting=" + Arrays.toString(early.toArray()) + "]";
    }
}
