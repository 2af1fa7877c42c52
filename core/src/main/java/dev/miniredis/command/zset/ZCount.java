package dev.miniredis.command.zset;

import dev.miniredis.command.Command;
import dev.miniredis.command.CommandSpec;
import dev.miniredis.command.Context;
import dev.miniredis.command.Flag;
import dev.miniredis.db.Db;

/**
 * {@code ZCOUNT key min max} and {@code ZLEXCOUNT key min max}: how many members a score or member range holds, the
 * difference of two ranks (see {@link ZSets}): O(log n) on a skip list, whatever the range's size.
 */
record ZCount(byte[] key, ZSets.ScoreRange scores, ZSets.LexRange lex) implements Command {
    static final CommandSpec ZCOUNT = ZSets.spec("zcount", 4, Flag.READONLY, Flag.FAST).keys(1, 1, 1).since("2.0.0")
            .summary("Returns the count of members in a sorted set that have scores within a range.")
            .parser(args -> new ZCount(args.get(1), ZSets.ScoreRange.parse(args.get(2), args.get(3)), null));
    static final CommandSpec ZLEXCOUNT = ZSets.spec("zlexcount", 4, Flag.READONLY, Flag.FAST).keys(1, 1, 1)
            .since("2.8.9").summary("Returns the number of members in a sorted set within a lexicographical range.")
            .parser(args -> new ZCount(args.get(1), null, ZSets.LexRange.parse(args.get(2), args.get(3))));

    @Override
    public void execute(Context ctx) {
        Db db = ctx.db();
        long a = db.get(key, ctx.now());
        if (!ZSets.exists(db, a)) {
            ctx.reply().integer(0);
            return;
        }
        long ranks = scores != null ? ZSets.ranks(db, a, scores) : ZSets.ranks(db, a, lex);
        ctx.reply().integer(ZSets.to(ranks) - ZSets.from(ranks));
    }
}
