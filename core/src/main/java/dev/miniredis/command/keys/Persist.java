package dev.miniredis.command.keys;

import dev.miniredis.command.Args;
import dev.miniredis.pubsub.Notifications;
import dev.miniredis.command.Category;
import dev.miniredis.command.Command;
import dev.miniredis.command.CommandSpec;
import dev.miniredis.command.Context;
import dev.miniredis.command.Flag;
import dev.miniredis.db.Db;

/** {@code PERSIST key}: removes the key's deadline; 1 if it had one, 0 otherwise. */
record Persist(byte[] key) implements Command {
    static final CommandSpec SPEC = CommandSpec.of("persist", 2, Flag.WRITE, Flag.FAST).keys(1, 1, 1)
            .categories(Category.KEYSPACE).group("generic").since("2.2.0")
            .summary("Removes the expiration time of a key.").parser(Persist::parse);

    static Command parse(Args args) {
        return new Persist(args.get(1));
    }

    @Override
    public void execute(Context ctx) {
        Db db = ctx.db();
        long a = db.lookup(key, ctx.now());
        if (a == Db.NIL || db.deadlineMillis(a) == Db.PERSISTENT) {
            ctx.reply().integer(0);
            return;
        }
        db.setDeadline(a, Db.PERSISTENT);
        ctx.notify(Notifications.GENERIC, "persist", key);
        ctx.reply().integer(1);
    }
}
