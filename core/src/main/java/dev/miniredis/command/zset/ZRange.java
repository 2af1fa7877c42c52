package dev.miniredis.command.zset;

import dev.miniredis.command.Args;
import dev.miniredis.command.Command;
import dev.miniredis.command.CommandError;
import dev.miniredis.command.CommandSpec;
import dev.miniredis.command.Context;
import dev.miniredis.command.Flag;
import dev.miniredis.db.Db;
import dev.miniredis.db.types.SkipList;
import dev.miniredis.protocol.RespWriter;

/**
 * {@code ZRANGE key start stop [BYSCORE|BYLEX] [REV] [LIMIT offset count] [WITHSCORES]}, the one range command of
 * Redis 6.2+, and the older forms that are ZRANGE with options fixed: ZREVRANGE, ZRANGEBYSCORE, ZREVRANGEBYSCORE,
 * ZRANGEBYLEX, ZREVRANGEBYLEX; and {@code ZRANGESTORE dst src min max ...}, which stores the range instead of replying
 * with it. They share Redis's {@code zrangeGenericCommand} parse, with its exact errors.
 *
 * <p>Whatever the kind of range, it becomes ranks {@code [from, to)} in ascending order (see {@link ZSets}); REV and
 * LIMIT are arithmetic on them; the reply walks them forwards or backwards. With REV, a score or member range is
 * given as {@code max min}.
 */
