package dev.miniredis.command.set;

import dev.miniredis.command.Context;
import dev.miniredis.db.Db;
import dev.miniredis.protocol.RespWriter;
import dev.miniredis.pubsub.Notifications;

import java.util.Arrays;
import java.util.Comparator;

/**
 * Intersection, union and difference, shared by SINTER, SINTERCARD, SINTERSTORE, SUNION, SUNIONSTORE, SDIFF and
 * SDIFFSTORE (and SMEMBERS's cousin SINTER of one key). Redis's {@code sinterGenericCommand} and
 * {@code sunionDiffGenericCommand}, step for step where a step shows in a reply or an encoding:
 *
 * <ul>
 *   <li>every key is type-checked before anything is computed; a missing key is an empty set;</li>
 *   <li>the intersection walks the smallest set (sorted by size, ties in argument order) and asks the others: so its
 *       reply is ascending exactly when that smallest set is an intset;</li>
 *   <li>union and difference build their result as Redis builds its {@code dstset} ({@link SetBuilder}): union adds
 *       set after set; difference picks Redis's algorithm by the same cost estimate (1: keep each member of the first
 *       set found in no other; 2: copy the first set, then remove the others' members), because the two can leave the
 *       result in different encodings.</li>
 * </ul>
 */
final class SetAlgebra {
    private SetAlgebra() {
    }

    private static final Comparator<SetView> BY_SIZE = Comparator.comparingInt(SetView::size);

    /** What {@link #inter} and {@link #unionOrDiff} return when the destination was not written (or no STORE). */
    static final int UNTOUCHED = -1;

    /** What an intersection produces: a reply, a count (with a limit, 0 for none), or a stored set. */
    enum Output { REPLY, COUNT, STORE }

    /**
     * The intersection of the sets under {@code keys[from .. to)}.
     *
     * @param limit SINTERCARD's LIMIT (0: none)
     * @param dst the destination key for {@link Output#STORE}
     */
    static int inter(Db db, RespWriter out, byte[][] keys, int from, int to, Output output, long limit, byte[] dst,
                     long now) {
        SetView[] sets = SetView.load(db, keys, from, to, now);
        for (SetView s : sets) {
            if (s == null) { // an empty set: the intersection is empty
                if (output == Output.STORE) {
                    boolean deleted = db.delete(dst, now); // the destination goes, whatever it held
                    out.integer(0);
                    return deleted ? 0 : UNTOUCHED;
                } else if (output == Output.COUNT) out.integer(0);
                else out.set(0);
                return UNTOUCHED;
            }
        }
        Arrays.sort(sets, BY_SIZE); // stable: equal sizes keep their order, as glibc's qsort (a merge sort) does
        SetView first = sets[0];
        int n = first.size();
        if (output == Output.COUNT) {
            long[] count = {0};
            if (first.isIntset()) {
                for (int i = 0; i < n && (limit == 0 || count[0] < limit); i++) {
                    if (inAllLong(sets, first.intAt(i))) count[0]++;
                }
            } else {
                first.heap().forEach(e -> {
                    if ((limit == 0 || count[0] < limit) && inAll(sets, first.heap().member(e))) count[0]++;
                });
            }
            out.integer(count[0]);
            return UNTOUCHED;
        }
        if (output == Output.STORE) {
            SetBuilder result = new SetBuilder(db.limits().setMaxIntsetEntries);
            if (first.isIntset()) {
                for (int i = 0; i < n; i++) if (inAllLong(sets, first.intAt(i))) result.addLong(first.intAt(i));
            } else {
                first.heap().forEach(e -> {
                    byte[] m = first.heap().member(e);
                    if (inAll(sets, m)) result.add(m);
                });
            }
            boolean changed = result.store(db, dst, now, false);
            out.integer(result.size());
            return changed ? result.size() : UNTOUCHED;
        }
        // A reply in the smallest set's order: collect first, since the count comes before the members.
        if (first.isIntset()) {
            long[] found = new long[n];
            int k = 0;
            for (int i = 0; i < n; i++) if (inAllLong(sets, first.intAt(i))) found[k++] = first.intAt(i);
            out.set(k);
            for (int i = 0; i < k; i++) out.bulk(found[i]);
        } else {
            byte[][] found = new byte[n][];
            int[] k = {0};
            first.heap().forEach(e -> {
                byte[] m = first.heap().member(e);
                if (inAll(sets, m)) found[k[0]++] = m;
            });
            out.set(k[0]);
            for (int i = 0; i < k[0]; i++) out.bulk(found[i]);
        }
        return UNTOUCHED;
    }

