package dev.miniredis.command.keys;

import dev.miniredis.command.Args;
import dev.miniredis.pubsub.Notifications;
import dev.miniredis.command.Category;
import dev.miniredis.command.Command;
import dev.miniredis.command.CommandError;
import dev.miniredis.command.CommandSpec;
import dev.miniredis.command.Context;
import dev.miniredis.command.Flag;
import dev.miniredis.db.Db;
import dev.miniredis.db.Encoding;

/**
 * {@code MOVE key db}: moves a key, with its deadline, to another database; 1 if moved, 0 if the key does not exist
 * here or already exists there. A big collection's object changes tables, not places (see {@link Db#transfer}).
 */
record Move(byte[] key, long target) implements Command {
    static final CommandSpec SPEC = CommandSpec.of("move", 3, Flag.WRITE, Flag.FAST).keys(1, 1, 1)
            .categories(Category.KEYSPACE).group("generic").since("1.0.0").summary("Move a key to another database")
            .parser(Move::parse);

    static Command parse(Args args) {
        long target = args.longAt(2);
        if (target < Integer.MIN_VALUE || target > Integer.MAX_VALUE) {
            throw new CommandError("ERR value is out of range, value must between -2147483648 and 2147483647");
        }
        return new Move(args.get(1), target);
    }

    @Override
    public void execute(Context ctx) {
        if (target < 0 || target >= ctx.keyspace().count()) throw new CommandError("ERR DB index is out of range");
        if (target == ctx.session().db()) throw new CommandError("ERR source and destination objects are the same");
        Db src = ctx.db();
        Db dst = ctx.keyspace().db((int) target);
        long a = src.lookup(key, ctx.now());
        if (a == Db.NIL || dst.lookup(key, ctx.now()) != Db.NIL) {
            ctx.reply().integer(0);
            return;
        }
        src.transfer(a, dst, key, Encoding.onHeap(src.type(a)) ? src.object(a) : null, true, ctx.now());
        src.delete(a);
        ctx.notify(Notifications.GENERIC, "move_from", key);
        if (ctx.notifications().wants(Notifications.GENERIC)) {
            ctx.notifications().notify(Notifications.GENERIC, "move_to", key, key.length, (int) target);
        }
        ctx.reply().integer(1);
    }
}
