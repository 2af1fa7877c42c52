package dev.miniredis.command.zset;

import dev.miniredis.command.Command;
import dev.miniredis.command.CommandSpec;
import dev.miniredis.command.Context;
import dev.miniredis.command.Flag;
import dev.miniredis.db.Db;
import dev.miniredis.db.types.PackedZSet;
import dev.miniredis.db.types.SkipList;
import dev.miniredis.protocol.RespWriter;

/**
 * {@code ZRANK key member} and {@code ZREVRANK key member}: a member's 0-based position, from the lowest score or the
 * highest; null for a missing member or key. A skip list finds the node through its hash table, then sums the spans
 * on a search for it: O(log n).
 */
record ZRank(byte[] key, byte[] member, boolean reverse) implements Command {
    static final CommandSpec ZRANK = ZSets.spec("zrank", 3, Flag.READONLY, Flag.FAST).keys(1, 1, 1).since("2.0.0")
            .summary("Returns the index of a member in a sorted set ordered by ascending scores.")
            .parser(args -> new ZRank(args.get(1), args.get(2), false));
    static final CommandSpec ZREVRANK = ZSets.spec("zrevrank", 3, Flag.READONLY, Flag.FAST).keys(1, 1, 1)
            .since("2.0.0").summary("Returns the index of a member in a sorted set ordered by descending scores.")
            .parser(args -> new ZRank(args.get(1), args.get(2), true));

    @Override
    public void execute(Context ctx) {
        Db db = ctx.db();
        RespWriter out = ctx.reply();
        long a = db.get(key, ctx.now());
        if (!ZSets.exists(db, a)) {
            out.nil();
            return;
        }
        int rank;
        int size;
        if (ZSets.packed(db, a)) {
            byte[] b = db.readPacked(a, ZSets.SLOT);
            int pos = PackedZSet.find(b, db.valueLength(a), member);
            rank = pos < 0 ? -1 : PackedZSet.rank(b, pos);
            size = PackedZSet.size(b);
        } else {
            SkipList z = ZSets.skipList(db, a);
            SkipList.Node x = z.find(member);
            rank = x == null ? -1 : z.rank(x);
            size = z.size();
        }
        if (rank < 0) out.nil();
        else out.integer(reverse ? size - 1 - rank : rank);
    }
}
