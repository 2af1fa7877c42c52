package dev.miniredis.command.set;

import dev.miniredis.command.CommandSpec;

import java.util.List;

/** The set commands, as {@link dev.miniredis.command.CommandTable#standard()} registers them. */
public final class SetFamily {
    private SetFamily() {
    }

    /**
     * Every set command's spec.
     *
     * @return SADD, SREM, SMEMBERS, SISMEMBER, SMISMEMBER, SCARD, SPOP, SRANDMEMBER, SMOVE, SINTER, SINTERCARD,
     *         SINTERSTORE, SUNION, SUNIONSTORE, SDIFF, SDIFFSTORE, SSCAN
     */
    public static List<CommandSpec> specs() {
        return List.of(SAdd.SPEC, SRem.SPEC, SMembers.SPEC, SIsMember.SPEC, SMIsMember.SPEC, SCard.SPEC, SPop.SPEC,
                SRandMember.SPEC, SMove.SPEC, SInter.SPEC, SInterCard.SPEC, SInterStore.SPEC, SUnion.SPEC,
                SUnionStore.SPEC, SDiff.SPEC, SDiffStore.SPEC, SScan.SPEC);
    }
}
