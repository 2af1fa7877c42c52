package dev.miniredis.command.zset;

import dev.miniredis.command.CommandSpec;

import java.util.List;

/** The zset commands, as {@link dev.miniredis.command.CommandTable#standard()} registers them. */
public final class ZSetFamily {
    private ZSetFamily() {
    }

    /**
     * Every zset command's spec.
     *
     * @return the specs, in the order COMMAND lists them
     */
    public static List<CommandSpec> specs() {
        return List.of(ZAdd.SPEC, ZAdd.ZINCRBY, ZRem.SPEC, ZCard.SPEC, ZScore.SPEC, ZScore.ZMSCORE, ZRank.ZRANK,
                ZRank.ZREVRANK, ZCount.ZCOUNT, ZCount.ZLEXCOUNT, ZRange.ZRANGE, ZRange.ZREVRANGE, ZRange.ZRANGEBYSCORE,
                ZRange.ZREVRANGEBYSCORE, ZRange.ZRANGEBYLEX, ZRange.ZREVRANGEBYLEX, ZRange.ZRANGESTORE,
                ZRemRange.ZREMRANGEBYRANK, ZRemRange.ZREMRANGEBYSCORE, ZRemRange.ZREMRANGEBYLEX, ZPop.ZPOPMIN,
                ZPop.ZPOPMAX, ZPop.ZMPOP, ZSetOp.ZUNION, ZSetOp.ZINTER, ZSetOp.ZDIFF, ZSetOp.ZUNIONSTORE,
                ZSetOp.ZINTERSTORE, ZSetOp.ZDIFFSTORE, ZSetOp.ZINTERCARD, ZRandMember.SPEC, ZScan.SPEC, BZPop.BZPOPMIN, BZPop.BZPOPMAX, BZPop.BZMPOP);
    }
}
