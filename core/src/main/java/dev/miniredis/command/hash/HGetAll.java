package dev.miniredis.command.hash;

import dev.miniredis.command.Category;
import dev.miniredis.command.Command;
import dev.miniredis.command.CommandSpec;
import dev.miniredis.command.Context;
import dev.miniredis.command.Flag;
import dev.miniredis.db.Db;

/**
 * {@code HGETALL key}, {@code HKEYS key}, {@code HVALS key}: the whole hash, its fields, or its values. One class, as
 * one C function ({@code genericHgetallCommand}) in Redis: they differ only in what each field contributes. HGETALL is
 * a map in RESP3 (a flat field, value, ... array in RESP2); a missing key is an empty map or array.
 */
record HGetAll(byte[] key, boolean fields, boolean values) implements Command {
    static final CommandSpec HGETALL = CommandSpec.of("hgetall", 2, Flag.READONLY).keys(1, 1, 1)
            .categories(Category.HASH).group("hash").since("2.0.0")
            .summary("Returns all fields and values in a hash.").parser(args -> new HGetAll(args.get(1), true, true));
    static final CommandSpec HKEYS = CommandSpec.of("hkeys", 2, Flag.READONLY).keys(1, 1, 1)
            .categories(Category.HASH).group("hash").since("2.0.0")
            .summary("Returns all fields in a hash.").parser(args -> new HGetAll(args.get(1), true, false));
    static final CommandSpec HVALS = CommandSpec.of("hvals", 2, Flag.READONLY).keys(1, 1, 1)
            .categories(Category.HASH).group("hash").since("2.0.0")
            .summary("Returns all values in a hash.").parser(args -> new HGetAll(args.get(1), false, true));

    @Override
    public void execute(Context ctx) {
        Db db = ctx.db();
        long a = Hashes.requireHash(db, db.get(key, ctx.now()));
        if (a == Db.NIL) {
            if (fields && values) ctx.reply().map(0);
            else ctx.reply().array(0);
            return;
        }
        Hashes.replyAll(ctx.reply(), db, a, fields, values);
    }
}
