package dev.miniredis.command.string;

import dev.miniredis.command.CommandSpec;

import java.util.List;

/** The string commands, as {@link dev.miniredis.command.CommandTable#standard()} registers them. */
public final class StringFamily {
    private StringFamily() {
    }

    /**
     * Every string command's spec.
     *
     * @return GET, SET, SETNX, GETDEL, GETEX, MGET, MSET, INCR, DECR, INCRBY, DECRBY, APPEND, STRLEN
     */
    public static List<CommandSpec> specs() {
        return List.of(Get.SPEC, Set.SPEC, SetNx.SPEC, GetDel.SPEC, GetEx.SPEC, MGet.SPEC, MSet.SPEC,
                IncrBy.INCR, IncrBy.DECR, IncrBy.INCRBY, IncrBy.DECRBY, Append.SPEC, Strlen.SPEC);
    }
}
