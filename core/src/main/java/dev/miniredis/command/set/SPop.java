package dev.miniredis.command.set;

import dev.miniredis.command.Args;
import dev.miniredis.command.Category;
import dev.miniredis.command.Command;
import dev.miniredis.command.CommandError;
import dev.miniredis.command.CommandSpec;
import dev.miniredis.command.Context;
import dev.miniredis.command.Flag;
import dev.miniredis.db.Db;
import dev.miniredis.db.Encoding;
import dev.miniredis.db.types.IntSet;
import dev.miniredis.db.types.MemberSet;
import dev.miniredis.protocol.RespWriter;
import dev.miniredis.pubsub.Notifications;

import java.util.random.RandomGenerator;

/**
 * {@code SPOP key [count]}: removes and returns random members. Without a count: one member as a bulk string, or null.
 * With one: a RESP3 set (RESP2 array) of distinct members, empty for a missing key or a count of 0.
 *
 * <p>Redis's three cases with a count (t_set.c), kept because one of them changes the encoding:
 * <ol>
 *   <li>count at least the size: the whole set, and the key goes;</li>
 *   <li>few to pop (the members left, times 5, exceed the count): pop them one by one;</li>
 *   <li>most to pop: pick the few members that <em>stay</em> into a new set, reply what is left of the old one, and
 *       store the new set in its place. The new set is created as SADD would create it, so a hash table set whose
 *       remaining members are integers becomes an intset again: the one way Redis 7.0 goes back to an intset.</li>
 * </ol>
 */
record SPop(byte[] key, long count) implements Command {
    static final CommandSpec SPEC = CommandSpec.of("spop", -2, Flag.WRITE, Flag.FAST).keys(1, 1, 1)
            .categories(Category.SET).group("set").since("1.0.0")
            .summary("Remove and return one or multiple random members from a set").parser(SPop::parse);

    /** SPOP_MOVE_STRATEGY_MUL in Redis: when the members that stay, times this, are fewer than those popped, case 3. */
    private static final long MOVE_STRATEGY_MUL = 5;
    private static final long NO_COUNT = -1;

    static Command parse(Args args) {
        if (args.count() > 3) throw CommandError.SYNTAX;
        if (args.count() == 2) return new SPop(args.get(1), NO_COUNT);
        long count;
        try {
            count = args.longAt(2);
        } catch (CommandError e) {
            count = -1;                                   // Redis says the same of "x" as of -1
        }
        if (count < 0) throw new CommandError("ERR value is out of range, must be positive");
        return new SPop(args.get(1), count);
    }

    @Override
    public void execute(Context ctx) {
        Db db = ctx.db();
        long now = ctx.now();
        RespWriter out = ctx.reply();
        long a = Sets.requireSet(db, db.lookup(key, now));
        if (count == NO_COUNT) {
            if (a == Db.NIL) {
                out.nil();
                return;
            }
            popOne(db, a, out, now);
            notifyPopped(ctx);
            return;
        }
        if (a == Db.NIL || count == 0) {
            out.set(0);
            return;
        }
        int size = Sets.size(db, a);
        if (count >= size) {                                         // case 1
            db.get(key, now); // Redis replies here through SUNION, whose read of the key counts as a keyspace hit
            Sets.replyAll(out, db, a);
            db.delete(a);
            notifyPopped(ctx);
            return;
        }
        int n = (int) count;
        int remaining = size - n;
        RandomGenerator random = Sets.random();
        boolean intset = db.type(a) == Encoding.SET_INTSET;
        if (remaining * MOVE_STRATEGY_MUL > n) {                     // case 2
            out.set(n);
            if (intset) {
                byte[] ints = db.readPacked(a, 0);
                int length = db.valueLength(a);
                for (int k = 0; k < n; k++) {
                    int i = random.nextInt(IntSet.count(ints, length));
                    out.bulk(IntSet.get(ints, i));
                    length = IntSet.removeAt(ints, length, i);
                }
                db.putPacked(key, Encoding.SET_INTSET, ints, length, now);
            } else {
                MemberSet set = Sets.heap(db, a);
                for (int k = 0; k < n; k++) {
                    int e = set.randomEntry(random);
                    out.bulk(set.member(e));
                    set.removeEntry(e);
                }
                db.resized(a);
            }
            notifyPopped(ctx);
            return;
        }
        SetBuilder kept = new SetBuilder(db.limits().setMaxIntsetEntries); // case 3
        out.set(n);
        if (intset) {
            byte[] ints = db.readPacked(a, 0);
            int length = db.valueLength(a);
            for (int k = 0; k < remaining; k++) {
                int i = random.nextInt(IntSet.count(ints, length));
                kept.addLong(IntSet.get(ints, i));
                length = IntSet.removeAt(ints, length, i);
            }
            for (int i = 0, left = IntSet.count(ints, length); i < left; i++) out.bulk(IntSet.get(ints, i));
        } else {
            MemberSet set = Sets.heap(db, a);
            for (int k = 0; k < remaining; k++) {
                int e = set.randomEntry(random);
                kept.add(set.member(e));   // the array moves to the new set
                set.removeEntry(e);
            }
            set.forEach(e -> out.bulk(set.member(e)));
        }
        kept.store(db, key, now, true); // Redis's dbOverwrite: the key keeps its deadline
        notifyPopped(ctx);
    }

    // "spop" once however many were popped, then "del" if that was the last of them.
    private void notifyPopped(Context ctx) {
        ctx.notify(Notifications.SET, "spop", key);
        ctx.notifyIfEmptied(key);
    }

    private void popOne(Db db, long a, RespWriter out, long now) {
        RandomGenerator random = Sets.random();
        if (db.type(a) == Encoding.SET_INTSET) {
            byte[] ints = db.readPacked(a, 0);
            int length = db.valueLength(a);
            int i = random.nextInt(IntSet.count(ints, length));
            out.bulk(IntSet.get(ints, i));
            length = IntSet.removeAt(ints, length, i);
            if (IntSet.count(ints, length) == 0) db.delete(a);
            else db.putPacked(key, Encoding.SET_INTSET, ints, length, now);
            return;
        }
        MemberSet set = Sets.heap(db, a);
        int e = set.randomEntry(random);
        out.bulk(set.member(e));
        set.removeEntry(e);
        if (set.size() == 0) db.delete(a);
        else db.resized(a);
    }
}