    private static boolean inAll(SetView[] sets, byte[] member) {
        for (int j = 1; j < sets.length; j++) if (!sets[j].contains(member)) return false;
        return true;
    }

    private static boolean inAllLong(SetView[] sets, long value) {
        for (int j = 1; j < sets.length; j++) if (!sets[j].containsLong(value)) return false;
        return true;
    }

    /**
     * The union or the difference of the sets under {@code keys[from .. to)}: replied as a set, or stored under
     * {@code dst} (null to reply) with its size replied.
     */
    static int unionOrDiff(Db db, RespWriter out, byte[][] keys, int from, int to, boolean diff, byte[] dst,
                           long now) {
        SetView[] sets = SetView.load(db, keys, from, to, now);
        SetBuilder result = new SetBuilder(db.limits().setMaxIntsetEntries);
        if (!diff) {
            for (SetView s : sets) if (s != null) addAll(result, s);
        } else if (sets[0] != null) {
            difference(sets, result);
        }
        if (dst == null) {
            result.reply(out);
            return UNTOUCHED;
        }
        boolean changed = result.store(db, dst, now, false);
        out.integer(result.size());
        return changed ? result.size() : UNTOUCHED;
    }

    /**
     * Publishes what a *STORE command did to its destination, as Redis does: its own event ({@code "sinterstore"},
     * ...) when it stored a result, {@code "del"} when an empty result deleted an existing key, nothing otherwise.
     *
     * @param stored what {@link #inter} or {@link #unionOrDiff} returned
     */
    static void notifyStored(Context ctx, int stored, String event, byte[] dst) {
        if (stored > 0) ctx.notify(Notifications.SET, event, dst);
        else if (stored == 0) ctx.notify(Notifications.GENERIC, "del", dst);
    }

    private static void difference(SetView[] sets, SetBuilder result) {
        // Redis's choice: algorithm 1 costs about |first| per other set, algorithm 2 the sum of all sizes; 1 gets an
        // advantage of a half since it stops at the first set that holds the member.
        long one = 0;
        long two = 0;
        for (SetView s : sets) {
            if (s == null) continue;
            one += sets[0].size();
            two += s.size();
        }
        one /= 2;
        SetView first = sets[0];
        if (one <= two) {
            // Algorithm 1, with the other sets by decreasing size (stable), so a member is ruled out sooner.
            SetView[] others = Arrays.copyOfRange(sets, 1, sets.length);
            Arrays.sort(others, Comparator.comparingInt((SetView s) -> s == null ? 0 : s.size()).reversed());
            if (first.isIntset()) {
                for (int i = 0, n = first.size(); i < n; i++) {
                    long v = first.intAt(i);
                    if (inNoneLong(others, v)) result.addLong(v);
                }
            } else {
                first.heap().forEach(e -> {
                    byte[] m = first.heap().member(e);
                    if (inNone(others, m)) result.add(m);
                });
            }
        } else {
            addAll(result, first);
            for (int j = 1; j < sets.length && result.size() > 0; j++) {
                SetView s = sets[j];
                if (s == null) continue;
                if (s.isIntset()) {
                    for (int i = 0, n = s.size(); i < n; i++) result.removeLong(s.intAt(i));
                } else {
                    s.heap().forEach(e -> result.remove(s.heap().member(e)));
                }
            }
        }
    }

    private static boolean inNone(SetView[] sets, byte[] member) {
        for (SetView s : sets) if (s != null && s.contains(member)) return false;
        return true;
    }

    private static boolean inNoneLong(SetView[] sets, long value) {
        for (SetView s : sets) if (s != null && s.containsLong(value)) return false;
        return true;
    }

    private static void addAll(SetBuilder result, SetView s) {
        if (s.isIntset()) {
            for (int i = 0, n = s.size(); i < n; i++) result.addLong(s.intAt(i));
        } else {
            s.heap().forEach(e -> result.add(s.heap().member(e)));
        }
    }
}
