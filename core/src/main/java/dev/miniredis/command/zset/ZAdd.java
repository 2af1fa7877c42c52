package dev.miniredis.command.zset;

import dev.miniredis.command.Args;
import dev.miniredis.command.Command;
import dev.miniredis.command.CommandError;
import dev.miniredis.command.CommandSpec;
import dev.miniredis.command.Context;
import dev.miniredis.command.Flag;
import dev.miniredis.db.Db;
import dev.miniredis.protocol.RespWriter;
import dev.miniredis.pubsub.Notifications;

/**
 * {@code ZADD key [NX|XX] [GT|LT] [CH] [INCR] score member [score member ...]}: adds members or updates their scores.
 * Replies with the number added (CH: added or changed), or with INCR the new score (null if NX, XX, GT or LT
 * stopped it). {@code ZINCRBY key increment member} is ZADD INCR with its own arity, so it lives here too.
 *
 * <p>Every score is parsed before anything changes, so a bad one leaves the set untouched; a NaN sum (infinity plus
 * minus infinity) is an error, after the elements before it were applied (there is only one with INCR).
 */
record ZAdd(byte[] key, int flags, double[] scores, byte[][] members) implements Command {
    static final CommandSpec SPEC = ZSets.spec("zadd", -4, Flag.WRITE, Flag.DENYOOM, Flag.FAST).keys(1, 1, 1)
            .since("1.2.0").summary("Adds one or more members to a sorted set, or updates their scores.")
            .parser(ZAdd::parse);
    static final CommandSpec ZINCRBY = ZSets.spec("zincrby", 4, Flag.WRITE, Flag.DENYOOM, Flag.FAST).keys(1, 1, 1)
            .since("1.2.0").summary("Increments the score of a member in a sorted set.").parser(ZAdd::parseIncrBy);

    static final int NX = 1;
    static final int XX = 2;
    static final int GT = 4;
    static final int LT = 8;
    static final int CH = 16;
    static final int INCR = 32;

    static Command parse(Args args) {
        int flags = 0;
        int i = 2;
        for (; i < args.count(); i++) {
            int f = args.is(i, "nx") ? NX : args.is(i, "xx") ? XX : args.is(i, "gt") ? GT : args.is(i, "lt") ? LT
                    : args.is(i, "ch") ? CH : args.is(i, "incr") ? INCR : 0;
            if (f == 0) break;
            flags |= f;
        }
        int elements = args.count() - i;
        if (elements == 0 || elements % 2 != 0) throw CommandError.SYNTAX;
        elements /= 2;
        if ((flags & (NX | XX)) == (NX | XX)) {
            throw new CommandError("ERR XX and NX options at the same time are not compatible");
        }
        if ((flags & NX) != 0 && (flags & (GT | LT)) != 0 || (flags & (GT | LT)) == (GT | LT)) {
            throw new CommandError("ERR GT, LT, and/or NX options at the same time are not compatible");
        }
        if ((flags & INCR) != 0 && elements > 1) {
            throw new CommandError("ERR INCR option supports a single increment-element pair");
        }
        double[] scores = new double[elements];
        byte[][] members = new byte[elements][];
        for (int j = 0; j < elements; j++) {
            scores[j] = Scores.value(args.get(i + 2 * j));
            members[j] = args.get(i + 2 * j + 1);
        }
        return new ZAdd(args.get(1), flags, scores, members);
    }

    static Command parseIncrBy(Args args) {
        return new ZAdd(args.get(1), INCR, new double[] {Scores.value(args.get(2))}, new byte[][] {args.get(3)});
    }

    @Override
    public void execute(Context ctx) {
        Db db = ctx.db();
        RespWriter out = ctx.reply();
        boolean incr = (flags & INCR) != 0;
        ZEdit z = ZEdit.open(db, key, ctx.now());
        if (z == null) {
            if ((flags & XX) != 0) { // no key and XX: nothing to do, and no key is created
                if (incr) out.nil();
                else out.integer(0);
                return;
            }
            z = ZEdit.create(db, key, ctx.now(), members[0].length);
        }
        int added = 0;
        int updated = 0;
        int processed = 0;
        double score = 0;
        try {
            for (int j = 0; j < members.length; j++) {
                score = scores[j];
                byte[] member = members[j];
                if (z.find(member)) {
                    if ((flags & NX) != 0) continue;
                    double current = z.foundScore();
                    if (incr) {
                        score += current;
                        if (Double.isNaN(score)) throw Scores.NAN_RESULT;
                    }
                    if ((flags & LT) != 0 && score >= current || (flags & GT) != 0 && score <= current) continue;
                    processed++;
                    if (score != current) { // C's !=: 0 and -0 are the same score, and nothing changes
                        z.updateFound(member, score);
                        updated++;
                    }
                } else if ((flags & XX) == 0) {
                    z.add(member, score);
                    added++;
                    processed++;
                }
            }
        } finally {
            z.commit(); // what was applied before an error stays applied, as in Redis
            // One event for the whole command, and only if a score changed: "zadd" even for XX updates that answer 0.
            if (added + updated > 0) ctx.notify(Notifications.ZSET, incr ? "zincr" : "zadd", key);
        }
        if (incr) {
            if (processed > 0) out.doubleValue(score);
            else out.nil();
        } else {
            out.integer((flags & CH) != 0 ? added + updated : added);
        }
    }
}
