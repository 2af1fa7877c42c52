package dev.miniredis.pubsub;

import dev.miniredis.db.Glob;
import dev.miniredis.db.Key;
import dev.miniredis.protocol.Numbers;
import dev.miniredis.protocol.Resp;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Who listens to what: channel → subscribers, pattern → subscribers. Like the {@code Db}, it belongs to the event-loop
 * thread alone and has no locks.
 *
 * <h2>Fan-out</h2>
 * {@link #publish} encodes the message frame <em>once</em> and hands the same bytes to every subscriber of the channel,
 * which copies them into its write buffer. With 100 subscribers that is one encoding and 100 array copies: no frame
 * object per subscriber, no queue, no thread. Subscribers matching through a pattern get a {@code pmessage} frame,
 * encoded once per matching pattern. The replies then leave with the loop's next flush.
 *
 * <pre>
 *   PUBLISH news hi ──&gt; encode "*3 message news hi" once ──┬──&gt; subscriber A's write buffer ──&gt; socket A
 *                                                          ├──&gt; subscriber B's write buffer ──&gt; socket B
 *   pattern n* matches ──&gt; encode "*4 pmessage n* news hi" └──&gt; subscriber C's write buffer ──&gt; socket C
 * </pre>
 */
public final class PubSub {
    private final Map<Key, List<Subscriber>> channels = new HashMap<>();
    private final Map<Key, List<Subscriber>> patterns = new LinkedHashMap<>();

    private static final byte[] MESSAGE = Resp.ascii("message");
    private static final byte[] PMESSAGE = Resp.ascii("pmessage");

    /**
     * Adds the channel; false if the subscriber already had it (Redis still replies, with an unchanged count).
     *
     * @param s the subscribing connection
     * @param channel the channel name
     * @return whether the subscription is new
     */
    public boolean subscribe(Subscriber s, Key channel) {
        if (!s.subscriptions().addChannel(channel)) return false;
        channels.computeIfAbsent(channel, k -> new ArrayList<>(4)).add(s);
        return true;
    }

    /**
     * Removes the channel; an empty channel disappears from the registry.
     *
     * @param s the unsubscribing connection
     * @param channel the channel name
     * @return false if the subscriber did not have the channel
     */
    public boolean unsubscribe(Subscriber s, Key channel) {
        if (!s.subscriptions().removeChannel(channel)) return false;
        removeFrom(channels, channel, s);
        return true;
    }

    /**
     * Adds a glob pattern; every later publish to a matching channel reaches {@code s} as a {@code pmessage}.
     *
     * @param s the subscribing connection
     * @param pattern the glob pattern, see {@link Glob}
     * @return whether the subscription is new
     */
    public boolean psubscribe(Subscriber s, Key pattern) {
        if (!s.subscriptions().addPattern(pattern)) return false;
        patterns.computeIfAbsent(pattern, k -> new ArrayList<>(4)).add(s);
        return true;
    }

    /**
     * Removes a pattern; an empty pattern disappears from the registry.
     *
     * @param s the unsubscribing connection
     * @param pattern the pattern exactly as subscribed (not matched as a glob)
     * @return false if the subscriber did not have the pattern
     */
    public boolean punsubscribe(Subscriber s, Key pattern) {
        if (!s.subscriptions().removePattern(pattern)) return false;
        removeFrom(patterns, pattern, s);
        return true;
    }

    /**
     * Drops every subscription of a connection that is closing, so nothing is left behind.
     *
     * @param s the closing connection
     */
    public void removeAll(Subscriber s) {
        if (s.subscriptions().isEmpty()) return; // most connections never subscribed: nothing to copy or walk
        for (Key channel : s.subscriptions().channels()) unsubscribe(s, channel);
        for (Key pattern : s.subscriptions().patterns()) punsubscribe(s, pattern);
    }

    private static void removeFrom(Map<Key, List<Subscriber>> map, Key key, Subscriber s) {
        List<Subscriber> list = map.get(key);
        list.remove(s);
        if (list.isEmpty()) map.remove(key); // an empty channel disappears from PUBSUB CHANNELS, as in Redis
    }

    /**
     * Delivers {@code message} to every subscriber of {@code channel}, directly and through patterns; returns how many.
     *
     * @param channel the channel name
     * @param message the payload
     * @return deliveries made: a connection subscribed directly and through a pattern (or two) counts once for each
     */
    public int publish(byte[] channel, byte[] message) {
        int receivers = 0;
        List<Subscriber> direct = channels.get(new Key(channel));
        if (direct != null && !direct.isEmpty()) {
            byte[] frame = frame(MESSAGE, null, channel, message);
            // Iterate by index over a snapshot size: a delivery never changes the list (closing is deferred by the loop).
            for (int i = 0, n = direct.size(); i < n; i++) direct.get(i).deliver(frame);
            receivers += direct.size();
        }
        if (!patterns.isEmpty()) {
            for (Map.Entry<Key, List<Subscriber>> e : patterns.entrySet()) {
                byte[] pattern = e.getKey().bytes();
                if (!Glob.matches(pattern, channel)) continue;
                byte[] frame = frame(PMESSAGE, pattern, channel, message);
                List<Subscriber> list = e.getValue();
                for (int i = 0, n = list.size(); i < n; i++) list.get(i).deliver(frame);
                receivers += list.size();
            }
        }
        return receivers;
    }

    // *3 $7 message $<channel> $<message>, or *4 $8 pmessage $<pattern> $<channel> $<message>, as one array.
    private static byte[] frame(byte[] kind, byte[] pattern, byte[] channel, byte[] message) {
        int parts = pattern == null ? 3 : 4;
        int size = 4 + bulkSize(kind) + bulkSize(channel) + bulkSize(message) + (pattern == null ? 0 : bulkSize(pattern));
        byte[] frame = new byte[size];
        int p = 0;
        frame[p++] = Resp.ARRAY;
        frame[p++] = (byte) ('0' + parts);
        frame[p++] = Resp.CR;
        frame[p++] = Resp.LF;
        p = putBulk(frame, p, kind);
        if (pattern != null) p = putBulk(frame, p, pattern);
        p = putBulk(frame, p, channel);
        putBulk(frame, p, message);
        return frame;
    }

    private static int bulkSize(byte[] b) {
        return 1 + Numbers.decimalLength(b.length) + 2 + b.length + 2;
    }

    private static int putBulk(byte[] frame, int p, byte[] b) {
        frame[p++] = Resp.BULK_STRING;
        p = Numbers.writeLong(b.length, frame, p);
        frame[p++] = Resp.CR;
        frame[p++] = Resp.LF;
        System.arraycopy(b, 0, frame, p, b.length);
        p += b.length;
        frame[p++] = Resp.CR;
        frame[p++] = Resp.LF;
        return p;
    }

    /**
     * Channels with at least one subscriber, optionally filtered by a glob pattern (PUBSUB CHANNELS).
     *
     * @param pattern the glob to filter by, or null for every channel
     * @return the channel names, in no particular order
     */
    public List<byte[]> activeChannels(byte[] pattern) {
        List<byte[]> result = new ArrayList<>();
        for (Key channel : channels.keySet()) {
            if (pattern == null || Glob.matches(pattern, channel.bytes())) result.add(channel.bytes());
        }
        return result;
    }

    /**
     * Direct subscribers of a channel, patterns not counted (PUBSUB NUMSUB).
     *
     * @param channel the channel name
     * @return the number of subscribers, 0 for an unknown channel
     */
    public int subscriberCount(byte[] channel) {
        List<Subscriber> list = channels.get(new Key(channel));
        return list == null ? 0 : list.size();
    }

    /**
     * Distinct patterns with at least one subscriber (PUBSUB NUMPAT).
     *
     * @return the number of patterns
     */
    public int patternCount() {
        return patterns.size();
    }
}
