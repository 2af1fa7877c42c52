package dev.miniredis.client;

import java.nio.charset.StandardCharsets;

/**
 * A published message as a subscriber receives it.
 *
 * @param channel the channel it was published to
 * @param pattern the pattern that matched, for PSUBSCRIBE deliveries; null for direct subscriptions
 * @param payload the message bytes
 */
public record Message(byte[] channel, byte[] pattern, byte[] payload) {
    /**
     * The channel name decoded as UTF-8.
     *
     * @return the channel as text
     */
    public String channelText() {
        return new String(channel, StandardCharsets.UTF_8);
    }

    /**
     * The payload decoded as UTF-8.
     *
     * @return the message as text
     */
    public String payloadText() {
        return new String(payload, StandardCharsets.UTF_8);
    }
}
