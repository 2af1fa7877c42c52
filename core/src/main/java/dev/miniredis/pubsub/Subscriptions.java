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
    // Created on the first subscription: most connections never subscribe, and two empty sets cost ~150 bytes each.
    private Set<Key> channels;
    private Set<Key> patterns;

    boolean addChannel(Key channel) {
        if (channels == null) channels = new LinkedHashSet<>();
        return channels.add(channel);
    }

    boolean removeChannel(Key channel) {
        return channels != null && channels.remove(channel);
    }

    boolean addPattern(Key pattern) {
        if (patterns == null) patterns = new LinkedHashSet<>();
        return patterns.add(pattern);
    }

    boolean removePattern(Key pattern) {
        return patterns != null && patterns.remove(pattern);
    }

    /**
     * Channels plus patterns.
     *
     * @return the count Redis reports in subscribe and unsubscribe replies
     */
    public int count() {
        return (channels == null ? 0 : channels.size()) + (patterns == null ? 0 : patterns.size());
    }

    /**
     * True when there are neither channels nor patterns.
     *
     * @return whether the connection has no subscriptions
     */
    public boolean isEmpty() {
        return (channels == null || channels.isEmpty()) && (patterns == null || patterns.isEmpty());
    }

    /**
     * A snapshot, for UNSUBSCRIBE without arguments (which changes the set while walking it).
     *
     * @return a copy of the channels, in subscription order
     */
    public List<Key> channels() {
        return channels == null ? new ArrayList<>() : new ArrayList<>(channels);
    }

    /**
     * A snapshot of the patterns, for PUNSUBSCRIBE without arguments.
     *
     * @return a copy of the patterns, in subscription order
     */
    public List<Key> patterns() {
        return patterns == null ? new ArrayList<>() : new ArrayList<>(patterns);
    }
}
