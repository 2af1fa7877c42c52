package dev.miniredis.command.zset;

import dev.miniredis.command.Args;
import dev.miniredis.command.Command;
import dev.miniredis.command.CommandError;
import dev.miniredis.command.CommandSpec;
import dev.miniredis.command.Context;
import dev.miniredis.command.Flag;
import dev.miniredis.db.Db;
import dev.miniredis.db.types.Listpack;
import dev.miniredis.db.types.PackedZSet;
import dev.miniredis.db.types.SkipList;
import dev.miniredis.protocol.RespWriter;

import java.util.Arrays;
import java.util.Comparator;

/**
 * {@code ZUNION|ZINTER|ZDIFF numkeys key [key ...] [WEIGHTS w ...] [AGGREGATE SUM|MIN|MAX] [WITHSCORES]}, their
 * *STORE forms ({@code destination numkeys key ...}) and {@code ZINTERCARD numkeys key [key ...] [LIMIT limit]}:
 * Redis's {@code zunionInterDiffGenericCommand}, one parse and three algorithms.
 *
 * <ul>
 *   <li><b>Union:</b> every element of every input, each input's score times its weight, aggregated (a sum of
 *       infinity and minus infinity is 0, as in Redis).</li>
 *   <li><b>Intersection:</b> walk the smallest input, keep what every other input holds (one hash lookup each on a
 *       skip list).</li>
 *   <li><b>Difference:</b> what the first input holds and no other does, with the first input's scores.</li>
 * </ul>
 * Inputs are sorted by size first, smallest first, as Redis does (stably: a sum of doubles depends on its order).
 * The result is built as a skip list (which is also the union's accumulator: a member seen again is found through its
 * hash table) and then replied, counted, or stored, packed if small enough. Plain sets count as sorted sets whose
 * scores are all 1 (see {@link #setMembers}).
 */
record ZSetOp(int op, byte[] dst, byte[][] keys, byte[][] options, boolean cardinalityOnly) implements Command {
    static final int UNION = 0;
    static final int INTER = 1;
    static final int DIFF = 2;
    // The event each *STORE form publishes on its destination, by op.
    private static final String[] STORE_EVENTS = {"zunionstore", "zinterstore", "zdiffstore"};
    static final int SUM = 0;
    static final int MIN = 1;
    static final int MAX = 2;

    static final CommandSpec ZUNION = ZSets.spec("zunion", -3, Flag.READONLY, Flag.MOVABLEKEYS).keys(0, 0, 0)
            .since("6.2.0").summary("Returns the union of multiple sorted sets.")
            .parser(args -> parse(args, "zunion", UNION, false, false));
    static final CommandSpec ZINTER = ZSets.spec("zinter", -3, Flag.READONLY, Flag.MOVABLEKEYS).keys(0, 0, 0)
            .since("6.2.0").summary("Returns the intersect of multiple sorted sets.")
            .parser(args -> parse(args, "zinter", INTER, false, false));
    static final CommandSpec ZDIFF = ZSets.spec("zdiff", -3, Flag.READONLY, Flag.MOVABLEKEYS).keys(0, 0, 0)
            .since("6.2.0").summary("Returns the difference between multiple sorted sets.")
            .parser(args -> parse(args, "zdiff", DIFF, false, false));
    static final CommandSpec ZUNIONSTORE = ZSets.spec("zunionstore", -4, Flag.WRITE, Flag.DENYOOM, Flag.MOVABLEKEYS)
            .keys(1, 1, 1).since("2.0.0").summary("Stores the union of multiple sorted sets in a key.")
            .parser(args -> parse(args, "zunionstore", UNION, true, false));
    static final CommandSpec ZINTERSTORE = ZSets.spec("zinterstore", -4, Flag.WRITE, Flag.DENYOOM, Flag.MOVABLEKEYS)
            .keys(1, 1, 1).since("2.0.0").summary("Stores the intersect of multiple sorted sets in a key.")
            .parser(args -> parse(args, "zinterstore", INTER, true, false));
    static final CommandSpec ZDIFFSTORE = ZSets.spec("zdiffstore", -4, Flag.WRITE, Flag.DENYOOM, Flag.MOVABLEKEYS)
            .keys(1, 1, 1).since("6.2.0").summary("Stores the difference of multiple sorted sets in a key.")
            .parser(args -> parse(args, "zdiffstore", DIFF, true, false));
    static final CommandSpec ZINTERCARD = ZSets.spec("zintercard", -3, Flag.READONLY, Flag.MOVABLEKEYS).keys(0, 0, 0)
            .since("7.0.0").summary("Returns the number of members of the intersect of multiple sorted sets.")
            .parser(args -> parse(args, "zintercard", INTER, false, true));

    static final CommandError WEIGHT = new CommandError("ERR weight value is not a float");