record ZRange(byte[] dst, byte[] key, int type, boolean reverse, boolean withScores, long start, long end,
              ZSets.ScoreRange scores, ZSets.LexRange lex, long offset, long limit) implements Command {
    static final int AUTO = 0;
    static final int RANK = 1;
    static final int SCORE = 2;
    static final int LEX = 3;

    static final CommandSpec ZRANGE = ZSets.spec("zrange", -4, Flag.READONLY).keys(1, 1, 1).since("1.2.0")
            .summary("Returns members in a sorted set within a range of indexes.")
            .parser(args -> parse(args, false, AUTO, false));
    static final CommandSpec ZREVRANGE = ZSets.spec("zrevrange", -4, Flag.READONLY).keys(1, 1, 1).since("1.2.0")
            .summary("Returns members in a sorted set within a range of indexes in reverse order.")
            .parser(args -> parse(args, false, RANK, true));
    static final CommandSpec ZRANGEBYSCORE = ZSets.spec("zrangebyscore", -4, Flag.READONLY).keys(1, 1, 1)
            .since("1.0.5").summary("Returns members in a sorted set within a range of scores.")
            .parser(args -> parse(args, false, SCORE, false));
    static final CommandSpec ZREVRANGEBYSCORE = ZSets.spec("zrevrangebyscore", -4, Flag.READONLY).keys(1, 1, 1)
            .since("2.2.0").summary("Returns members in a sorted set within a range of scores in reverse order.")
            .parser(args -> parse(args, false, SCORE, true));
    static final CommandSpec ZRANGEBYLEX = ZSets.spec("zrangebylex", -4, Flag.READONLY).keys(1, 1, 1)
            .since("2.8.9").summary("Returns members in a sorted set within a lexicographical range.")
            .parser(args -> parse(args, false, LEX, false));
    static final CommandSpec ZREVRANGEBYLEX = ZSets.spec("zrevrangebylex", -4, Flag.READONLY).keys(1, 1, 1)
            .since("2.8.9").summary("Returns members in a sorted set within a lexicographical range in reverse order.")
            .parser(args -> parse(args, false, LEX, true));
    static final CommandSpec ZRANGESTORE = ZSets.spec("zrangestore", -5, Flag.WRITE, Flag.DENYOOM).keys(1, 2, 1)
            .since("6.2.0").summary("Stores a range of members from sorted set in a key.")
            .parser(args -> parse(args, true, AUTO, false));

    /**
     * Redis's parse: options after the three range arguments, then conflicts, then the range itself.
     *
     * @param fixedType AUTO for ZRANGE/ZRANGESTORE (BYSCORE and BYLEX allowed), else the old command's kind
     * @param fixedReverse true for the ZREV* commands (then REV is not an option)
     */
    static Command parse(Args args, boolean store, int fixedType, boolean fixedReverse) {
        int first = store ? 2 : 1;
        int type = fixedType;
        boolean directionFixed = fixedReverse || fixedType != AUTO;
        boolean reverse = fixedReverse;
        boolean withScores = false;
        long offset = 0;
        long limit = -1;
        for (int j = first + 3; j < args.count(); j++) {
            int left = args.count() - j - 1;
            if (!store && args.is(j, "withscores")) {
                withScores = true;
            } else if (args.is(j, "limit") && left >= 2) {
                offset = args.longAt(j + 1);
                limit = args.longAt(j + 2);
                j += 2;
            } else if (!directionFixed && !reverse && args.is(j, "rev")) {
                reverse = true;
            } else if (type == AUTO && args.is(j, "bylex")) {
                type = LEX;
            } else if (type == AUTO && args.is(j, "byscore")) {
                type = SCORE;
            } else {
                throw CommandError.SYNTAX;
            }
        }
        if (type == AUTO) type = RANK;
        if (limit != -1 && type == RANK) {
            throw new CommandError(
                    "ERR syntax error, LIMIT is only supported in combination with either BYSCORE or BYLEX");
        }
        if (withScores && type == LEX) {
            throw new CommandError("ERR syntax error, WITHSCORES not supported in combination with BYLEX");
        }
        byte[] min = args.get(first + 1);
        byte[] max = args.get(first + 2);
        if (reverse && type != RANK) { // a reversed score or member range is given as max, min
            byte[] t = min;
            min = max;
            max = t;
        }
        long start = 0;
        long end = 0;
        ZSets.ScoreRange scores = null;
        ZSets.LexRange lex = null;
        switch (type) {
            case RANK -> {
                start = Args.parseLong(min);
                end = Args.parseLong(max);
            }
            case SCORE -> scores = ZSets.ScoreRange.parse(min, max);
            default -> lex = ZSets.LexRange.parse(min, max);
        }
        return new ZRange(store ? args.get(1) : null, args.get(first), type, reverse, withScores, start, end, scores,
                lex, offset, limit);
    }

    @Override
    public void execute(Context ctx) {
        Db db = ctx.db();
        RespWriter out = ctx.reply();
        long a = db.get(key, ctx.now());
        if (!ZSets.exists(db, a)) {
            if (dst != null) {
                ZSets.storedReply(ctx, db.delete(dst, ctx.now()) ? 0 : -1, "zrangestore", dst);
            } else {
                out.array(0);
            }
            return;
        }
        long ranks = ranks(db, a);
        int from = ZSets.from(ranks);
        int to = ZSets.to(ranks);
        if (dst == null) {
            ZSets.replyRanks(out, db, a, from, to, reverse, withScores);
            return;
        }
        SkipList z = ZSets.collect(db, a, from, to, reverse, type == RANK);
        ZSets.storedReply(ctx, ZSets.store(db, dst, z, ctx.now()), "zrangestore", dst);
    }

    // The ranks [from, to) this range selects, LIMIT applied, in ascending order.
    private long ranks(Db db, long a) {
        long size = ZSets.card(db, a);
        long from;
        long to;
        if (type == RANK) {
            long s = start < 0 ? size + start : start;
            long e = end < 0 ? size + end : end;
            if (s < 0) s = 0;
            if (s > e || s >= size) return 0;
            if (e >= size) e = size - 1;
            from = reverse ? size - 1 - e : s;
            to = reverse ? size - s : e + 1;
            return from << 32 | to;
        }
        long r = type == SCORE ? ZSets.ranks(db, a, scores) : ZSets.ranks(db, a, lex);
        from = ZSets.from(r);
        to = ZSets.to(r);
        if (offset < 0) return 0;
        long n = to - from;
        long skip = Math.min(offset, n);
        long take = limit < 0 ? n - skip : Math.min(limit, n - skip);
        if (reverse) {
            to -= skip;
            from = to - take;
        } else {
            from += skip;
            to = from + take;
        }
        return from << 32 | to;
    }
}
