package dev.miniredis.command.zset;

import dev.miniredis.command.Args;
import dev.miniredis.command.Command;
import dev.miniredis.command.CommandSpec;
import dev.miniredis.command.Context;
import dev.miniredis.command.Flag;
import dev.miniredis.db.Db;

/** {@code ZCARD key}: the number of members, 0 for a missing key. */
record ZCard(byte[] key) implements Command {
    static final CommandSpec SPEC = ZSets.spec("zcard", 2, Flag.READONLY, Flag.FAST).keys(1, 1, 1).since("1.2.0")
            .summary("Returns the number of members in a sorted set.").parser(ZCard::parse);

    static Command parse(Args args) {
        return new ZCard(args.get(1));
    }

    @Override
    public void execute(Context ctx) {
        Db db = ctx.db();
        long a = db.get(key, ctx.now());
        ctx.reply().integer(ZSets.exists(db, a) ? ZSets.card(db, a) : 0);
    }
}
