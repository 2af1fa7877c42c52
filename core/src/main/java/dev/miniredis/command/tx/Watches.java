package dev.miniredis.command.tx;

import dev.miniredis.db.Db;
import dev.miniredis.db.KeyChanges;
import dev.miniredis.db.Keyspace;
import dev.miniredis.db.types.BytesMap;

import java.util.ArrayList;

/**
 * Every watched key, and who watches it: WATCH's side of optimistic locking. For each database a map from key to the
 * transactions watching it; the keyspace tells us of every change ({@link KeyChanges}), and a change to a watched key
 * marks its watchers' transactions so that their EXEC answers a null array.
 *
 * <pre>
 *   client A: WATCH balance      watched[0]: "balance" -> [A]          Db 0 now reports its changes
 *   client B: SET balance 10     Db 0 -> modified("balance") -> A marked, A unwatches everything
 *   client A: MULTI, ..., EXEC   A is marked: null array, nothing ran
 * </pre>
 *
 * <p><b>Cost when unused.</b> A database reports changes only while some key in it is watched ({@link Keyspace#watched}),
 * so a server where nobody uses WATCH pays one boolean test per write. Loop thread only.
 */
public final class Watches implements KeyChanges {
    /** A watched key: its database, its bytes, and whether it had already expired (unremoved) when watched. */
    record Watched(int db, byte[] key, boolean expiredWhenWatched) {
    }

    private final Keyspace keyspace;
    private final BytesMap<ArrayList<Transaction>>[] watched;

    /**
     * A registry for the keyspace's databases, installed as their change listener.
     *
     * @param keyspace the databases
     */
    @SuppressWarnings("unchecked")
    public Watches(Keyspace keyspace) {
        this.keyspace = keyspace;
        this.watched = new BytesMap[keyspace.count()];
        keyspace.changes(this);
    }

    /**
     * WATCH: {@code t} watches {@code key} in {@code db} (again watching a key it watches changes nothing).
     *
     * @param t the connection's transaction state
     * @param db the database
     * @param key the key (kept: the parser hands over a fresh array per argument)
     * @param now the current time, epoch milliseconds
     */
    void watch(Transaction t, Db db, byte[] key, long now) {
        for (Watched w : t.watching) {
            if (w.db() == db.index() && java.util.Arrays.equals(w.key(), key)) return;
        }
        BytesMap<ArrayList<Transaction>> map = watched[db.index()];
        if (map == null) map = watched[db.index()] = new BytesMap<>();
        int e = map.find(key);
        if (e < 0) e = map.add(key, new ArrayList<>(2));
        map.value(e).add(t);
        t.watching.add(new Watched(db.index(), key, db.expiredButPresent(key, now)));
        keyspace.watched(db.index(), true);
    }

    /**
     * UNWATCH, EXEC, DISCARD, RESET and a closing connection: {@code t} stops watching everything.
     *
     * @param t the connection's transaction state
     */
    public void unwatchAll(Transaction t) {
        for (Watched w : t.watching) {
            BytesMap<ArrayList<Transaction>> map = watched[w.db()];
            int e = map.find(w.key());
            ArrayList<Transaction> watchers = map.value(e);
            watchers.remove(t);
            if (watchers.isEmpty()) map.removeEntry(e);
            if (map.size() == 0) keyspace.watched(w.db(), false);
        }
        t.watching.clear();
    }

    /**
     * Whether a key {@code t} watches has expired since it was watched (Redis's {@code isWatchedKeyExpired}): EXEC
     * then fails even though no write touched it, since the key is gone as far as the client can tell.
     */
    boolean watchedKeyExpired(Transaction t, long now) {
        for (Watched w : t.watching) {
            if (!w.expiredWhenWatched() && keyspace.db(w.db()).expiredButPresent(w.key(), now)) return true;
        }
        return false;
    }

    @Override
    public void modified(Db db, byte[] key, int length) {
        BytesMap<ArrayList<Transaction>> map = watched[db.index()];
        if (map == null) return;
        int e = map.find(key, 0, length);
        if (e >= 0) touch(map.value(e));
    }

    @Override
    public void replaced(Db emptied, Db replacedWith) {
        BytesMap<ArrayList<Transaction>> map = watched[emptied.index()];
        if (map == null || map.size() == 0) return;
        // Only keys that exist (before, or after the swap) count as changed, as in Redis's touchAllWatchedKeysInDb.
        ArrayList<ArrayList<Transaction>> hit = new ArrayList<>();
        map.forEach(e -> {
            byte[] key = map.key(e);
            if (emptied.holds(key, key.length) || (replacedWith != null && replacedWith.holds(key, key.length))) {
                hit.add(map.value(e));
            }
        });
        for (ArrayList<Transaction> watchers : hit) touch(watchers);
    }

    // Marks every watcher; each then unwatches everything (nothing can make its EXEC succeed any more), which also
    // empties this list, so take them from the end.
    private void touch(ArrayList<Transaction> watchers) {
        while (!watchers.isEmpty()) {
            Transaction t = watchers.get(watchers.size() - 1);
            t.watchedKeyChanged = true;
            unwatchAll(t);
        }
    }
}
