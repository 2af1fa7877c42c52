package dev.miniredis.command.keys;

import dev.miniredis.command.Args;
import dev.miniredis.pubsub.Notifications;
import dev.miniredis.command.Category;
import dev.miniredis.command.Command;
import dev.miniredis.command.CommandSpec;
import dev.miniredis.command.Context;
import dev.miniredis.command.Flag;

/** {@code DEL key [key ...]}: how many of the keys existed and were removed. */
record Del(byte[][] argv) implements Command {
    static final CommandSpec SPEC = CommandSpec.of("del", -2, Flag.WRITE).keys(1, -1, 1)
            .categories(Category.KEYSPACE).group("generic").since("1.0.0").summary("Deletes one or more keys.")
            .parser(Del::parse);
    /**
     * UNLINK: DEL by another name. Redis frees big values on a background thread; freeing here is giving a handle back
     * (heap collections) or a record to its free list, both constant time, so there is nothing to defer.
     */
    static final CommandSpec UNLINK = CommandSpec.of("unlink", -2, Flag.WRITE, Flag.FAST).keys(1, -1, 1)
            .categories(Category.KEYSPACE).group("generic").since("4.0.0")
            .summary("Delete a key asynchronously in another thread. Otherwise it is just as DEL, but non blocking.")
            .parser(Del::parse);

    static Command parse(Args args) {
        return new Del(args.all());
    }

    @Override
    public void execute(Context ctx) {
        int removed = 0;
        for (int i = 1; i < argv.length; i++) {
            if (ctx.db().delete(argv[i], ctx.now())) {
                removed++;
                ctx.notify(Notifications.GENERIC, "del", argv[i]);
            }
        }
        ctx.reply().integer(removed);
    }
}
