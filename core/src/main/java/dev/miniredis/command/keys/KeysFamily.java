package dev.miniredis.command.keys;

import dev.miniredis.command.CommandSpec;

import java.util.List;

/** The commands on keys of any type, as {@link dev.miniredis.command.CommandTable#standard()} registers them. */
public final class KeysFamily {
    private KeysFamily() {
    }

    /**
     * Every key command's spec.
     *
     * @return DEL, EXISTS, TYPE, KEYS, SCAN, EXPIRE, PEXPIRE, EXPIREAT, PEXPIREAT, TTL, PTTL, PERSIST, OBJECT
     */
    public static List<CommandSpec> specs() {
        return List.of(Del.SPEC, Del.UNLINK, Exists.SPEC, Type.SPEC, Keys.SPEC, Scan.SPEC, RandomKey.SPEC, Touch.SPEC,
                Rename.RENAME, Rename.RENAMENX, Move.SPEC, Copy.SPEC,
                Expire.EXPIRE, Expire.PEXPIRE, Expire.EXPIREAT, Expire.PEXPIREAT, Ttl.TTL, Ttl.PTTL, Ttl.EXPIRETIME,
                Ttl.PEXPIRETIME, Persist.SPEC, ObjectCommand.SPEC, Sort.SORT, Sort.SORT_RO);
    }
}
