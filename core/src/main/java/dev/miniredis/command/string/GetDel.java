package dev.miniredis.command.string;

import dev.miniredis.pubsub.Notifications;
import dev.miniredis.command.Args;
import dev.miniredis.command.Category;
import dev.miniredis.command.Command;
import dev.miniredis.command.CommandSpec;
import dev.miniredis.command.Context;
import dev.miniredis.command.Flag;
import dev.miniredis.db.Db;

/** {@code GETDEL key}: the value, and the key is gone. */
record GetDel(byte[] key) implements Command {
    static final CommandSpec SPEC = CommandSpec.of("getdel", 2, Flag.WRITE, Flag.FAST).keys(1, 1, 1)
            .categories(Category.STRING).group("string").since("6.2.0")
            .summary("Returns the string value of a key after deleting the key.").parser(GetDel::parse);

    static Command parse(Args args) {
        return new GetDel(args.get(1));
    }

    @Override
    public void execute(Context ctx) {
        Db db = ctx.db();
        long a = Strings.requireString(db, db.get(key, ctx.now()));
        Strings.reply(ctx.reply(), db, a); // copied out before the record is freed
        if (a != Db.NIL) {
            db.delete(a);
            ctx.notify(Notifications.GENERIC, "del", key);
        }
    }
}
