package dev.miniredis.command;

import dev.miniredis.db.Db;
import dev.miniredis.db.Encoding;
import dev.miniredis.db.Keyspace;
import dev.miniredis.db.types.BytesMap;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Blocked clients: who waits for which keys (BLPOP, BLMOVE, BZPOPMIN...), and which of those keys have just come into
 * being. Parking a client needs no thread: its connection stops consuming its pipeline (the reactor's parking, see
 * {@code reactor.Parking}) and its command is kept, to be run again when it can succeed.
 *
 * <pre>
 *   client B: BLPOP jobs 0     the list is empty: B is queued on (db 0, "jobs"); B's connection is parked
 *   client A: LPUSH jobs x     the Db reports that "jobs" came into being -&gt; it is a ready key
 *                              A's command finishes (its reply is written first, as in Redis)
 *   the loop, after A's command: for each ready key, the waiters in the order they came, while the key still holds
 *                              data of their type: B leaves every queue and its BLPOP runs again -&gt; it pops "x"
 * </pre>
 *
 * A key can only wake its waiters by coming into being: a waiter blocks only when all its keys are missing (a list or
 * sorted set that empties is deleted), so "created" is the only event that matters, and the keyspace reports it from
 * one place ({@code Db.onKeyReady}), whatever command or RENAME or MOVE made the key. Serving a waiter may create other
 * keys (BLMOVE pushes to its destination), which are served in the same pass, as Redis does.
 *
 * <p>Loop thread only.
 */
public final class Blocking {
    /** What a blocked client waits for: a list, or a sorted set. */
    public static final byte LIST = 1;
    /** See {@link #LIST}. */
    public static final byte ZSET = 2;

    /** One blocked client's keys, its kind, its deadline. */
    private record Waiting(int db, byte[][] keys, byte kind, long deadlineMillis) {
    }

    /** A key that came into being while someone waited for it. */
    public record ReadyKey(int db, byte[] key) {
    }

    private final Keyspace keyspace;
    private final BytesMap<ArrayDeque<Session>>[] waiters;
    private final java.util.Map<Session, Waiting> blocked = new java.util.LinkedHashMap<>();
    private final ArrayDeque<ReadyKey> ready = new ArrayDeque<>();
    private Session justBlocked;
    private final ArrayDeque<Session> woken = new ArrayDeque<>();
    private Session serving;                 // the waiter whose command runs again for a ready key, and that key
    private byte[] servingKey;
    private final java.util.Set<Session> timedOut = new java.util.HashSet<>();

    /**
     * The registry for a keyspace; it listens to each database's key-creation hook.
     *
     * @param keyspace the databases
     */
    @SuppressWarnings("unchecked")
    public Blocking(Keyspace keyspace) {
        this.keyspace = keyspace;
        this.waiters = new BytesMap[keyspace.count()];
        for (int i = 0; i < keyspace.count(); i++) {
            Db db = keyspace.db(i);
            db.onKeyReady(key -> created(db, key));
        }
    }

    /**
     * Blocks {@code s} on {@code keys} of the selected database: what a blocking command calls when none of its keys
     * holds anything. The command then returns without a reply; the command table sees {@link #takeJustBlocked} and has
     * the loop park the connection.
     *
     * @param s the client
     * @param db the database's number
     * @param keys the keys, in the order given (each is kept: the parser hands over fresh arrays)
     * @param kind {@link #LIST} or {@link #ZSET}
     * @param deadlineMillis when to give up, epoch milliseconds; {@link Long#MAX_VALUE} for never
     */
    public void block(Session s, int db, byte[][] keys, byte kind, long deadlineMillis) {
        BytesMap<ArrayDeque<Session>> map = waiters[db];
        if (map == null) map = waiters[db] = new BytesMap<>();
        for (byte[] key : keys) {
            int e = map.find(key);
            if (e < 0) e = map.add(key, new ArrayDeque<>(2));
            if (!map.value(e).contains(s)) map.value(e).addLast(s);
        }
        blocked.put(s, new Waiting(db, keys, kind, deadlineMillis));
        justBlocked = s;
    }

