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
     * @return GET, SET, SETNX, GETDEL, GETEX, MGET, MSET, INCR, DECR, INCRBY, DECRBY, APPEND, STRLEN, SETEX, PSETEX,
     *     GETSET, GETRANGE, SUBSTR, SETRANGE, MSETNX, LCS, and the bitmap commands SETBIT, GETBIT, BITCOUNT, BITPOS,
     *     BITOP, BITFIELD, BITFIELD_RO
     */
    public static List<CommandSpec> specs() {
        return List.of(Get.SPEC, Set.SPEC, SetNx.SPEC, GetDel.SPEC, GetEx.SPEC, MGet.SPEC, MSet.SPEC,
                IncrBy.INCR, IncrBy.DECR, IncrBy.INCRBY, IncrBy.DECRBY, Append.SPEC, Strlen.SPEC,
                SetEx.SETEX, SetEx.PSETEX, GetSet.SPEC, GetRange.GETRANGE, GetRange.SUBSTR, SetRange.SPEC, MSetNx.SPEC,
                Lcs.SPEC, SetBit.SPEC, GetBit.SPEC, BitCount.SPEC, BitPos.SPEC, BitOp.SPEC, BitField.BITFIELD,
                BitField.BITFIELD_RO, IncrByFloat.SPEC);
    }
}
