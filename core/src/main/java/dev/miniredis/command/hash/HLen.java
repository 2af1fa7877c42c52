package dev.miniredis.command.hash;

import dev.miniredis.command.Args;
import dev.miniredis.command.Category;
import dev.miniredis.command.Command;
import dev.miniredis.command.CommandSpec;
import dev.miniredis.command.Context;
import dev.miniredis.command.Flag;
import dev.miniredis.db.Db;

/** {@code HLEN key}: the number of fields, 0 for a missing key. */
record HLen(byte[] key) implements Command {
    static final CommandSpec SPEC = CommandSpec.of("hlen", 2, Flag.READONLY, Flag.FAST).keys(1, 1, 1)
            .categories(Category.HASH).group("hash").since("2.0.0")
            .summary("Returns the number of fields in a hash.").parser(HLen::parse);

    static Command parse(Args args) {
        return new HLen(args.get(1));
    }

    @Override
    public void execute(Context ctx) {
        Db db = ctx.db();
        long a = Hashes.requireHash(db, db.get(key, ctx.now()));
        ctx.reply().integer(a == Db.NIL ? 0 : Hashes.length(db, a)); // a packed hash's count is in its first 4 bytes
    }
}