    /**
     * Whether the loop has clients to serve after the current command: ready keys, or clients freed by CLIENT UNBLOCK.
     *
     * @return true if {@link #pollReady} or {@link #pollWoken} has something
     */
    public boolean hasWork() {
        return !ready.isEmpty() || !woken.isEmpty();
    }

    /**
     * The loop is about to run {@code s}'s command again because {@code key} came into being (null after the run).
     *
     * @param s the waiter
     * @param key the ready key, or null when the run is over
     */
    public void serving(Session s, byte[] key) {
        serving = key == null ? null : s;
        servingKey = key;
    }

    /**
     * The keys a blocking command should look at now: only the ready key while it is being served for that key (Redis
     * pops from the key that became ready, not from the first of the command's keys), else all of its keys.
     *
     * @param s the client running the command
     * @param keys the command's keys, in order
     * @return the keys to try, in order
     */
    public byte[][] keysToTry(Session s, byte[][] keys) {
        if (serving != s) return keys;
        for (byte[] k : keys) if (java.util.Arrays.equals(k, servingKey)) return new byte[][] {k};
        return keys;
    }

    /**
     * Asks the loop to run {@code s}'s command again after the current command (CLIENT UNBLOCK ... TIMEOUT).
     *
     * @param s a client already taken out of the queues
     */
    public void wake(Session s) {
        woken.addLast(s);
    }

    /**
     * The next client to run again, or null.
     *
     * @return the client, taken off the list
     */
    public Session pollWoken() {
        return woken.pollFirst();
    }

    /**
     * Whether the command just run blocked its client (and forgets it): how the command table learns it must not count
     * the command as answered.
     *
     * @param s the client whose command just ran
     * @return true once after {@link #block}
     */
    public boolean takeJustBlocked(Session s) {
        if (justBlocked != s) return false;
        justBlocked = null;
        return true;
    }

    /**
     * Takes {@code s} out of every queue (served, timed out, unblocked, disconnected).
     *
     * @param s the client
     * @return whether it was blocked
     */
    public boolean unblock(Session s) {
        Waiting w = blocked.remove(s);
        if (w == null) return false;
        BytesMap<ArrayDeque<Session>> map = waiters[w.db()];
        for (byte[] key : w.keys()) {
            int e = map.find(key);
            if (e < 0) continue;
            ArrayDeque<Session> queue = map.value(e);
            queue.remove(s);
            if (queue.isEmpty()) map.removeEntry(e);
        }
        return true;
    }

    /**
     * @param s a client
     * @return whether it is blocked now
     */
    public boolean isBlocked(Session s) {
        return blocked.containsKey(s);
    }

    /**
     * @param s a blocked client
     * @return its deadline, epoch milliseconds, or {@link Long#MAX_VALUE}
     */
    public long deadlineMillis(Session s) {
        Waiting w = blocked.get(s);
        return w == null ? Long.MAX_VALUE : w.deadlineMillis();
    }

    /** @return how many clients are blocked (INFO's blocked_clients) */
    public int count() {
        return blocked.size();
    }

    /** @return the blocked clients, in the order they blocked (for shutdown) */
    public List<Session> all() {
        return new ArrayList<>(blocked.keySet());
    }

    /**
     * Marks {@code s} as timed out (its deadline passed, or CLIENT UNBLOCK ... TIMEOUT): when its command runs again it
     * answers as a timeout instead of looking at its keys.
     *
     * @param s a client just taken out of the queues
     */
    public void timedOut(Session s) {
        timedOut.add(s);
    }

    /**
     * Whether {@code s}'s command must answer as timed out (and forgets it): what a blocking command asks first.
     *
     * @param s the client running a blocking command
     * @return true once after {@link #timedOut}
     */
    public boolean takeTimedOut(Session s) {
        return !timedOut.isEmpty() && timedOut.remove(s);
    }

