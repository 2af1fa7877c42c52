package dev.miniredis.command.keys;

import dev.miniredis.command.Args;
import dev.miniredis.command.Category;
import dev.miniredis.command.Command;
import dev.miniredis.command.CommandSpec;
import dev.miniredis.command.Context;
import dev.miniredis.command.Flag;
import dev.miniredis.db.Db;

import java.util.SplittableRandom;

/** {@code RANDOMKEY}: a live key chosen at random, or null when the database is empty. */
record RandomKey() implements Command {
    static final CommandSpec SPEC = CommandSpec.of("randomkey", 1, Flag.READONLY).categories(Category.KEYSPACE)
            .group("generic").since("1.0.0").summary("Return a random key from the keyspace").parser(RandomKey::parse);

    private static final RandomKey INSTANCE = new RandomKey();
    // One source for the loop; which key comes out is no one's contract.
    private static final ThreadLocal<SplittableRandom> RANDOM = ThreadLocal.withInitial(SplittableRandom::new);

    static Command parse(Args args) {
        return INSTANCE;
    }

    @Override
    public void execute(Context ctx) {
        Db db = ctx.db();
        long a = db.randomKey(RANDOM.get(), ctx.now());
        if (a == Db.NIL) ctx.reply().nil();
        else ctx.reply().bulk(db.key(a));
    }
}
