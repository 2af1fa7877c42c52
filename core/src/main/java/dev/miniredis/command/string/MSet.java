package dev.miniredis.command.string;

import dev.miniredis.pubsub.Notifications;
import dev.miniredis.command.Args;
import dev.miniredis.command.Category;
import dev.miniredis.command.Command;
import dev.miniredis.command.CommandError;
import dev.miniredis.command.CommandSpec;
import dev.miniredis.command.Context;
import dev.miniredis.command.Flag;
import dev.miniredis.db.Db;
import dev.miniredis.protocol.Resp;

/** {@code MSET key value [key value ...]}: sets every pair, dropping their deadlines; always OK. */
record MSet(byte[][] argv) implements Command {
    static final CommandSpec SPEC = CommandSpec.of("mset", -3, Flag.WRITE, Flag.DENYOOM).keys(1, -1, 2)
            .categories(Category.STRING).group("string").since("1.0.1")
            .summary("Atomically creates or modifies the string values of one or more keys.").parser(MSet::parse);

    static Command parse(Args args) {
        if (args.count() % 2 == 0) throw CommandError.wrongArity("mset");
        return new MSet(args.all());
    }

    @Override
    public void execute(Context ctx) {
        Db db = ctx.db();
        for (int i = 1; i < argv.length; i += 2) db.requireKeyFits(argv[i]); // all or nothing
        for (int i = 1; i < argv.length; i += 2) {
            db.put(argv[i], argv[i + 1], Db.PERSISTENT, ctx.now());
            ctx.notify(Notifications.STRING, "set", argv[i]);
        }
        ctx.reply().raw(Resp.OK);
    }
}