    /**
     * The deadline a blocking command's timeout argument gives, read as Redis reads it (getTimeoutFromObjectOrReply):
     * seconds as a C {@code long double}, times 1000 and truncated to whole milliseconds; 0 (or less than a millisecond)
     * is "forever"; a value that does not fit a long long, infinity included, is "negative", as the C cast makes it.
     *
     * @param arg the timeout argument
     * @param now the current time, epoch milliseconds
     * @return the deadline, or {@link Long#MAX_VALUE} for none
     * @throws CommandError Redis's two timeout errors
     */
    public static long deadline(byte[] arg, long now) {
        java.math.BigDecimal seconds = LongDoubles.parse(arg);
        if (seconds == null) throw new CommandError("ERR timeout is not a float or out of range");
        if (LongDoubles.isInfinite(seconds)) throw new CommandError("ERR timeout is negative");
        java.math.BigDecimal millis = seconds.movePointRight(3);
        if (millis.signum() < 0 || millis.compareTo(java.math.BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            throw new CommandError("ERR timeout is negative");
        }
        long ms = millis.longValue();                 // truncated, as the cast truncates
        return ms == 0 ? Long.MAX_VALUE : now + ms;
    }

    // The Db's hook: a list or sorted set came into being. Only keys someone waits for become ready, once each.
    private void created(Db db, byte[] key) {
        BytesMap<ArrayDeque<Session>> map = waiters[db.index()];
        if (map == null || map.find(key) < 0) return;
        for (ReadyKey r : ready) if (r.db() == db.index() && java.util.Arrays.equals(r.key(), key)) return;
        ready.addLast(new ReadyKey(db.index(), key.clone()));
    }

    /**
     * SWAPDB: the keys waited for in either database may exist now (Redis's scanDatabaseForReadyKeys).
     *
     * @param a one database's number
     * @param b the other's
     */
    public void swapped(int a, int b) {
        for (int index : new int[] {a, b}) {
            BytesMap<ArrayDeque<Session>> map = waiters[index];
            if (map == null) continue;
            Db db = keyspace.db(index);
            List<byte[]> keys = new ArrayList<>();
            map.forEach(e -> keys.add(map.key(e)));
            for (byte[] key : keys) if (db.holds(key, key.length)) created(db, key);
        }
    }

    /**
     * The next key that came into being with waiters, or null.
     *
     * @return the key, taken off the list
     */
    public ReadyKey pollReady() {
        return ready.pollFirst();
    }

    /**
     * The clients waiting for {@code r}, oldest first.
     *
     * @param r a ready key
     * @return a copy of the queue; {@link #canServe} says, one at a time, who the key can serve
     */
    public List<Session> servable(ReadyKey r) {
        BytesMap<ArrayDeque<Session>> map = waiters[r.db()];
        if (map == null) return List.of();
        int e = map.find(r.key());
        if (e < 0) return List.of();
        List<Session> out = new ArrayList<>();
        for (Session s : map.value(e)) out.add(s);
        return out;
    }

    /**
     * Whether {@code r}'s key holds a value {@code s} waits for, now.
     *
     * @param s a blocked client
     * @param r a ready key
     * @param now the current time, epoch milliseconds
     * @return true if serving {@code s} would find data
     */
    public boolean canServe(Session s, ReadyKey r, long now) {
        Waiting w = blocked.get(s);
        if (w == null) return false;
        Db db = keyspace.db(r.db());
        long a = db.peek(r.key(), now);
        if (a == Db.NIL) return false;
        byte type = db.type(a);
        boolean list = type == Encoding.LIST_PACKED || type == Encoding.LIST;
        boolean zset = type == Encoding.ZSET_PACKED || type == Encoding.ZSET;
        return w.kind() == LIST ? list : zset;
    }
}
