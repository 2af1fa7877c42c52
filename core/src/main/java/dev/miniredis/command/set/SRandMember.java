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

import java.util.HashSet;
import java.util.random.RandomGenerator;

/**
 * {@code SRANDMEMBER key [count]}: random members, the set unchanged. Without a count: one, or null. With a positive
 * count: that many distinct members (the whole set if it has no more); with a negative one: that many draws, repeats
 * allowed. Always an array, even in RESP3, since a negative count repeats.
 *
 * <p>Distinct members are drawn as Redis does in spirit: when many are wanted, one walk over the set keeping each
 * member with the probability still needed (Knuth's selection sampling, so every subset is as likely); when few are,
 * random draws until enough distinct ones came up.
 */
record SRandMember(byte[] key, long count, boolean withCount) implements Command {
    static final CommandSpec SPEC = CommandSpec.of("srandmember", -2, Flag.READONLY).keys(1, 1, 1)
            .categories(Category.SET).group("set").since("1.0.0")
            .summary("Get one or multiple random members from a set").parser(SRandMember::parse);

    static Command parse(Args args) {
        if (args.count() > 3) throw CommandError.SYNTAX;
        if (args.count() == 2) return new SRandMember(args.get(1), 1, false);
        long count = args.longAt(2);
        if (count == Long.MIN_VALUE) {
            throw new CommandError("ERR value is out of range, value must between -9223372036854775807 and "
                    + "9223372036854775807");
        }
        return new SRandMember(args.get(1), count, true);
    }

    @Override
    public void execute(Context ctx) {
        Db db = ctx.db();
        RespWriter out = ctx.reply();
        long a = Sets.requireSet(db, db.get(key, ctx.now()));
        RandomGenerator random = Sets.random();
        if (!withCount) {
            if (a == Db.NIL) out.nil();
            else if (db.type(a) == Encoding.SET_INTSET) {
                byte[] ints = db.readPacked(a, 0);
                out.bulk(IntSet.get(ints, random.nextInt(IntSet.count(ints, db.valueLength(a)))));
            } else {
                MemberSet set = Sets.heap(db, a);
                out.bulk(set.member(set.randomEntry(random)));
            }
            return;
        }
        if (a == Db.NIL || count == 0) {
            out.array(0);
            return;
        }
        boolean intset = db.type(a) == Encoding.SET_INTSET;
        byte[] ints = intset ? db.readPacked(a, 0) : null;
        int length = intset ? db.valueLength(a) : 0;
        MemberSet set = intset ? null : Sets.heap(db, a);
        int size = intset ? IntSet.count(ints, length) : set.size();
        if (count < 0) {                                   // draws with repeats
            int n = (int) Math.min(-count, Integer.MAX_VALUE);
            out.array(n);
            for (int k = 0; k < n; k++) {
                if (intset) out.bulk(IntSet.get(ints, random.nextInt(size)));
                else out.bulk(set.member(set.randomEntry(random)));
            }
            return;
        }
        if (count >= size) {                               // the whole set
            out.array(size);
            if (intset) for (int i = 0; i < size; i++) out.bulk(IntSet.get(ints, i));
            else set.forEach(e -> out.bulk(set.member(e)));
            return;
        }
        int n = (int) count;
        out.array(n);
        if (intset) {
            int needed = n;
            for (int i = 0; i < size && needed > 0; i++) {
                if (random.nextInt(size - i) < needed) {
                    out.bulk(IntSet.get(ints, i));
                    needed--;
                }
            }
        } else if (n * 3L > size) {
            int[] state = {n, size};                       // still needed, still to see
            set.forEach(e -> {
                if (state[0] > 0 && random.nextInt(state[1]) < state[0]) {
                    out.bulk(set.member(e));
                    state[0]--;
                }
                state[1]--;
            });
        } else {
            HashSet<Integer> chosen = new HashSet<>();
            while (chosen.size() < n) {
                int e = set.randomEntry(random);
                if (chosen.add(e)) out.bulk(set.member(e));
            }
        }
    }
}
