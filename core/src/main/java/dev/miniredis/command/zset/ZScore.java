package dev.miniredis.command.zset;

import dev.miniredis.command.Args;
import dev.miniredis.command.Command;
import dev.miniredis.command.CommandSpec;
import dev.miniredis.command.Context;
import dev.miniredis.command.Flag;
import dev.miniredis.db.Db;
import dev.miniredis.db.types.Listpack;
import dev.miniredis.db.types.PackedZSet;
import dev.miniredis.db.types.SkipList;
import dev.miniredis.protocol.RespWriter;

/**
 * {@code ZSCORE key member} and {@code ZMSCORE key member [member ...]}: scores, null for a missing member or key.
 * A skip list answers from its hash table in O(1); a pack is walked.
 */
record ZScore(byte[] key, byte[][] members, boolean multi) implements Command {
    static final CommandSpec SPEC = ZSets.spec("zscore", 3, Flag.READONLY, Flag.FAST).keys(1, 1, 1).since("1.2.0")
            .summary("Returns the score of a member in a sorted set.").parser(ZScore::parse);
    static final CommandSpec ZMSCORE = ZSets.spec("zmscore", -3, Flag.READONLY, Flag.FAST).keys(1, 1, 1)
            .since("6.2.0").summary("Returns the score of one or more members in a sorted set.")
            .parser(ZScore::parseMulti);

    static Command parse(Args args) {
        return new ZScore(args.get(1), new byte[][] {args.get(2)}, false);
    }

    static Command parseMulti(Args args) {
        byte[][] members = new byte[args.count() - 2][];
        for (int i = 0; i < members.length; i++) members[i] = args.get(i + 2);
        return new ZScore(args.get(1), members, true);
    }

    @Override
    public void execute(Context ctx) {
        Db db = ctx.db();
        RespWriter out = ctx.reply();
        long a = db.get(key, ctx.now());
        boolean exists = ZSets.exists(db, a);
        if (multi) out.array(members.length);
        byte[] b = exists && ZSets.packed(db, a) ? db.readPacked(a, ZSets.SLOT) : null;
        SkipList z = exists && b == null ? ZSets.skipList(db, a) : null;
        int length = exists ? db.valueLength(a) : 0;
        for (byte[] member : members) {
            if (b != null) {
                int pos = PackedZSet.find(b, length, member);
                if (pos < 0) out.nil();
                else out.doubleValue(PackedZSet.score(b, Listpack.next(b, pos)));
            } else if (z != null) {
                SkipList.Node x = z.find(member);
                if (x == null) out.nil();
                else out.doubleValue(x.score());
            } else {
                out.nil();
            }
        }
    }
}
