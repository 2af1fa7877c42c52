package dev.miniredis.command.list;

import dev.miniredis.command.CommandSpec;

import java.util.List;

/** The list commands, as {@link dev.miniredis.command.CommandTable#standard()} registers them. */
public final class ListFamily {
    private ListFamily() {
    }

    /**
     * Every list command's spec.
     *
     * @return the specs, in the order COMMAND lists them
     */
    public static List<CommandSpec> specs() {
        return List.of(Push.LPUSH, Push.RPUSH, Push.LPUSHX, Push.RPUSHX, Pop.LPOP, Pop.RPOP, LLen.SPEC, LRange.SPEC,
                LIndex.SPEC, LSet.SPEC, LInsert.SPEC, LRem.SPEC, LTrim.SPEC, LPos.SPEC, LMove.LMOVE, LMove.RPOPLPUSH,
                LMPop.SPEC, BPop.BLPOP, BPop.BRPOP, BLMove.BLMOVE, BLMove.BRPOPLPUSH, BLMPop.SPEC);
    }
}
