package dev.miniredis.command.string;

import dev.miniredis.pubsub.Notifications;
import dev.miniredis.command.Args;
import dev.miniredis.command.Category;
import dev.miniredis.command.Command;
import dev.miniredis.command.CommandSpec;
import dev.miniredis.command.Context;
import dev.miniredis.command.Flag;
import dev.miniredis.db.Db;

/** {@code SETNX key value}: set only if absent; 1 if it was set, 0 if not. */
record SetNx(byte[] key, byte[] value) implements Command {
    static final CommandSpec SPEC = CommandSpec.of("setnx", 3, Flag.WRITE, Flag.DENYOOM, Flag.FAST).keys(1, 1, 1)
            .categories(Category.STRING).group("string").since("1.0.0")
            .summary("Set the string value of a key only when the key doesn't exist.").parser(SetNx::parse);

    static Command parse(Args args) {
        return new SetNx(args.get(1), args.get(2));
    }

    @Override
    public void execute(Context ctx) {
        if (ctx.db().lookup(key, ctx.now()) != Db.NIL) {
            ctx.reply().integer(0);
            return;
        }
        ctx.db().put(key, value, Db.PERSISTENT, ctx.now());
        ctx.notify(Notifications.STRING, "set", key);
        ctx.reply().integer(1);
    }
}