    /**
     * Parses numkeys and the keys. The options are kept as they are and read by {@link #execute} after the keys' types
     * are checked: Redis looks the keys up before it parses the options, so a wrong type is reported before a bad
     * option (the options array is the parser's, copied, since it reuses its own).
     */
    static Command parse(Args args, String name, int op, boolean store, boolean cardinalityOnly) {
        int numkeysAt = store ? 2 : 1;
        long setnum = args.longAt(numkeysAt);
        if (setnum < 1) throw new CommandError("ERR at least 1 input key is needed for '" + name + "' command");
        if (setnum > args.count() - (numkeysAt + 1)) throw CommandError.SYNTAX;
        byte[][] keys = new byte[(int) setnum][];
        for (int i = 0; i < keys.length; i++) keys[i] = args.get(numkeysAt + 1 + i);
        byte[][] options = Arrays.copyOfRange(args.all(), numkeysAt + 1 + keys.length, args.count());
        return new ZSetOp(op, store ? args.get(1) : null, keys, options, cardinalityOnly);
    }

    /** The options after the keys: WEIGHTS, AGGREGATE, WITHSCORES (not for *STORE), LIMIT (ZINTERCARD only). */
    private record Options(double[] weights, int aggregate, boolean withScores, long limit) {
    }

    private Options parseOptions() {
        byte[][] o = options;
        double[] weights = new double[keys.length];
        Arrays.fill(weights, 1.0);
        int aggregate = SUM;
        boolean withScores = false;
        long limit = 0;
        int j = 0;
        while (j < o.length) {
            int remaining = o.length - j;
            boolean weighted = op != DIFF && !cardinalityOnly;
            if (weighted && remaining >= keys.length + 1 && Args.equalsIgnoreCase(o[j], "weights")) {
                j++;
                for (int i = 0; i < keys.length; i++, j++) weights[i] = Scores.value(o[j], WEIGHT);
            } else if (weighted && remaining >= 2 && Args.equalsIgnoreCase(o[j], "aggregate")) {
                byte[] a = o[j + 1];
                if (Args.equalsIgnoreCase(a, "sum")) aggregate = SUM;
                else if (Args.equalsIgnoreCase(a, "min")) aggregate = MIN;
                else if (Args.equalsIgnoreCase(a, "max")) aggregate = MAX;
                else throw CommandError.SYNTAX;
                j += 2;
            } else if (dst == null && !cardinalityOnly && Args.equalsIgnoreCase(o[j], "withscores")) {
                withScores = true;
                j++;
            } else if (cardinalityOnly && remaining >= 2 && Args.equalsIgnoreCase(o[j], "limit")) {
                long l;
                try {
                    l = Args.parseLong(o[j + 1]);
                } catch (CommandError e) {
                    l = -1;
                }
                if (l < 0) throw new CommandError("ERR LIMIT can't be negative");
                limit = l;
                j += 2;
            } else {
                throw CommandError.SYNTAX;
            }
        }
        return new Options(weights, aggregate, withScores, limit);
    }

    private static boolean isZSet(Db db, long a) {
        byte t = db.type(a);
        return t == dev.miniredis.db.Encoding.ZSET_PACKED || t == dev.miniredis.db.Encoding.ZSET;
    }

    private static boolean isSet(Db db, long a) {
        byte t = db.type(a);
        return t == dev.miniredis.db.Encoding.SET_INTSET || t == dev.miniredis.db.Encoding.SET;
    }

    /** One input: a pack (copied out of its record: there may be more inputs than scratch slots), or a skip list. */
    private static final class Input {
        byte[] pack;
        int length;
        SkipList z;
        double weight;
        int size;

        /** The member's score, or NaN if absent (a score is never NaN). */
        double find(byte[] member) {
            if (size == 0) return Double.NaN;
            if (z != null) {
                SkipList.Node x = z.find(member);
                return x == null ? Double.NaN : x.score();
            }
            int pos = PackedZSet.find(pack, length, member);
            return pos < 0 ? Double.NaN : PackedZSet.score(pack, Listpack.next(pack, pos));
        }
    }

    private static Input input(Db db, byte[] key, double weight, long now) {
        Input in = new Input();
        in.weight = weight;
        long a = db.peek(key, now); // execute's first loop made the counted read (Redis reads each source once)
        if (a == Db.NIL) return in;
        if (isSet(db, a)) return setMembers(db, a, in);
        if (ZSets.packed(db, a)) {
            in.pack = db.value(a);
            in.length = in.pack.length;
            in.size = PackedZSet.size(in.pack);
        } else {
            in.z = ZSets.skipList(db, a);
            in.size = in.z.size();
        }
        return in;
    }

