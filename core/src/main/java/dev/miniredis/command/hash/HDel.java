package dev.miniredis.command.hash;

import dev.miniredis.command.Args;
import dev.miniredis.command.Category;
import dev.miniredis.command.Command;
import dev.miniredis.command.CommandSpec;
import dev.miniredis.command.Context;
import dev.miniredis.command.Flag;
import dev.miniredis.db.Db;
import dev.miniredis.pubsub.Notifications;

/**
 * {@code HDEL key field [field ...]}: removes fields; answers how many were there. Removing the last field deletes the
 * key, as Redis does (an empty hash does not exist). A big hash stays a hashtable however small it gets.
 */
record HDel(byte[][] argv) implements Command {
    static final CommandSpec SPEC = CommandSpec.of("hdel", -3, Flag.WRITE, Flag.FAST).keys(1, 1, 1)
            .categories(Category.HASH).group("hash").since("2.0.0")
            .summary("Deletes one or more fields and their values from a hash. Deletes the hash if no fields remain.")
            .parser(HDel::parse);

    static Command parse(Args args) {
        return new HDel(args.all());
    }

    @Override
    public void execute(Context ctx) {
        Db db = ctx.db();
        byte[] key = argv[1];
        long a = Hashes.requireHash(db, db.lookup(key, ctx.now()));
        if (a == Db.NIL) {
            ctx.reply().integer(0);
            return;
        }
        int deleted = Hashes.delete(db, key, a, argv, 2, ctx.now());
        if (deleted > 0) {
            ctx.notify(Notifications.HASH, "hdel", key);
            ctx.notifyIfEmptied(key); // the last field took the key with it
        }
        ctx.reply().integer(deleted);
    }
}
