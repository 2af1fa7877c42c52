package dev.miniredis.command.hash;

import dev.miniredis.command.CommandSpec;

import java.util.List;

/** The hash commands, as {@link dev.miniredis.command.CommandTable#standard()} registers them. */
public final class HashFamily {
    private HashFamily() {
    }

    /**
     * Every hash command's spec.
     *
     * @return the specs, in the order COMMAND lists them
     */
    public static List<CommandSpec> specs() {
        return List.of(HSet.HSET, HSetNx.SPEC, HSet.HMSET, HGet.SPEC, HMGet.SPEC, HDel.SPEC, HLen.SPEC, HStrLen.SPEC,
                HExists.SPEC, HGetAll.HKEYS, HGetAll.HVALS, HGetAll.HGETALL, HIncrBy.SPEC, HIncrByFloat.SPEC,
                HRandField.SPEC, HScan.SPEC);
    }
}
