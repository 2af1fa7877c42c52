package dev.miniredis.pubsub;

import dev.miniredis.db.Key;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One connection's channels and patterns, in subscription order. Its size is the count Redis puts in every
 * subscribe/unsubscribe reply, and a non-zero size is what puts a RESP2 connection in subscribed mode.
 */
public final class Subscriptions {
    final Set<Key> channels = new LinkedHashSet<>();
    final Set<Key> patterns = new LinkedHashSet<>();

    /**
     * Channels plus patterns.
     *
     * @return the count Redis reports in subscribe and unsubscribe replies
     */
    public int count() {
        return channels.size() + patterns.size();
    }

    /**
     * True when there are neither channels nor patterns.
     *
     * @return whether the connection has no subscriptions
     */
    public boolean isEmpty() {
        return channels.isEmpty() && patterns.isEmpty();
    }

    /**
     * A snapshot, for UNSUBSCRIBE without arguments (which changes the set while walking it).
     *
     * @return a copy of the channels, in subscription order
     */
    public List<Key> channels() {
        return new ArrayList<>(channels);
    }

    /**
     * A snapshot of the patterns, for PUNSUBSCRIBE without arguments.
     *
     * @return a copy of the patterns, in subscription order
     */
    public List<Key> patterns() {
        return new ArrayList<>(patterns);
    }
}
