package dev.miniredis.command.hash;

import dev.miniredis.command.Args;
import dev.miniredis.command.Category;
import dev.miniredis.command.Command;
import dev.miniredis.command.CommandSpec;
import dev.miniredis.command.Context;
import dev.miniredis.command.Flag;
import dev.miniredis.db.Db;

/** {@code HEXISTS key field}: 1 if the field exists, else 0 (an integer in RESP3 too, not a boolean, as in Redis). */
record HExists(byte[] key, byte[] field) implements Command {
    static final CommandSpec SPEC = CommandSpec.of("hexists", 3, Flag.READONLY, Flag.FAST).keys(1, 1, 1)
            .categories(Category.HASH).group("hash").since("2.0.0")
            .summary("Determines whether a field exists in a hash.").parser(HExists::parse);

    static Command parse(Args args) {
        return new HExists(args.get(1), args.get(2));
    }

    @Override
    public void execute(Context ctx) {
        Db db = ctx.db();
        long a = Hashes.requireHash(db, db.get(key, ctx.now()));
        ctx.reply().integer(a != Db.NIL && Hashes.valueLength(db, a, field) >= 0 ? 1 : 0);
    }
}
