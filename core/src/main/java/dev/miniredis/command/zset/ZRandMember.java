package dev.miniredis.command.zset;

import dev.miniredis.command.Args;
import dev.miniredis.command.Command;
import dev.miniredis.command.CommandError;
import dev.miniredis.command.CommandSpec;
import dev.miniredis.command.Context;
import dev.miniredis.command.Flag;
import dev.miniredis.db.Db;
import dev.miniredis.db.types.PackedZSet;
import dev.miniredis.db.types.SkipList;
import dev.miniredis.protocol.RespWriter;

import java.util.concurrent.ThreadLocalRandom;
import java.util.random.RandomGenerator;

/**
 * {@code ZRANDMEMBER key [count [WITHSCORES]]}: random members. No count: one member (null for no key). A positive
 * count: that many distinct members (the whole set, highest first, if it has no more); a negative count: that many
 * draws with replacement.
 *
 * <p>Every draw is a uniformly random <em>rank</em>: a pack is indexed, a skip list walks its spans to the rank in
 * O(log n). That is exactly uniform, where picking a random hash bucket and then a random entry of its chain (Redis's
 * {@code dictGetFairRandomKey}) is only nearly so. Distinct members come from a partial Fisher-Yates shuffle of the
 * ranks, so the reply is in random order, as in Redis.
 */
record ZRandMember(byte[] key, boolean hasCount, long count, boolean withScores) implements Command {
    static final CommandSpec SPEC = ZSets.spec("zrandmember", -2, Flag.READONLY).keys(1, 1, 1).since("6.2.0")
            .summary("Returns one or more random members from a sorted set.").parser(ZRandMember::parse);

    /** The most draws with replacement one command may ask for: 2^31 - 1 elements, halved for member-score pairs. */
    static final long MAX_DRAWS = Integer.MAX_VALUE / 2;

    static Command parse(Args args) {
        if (args.count() == 2) return new ZRandMember(args.get(1), false, 1, false);
        long count = args.longAt(2);
        if (count == Long.MIN_VALUE) {
            throw new CommandError("ERR value is out of range, value must between -9223372036854775807 and "
                    + "9223372036854775807");
        }
        if (args.count() > 4 || args.count() == 4 && !args.is(3, "withscores")) throw CommandError.SYNTAX;
        boolean withScores = args.count() == 4;
        if (withScores && (count < -Long.MAX_VALUE / 2 || count > Long.MAX_VALUE / 2)) {
            throw new CommandError("ERR value is out of range");
        }
        return new ZRandMember(args.get(1), true, count, withScores);
    }

    @Override
    public void execute(Context ctx) {
        reply(ctx.db(), ctx.db().get(key, ctx.now()), ctx.reply(), ThreadLocalRandom.current());
    }

    /**
     * The whole command against the set at {@code a}, with the randomness passed in (a seeded one in tests).
     *
     * @param db the keyspace
     * @param a the key's address, or NIL
     * @param out where the reply goes
     * @param random the source of the draws
     */
    void reply(Db db, long a, RespWriter out, RandomGenerator random) {
        boolean exists = ZSets.exists(db, a);
        if (!hasCount) {
            if (!exists) {
                out.nil();
                return;
            }
            int size = ZSets.card(db, a);
            element(out, db, a, random.nextInt(size), false, false);
            return;
        }
        if (!exists || count == 0) {
            out.array(0);
            return;
        }
        int size = ZSets.card(db, a);
        boolean pairs = withScores && out.protocol() == 3;
        if (count < 0 || count == 1) { // draws with replacement
            long n = count < 0 ? -count : 1;
            // Redis would start a reply of that many elements and run out of memory; an array reply cannot have more
            // than 2^31 - 1 elements here, so a count that large is refused (a difference we accept).
            if (n > MAX_DRAWS) throw new CommandError("ERR value is out of range");
            out.array((int) (withScores && !pairs ? 2 * n : n)); // Redis would reply with all of them too
            for (long i = 0; i < n; i++) element(out, db, a, random.nextInt(size), pairs, withScores);
            return;
        }
        if (count >= size) { // the whole set, highest first: Redis 7.0 replies as ZREVRANGE 0 -1 does
            ZSets.replyRanks(out, db, a, 0, size, true, withScores);
            return;
        }
        int n = (int) count;
        int[] ranks = new int[size];
        for (int i = 0; i < size; i++) ranks[i] = i;
        for (int i = 0; i < n; i++) { // the first n places of a Fisher-Yates shuffle
            int j = i + random.nextInt(size - i);
            int t = ranks[i];
            ranks[i] = ranks[j];
            ranks[j] = t;
        }
        out.array(withScores && !pairs ? 2 * n : n);
        for (int i = 0; i < n; i++) element(out, db, a, ranks[i], pairs, withScores);
    }

    private static void element(RespWriter out, Db db, long a, int rank, boolean pair, boolean withScores) {
        if (ZSets.packed(db, a)) {
            byte[] b = db.readPacked(a, ZSets.SLOT); // a small copy per draw: packs are small
            ZSets.element(out, b, PackedZSet.seek(b, rank), pair, withScores);
        } else {
            SkipList z = ZSets.skipList(db, a);
            ZSets.element(out, z.byRank(rank), pair, withScores);
        }
    }
}
