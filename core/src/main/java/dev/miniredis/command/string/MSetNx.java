package dev.miniredis.command.string;

import dev.miniredis.command.Args;
import dev.miniredis.command.Category;
import dev.miniredis.command.Command;
import dev.miniredis.command.CommandError;
import dev.miniredis.command.CommandSpec;
import dev.miniredis.command.Context;
import dev.miniredis.command.Flag;
import dev.miniredis.db.Db;
import dev.miniredis.pubsub.Notifications;

/**
 * {@code MSETNX key value [key value ...]}: sets every pair only if none of the keys exists (of any type), and answers 1
 * if it did, 0 if not. All or nothing, and atomic because the loop runs one command at a time. A key named twice is
 * set twice, the last value winning, as in Redis.
 */
record MSetNx(byte[][] argv) implements Command {
    static final CommandSpec SPEC = CommandSpec.of("msetnx", -3, Flag.WRITE, Flag.DENYOOM).keys(1, -1, 2)
            .categories(Category.STRING).group("string").since("1.0.1")
            .summary("Atomically modifies the string values of one or more keys only when all keys don't exist.")
            .parser(MSetNx::parse);

    static Command parse(Args args) {
        if (args.count() % 2 == 0) throw CommandError.wrongArity("msetnx");
        return new MSetNx(args.all());
    }

    @Override
    public void execute(Context ctx) {
        Db db = ctx.db();
        long now = ctx.now();
        for (int i = 1; i < argv.length; i += 2) {
            if (db.lookup(argv[i], now) != Db.NIL) {
                ctx.reply().integer(0);
                return;
            }
        }
        for (int i = 1; i < argv.length; i += 2) db.requireKeyFits(argv[i]); // all or nothing
        for (int i = 1; i < argv.length; i += 2) {
            db.put(argv[i], argv[i + 1], Db.PERSISTENT, now); // "new" (from the keyspace), then "set", key by key
            ctx.notify(Notifications.STRING, "set", argv[i]);
        }
        ctx.reply().integer(1);
    }
}
