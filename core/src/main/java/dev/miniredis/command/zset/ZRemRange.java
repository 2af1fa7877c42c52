package dev.miniredis.command.zset;

import dev.miniredis.command.Command;
import dev.miniredis.command.CommandSpec;
import dev.miniredis.command.Context;
import dev.miniredis.command.Flag;
import dev.miniredis.db.Db;
import dev.miniredis.pubsub.Notifications;

/**
 * {@code ZREMRANGEBYRANK key start stop}, {@code ZREMRANGEBYSCORE key min max}, {@code ZREMRANGEBYLEX key min max}:
 * removes a range, found as ranks like every range (see {@link ZSets}), in one cut: a pack loses a run of bytes, a
 * skip list unlinks the nodes after one search. Replies with how many went.
 */
record ZRemRange(byte[] key, long start, long end, ZSets.ScoreRange scores, ZSets.LexRange lex) implements Command {
    static final CommandSpec ZREMRANGEBYRANK = ZSets.spec("zremrangebyrank", 4, Flag.WRITE).keys(1, 1, 1)
            .since("2.0.0").summary("Removes members in a sorted set within a range of indexes. Deletes the sorted set "
                    + "if all members were removed.")
            .parser(args -> new ZRemRange(args.get(1), args.longAt(2), args.longAt(3), null, null));
    static final CommandSpec ZREMRANGEBYSCORE = ZSets.spec("zremrangebyscore", 4, Flag.WRITE).keys(1, 1, 1)
            .since("1.2.0").summary("Removes members in a sorted set within a range of scores. Deletes the sorted set "
                    + "if all members were removed.")
            .parser(args -> new ZRemRange(args.get(1), 0, 0, ZSets.ScoreRange.parse(args.get(2), args.get(3)), null));
    static final CommandSpec ZREMRANGEBYLEX = ZSets.spec("zremrangebylex", 4, Flag.WRITE).keys(1, 1, 1)
            .since("2.8.9").summary("Removes members in a sorted set within a lexicographical range. Deletes the "
                    + "sorted set if all members were removed.")
            .parser(args -> new ZRemRange(args.get(1), 0, 0, null, ZSets.LexRange.parse(args.get(2), args.get(3))));

    @Override
    public void execute(Context ctx) {
        Db db = ctx.db();
        long a = db.lookup(key, ctx.now());
        if (!ZSets.exists(db, a)) {
            ctx.reply().integer(0);
            return;
        }
        int from;
        int to;
        if (scores != null || lex != null) {
            long r = scores != null ? ZSets.ranks(db, a, scores) : ZSets.ranks(db, a, lex);
            from = ZSets.from(r);
            to = ZSets.to(r);
        } else {
            long size = ZSets.card(db, a);
            long s = start < 0 ? size + start : start;
            long e = end < 0 ? size + end : end;
            if (s < 0) s = 0;
            if (s > e || s >= size) {
                ctx.reply().integer(0);
                return;
            }
            if (e >= size) e = size - 1;
            from = (int) s;
            to = (int) e + 1;
        }
        if (to > from) {
            ZEdit z = ZEdit.open(db, key, ctx.now());
            z.removeRanks(from, to);
            z.commit();
            ctx.notify(Notifications.ZSET, scores != null ? "zremrangebyscore" : lex != null ? "zremrangebylex"
                    : "zremrangebyrank", key);
            ctx.notifyIfEmptied(key);
        }
        ctx.reply().integer(to - from);
    }
}