    /**
     * A plain set as an input, every member scored 1 (as Redis's zuiInit treats a set): read into a temporary skip list,
     * which the rest of the algorithm already knows how to walk and search. An intset's integers become their decimal
     * bytes, as SMEMBERS prints them.
     */
    private static Input setMembers(Db db, long a, Input in) {
        SkipList z = new SkipList();
        if (db.type(a) == dev.miniredis.db.Encoding.SET_INTSET) {
            byte[] ints = db.value(a);
            int n = dev.miniredis.db.types.IntSet.count(ints, ints.length);
            for (int i = 0; i < n; i++) {
                z.insert(dev.miniredis.protocol.Numbers.toBytes(dev.miniredis.db.types.IntSet.get(ints, i)), 1.0);
            }
        } else {
            dev.miniredis.db.types.MemberSet set = (dev.miniredis.db.types.MemberSet) db.object(a);
            set.forEach(e -> z.insert(set.member(e), 1.0));
        }
        in.z = z;
        in.size = z.size();
        return in;
    }

    @Override
    public void execute(Context ctx) {
        Db db = ctx.db();
        for (byte[] key : keys) {
            long a = db.get(key, ctx.now());
            if (a != Db.NIL && !isZSet(db, a) && !isSet(db, a)) throw CommandError.WRONG_TYPE;
        }
        Options o = parseOptions();
        Input[] inputs = new Input[keys.length];
        for (int i = 0; i < keys.length; i++) inputs[i] = input(db, keys[i], o.weights()[i], ctx.now());
        if (op != DIFF) Arrays.sort(inputs, Comparator.comparingInt(in -> in.size)); // stable, as the sums need
        SkipList result = new SkipList();
        long cardinality = 0;
        if (op == INTER) {
            cardinality = intersect(inputs, result, o);
        } else if (op == UNION) {
            for (Input in : inputs) forEach(in, (member, score) -> {
                double s = in.weight * score;
                if (Double.isNaN(s)) s = 0;
                SkipList.Node x = result.find(member);
                if (x == null) result.insert(member, s);
                else result.update(x, aggregate(o.aggregate(), x.score(), s));
            });
        } else {
            Input first = inputs[0];
            forEach(first, (member, score) -> {
                for (int i = 1; i < inputs.length; i++) if (!Double.isNaN(inputs[i].find(member))) return;
                result.insert(member, score);
            });
        }
        RespWriter out = ctx.reply();
        if (dst != null) {
            ZSets.storedReply(ctx, ZSets.store(db, dst, result, ctx.now()), STORE_EVENTS[op], dst);
        } else if (cardinalityOnly) {
            out.integer(cardinality);
        } else {
            int n = result.size();
            boolean pairs = o.withScores() && out.protocol() == 3;
            out.array(o.withScores() && !pairs ? 2 * n : n);
            for (SkipList.Node x = result.first(); x != null; x = x.next()) {
                ZSets.element(out, x, pairs, o.withScores());
            }
        }
    }

    private long intersect(Input[] inputs, SkipList result, Options o) {
        long[] cardinality = {0};
        Input first = inputs[0];
        if (first.size == 0) return 0;
        try {
            forEach(first, (member, score) -> {
                double s = first.weight * score;
                if (Double.isNaN(s)) s = 0;
                for (int i = 1; i < inputs.length; i++) {
                    double v = inputs[i].find(member);
                    if (Double.isNaN(v)) return;
                    s = aggregate(o.aggregate(), s, v * inputs[i].weight);
                }
                if (cardinalityOnly) {
                    if (++cardinality[0] == o.limit()) throw STOP;
                } else {
                    result.insert(member, s);
                }
            });
        } catch (Stop e) {
            // LIMIT reached
        }
        return cardinality[0];
    }

    /** Thrown to end a walk early (ZINTERCARD's LIMIT); no stack trace, shared. */
    private static final class Stop extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Stop() {
            super(null, null, false, false);
        }
    }

    private static final Stop STOP = new Stop();

    private static double aggregate(int aggregate, double target, double value) {
        return switch (aggregate) {
            case SUM -> {
                double s = target + value;
                yield Double.isNaN(s) ? 0.0 : s; // inf + -inf: Redis's convention is 0
            }
            case MIN -> value < target ? value : target;
            default -> value > target ? value : target;
        };
    }

    private interface ElementAction {
        void accept(byte[] member, double score);
    }

    // Every element of an input, in order; members are fresh arrays (pack) or the skip list's own (never changed).
    private static void forEach(Input in, ElementAction action) {
        if (in.size == 0) return;
        if (in.z != null) {
            for (SkipList.Node x = in.z.first(); x != null; x = x.next()) action.accept(x.member(), x.score());
            return;
        }
        byte[] b = in.pack;
        for (int pos = Listpack.HEADER_BYTES; pos < in.length; ) {
            int scorePos = Listpack.next(b, pos);
            action.accept(Listpack.copy(b, pos), PackedZSet.score(b, scorePos));
            pos = Listpack.next(b, scorePos);
        }
    }
}
