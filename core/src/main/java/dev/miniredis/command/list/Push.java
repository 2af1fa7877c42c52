package dev.miniredis.command.list;

import dev.miniredis.command.Args;
import dev.miniredis.command.Category;
import dev.miniredis.command.Command;
import dev.miniredis.command.CommandError;
import dev.miniredis.command.CommandSpec;
import dev.miniredis.command.Context;
import dev.miniredis.command.Flag;
import dev.miniredis.db.Db;
import dev.miniredis.db.types.Listpack;
import dev.miniredis.db.types.QuickList;
import dev.miniredis.protocol.RespWriter;

/**
 * {@code LPUSH | RPUSH | LPUSHX | RPUSHX key element [element ...]}: adds the elements one by one at the head or the
 * tail (so {@code LPUSH k a b c} leaves {@code c b a}) and replies with the new length. The X forms only push onto an
 * existing list and reply 0 otherwise. A new list is born packed in its record; it converts to a heap QuickList in
 * {@link Lists#store} when the pushes give it a second node.
 */
record Push(byte[][] argv, boolean head, boolean onlyIfExists) implements Command {
    static final CommandSpec LPUSH = spec("lpush", "1.0.0", "Prepends one or more elements to a list. Creates the key if "
            + "it doesn't exist.", true, false);
    static final CommandSpec RPUSH = spec("rpush", "1.0.0", "Appends one or more elements to a list. Creates the key if "
            + "it doesn't exist.", false, false);
    static final CommandSpec LPUSHX = spec("lpushx", "2.2.0", "Prepends one or more elements to a list only when the "
            + "list exists.", true, true);
    static final CommandSpec RPUSHX = spec("rpushx", "2.2.0", "Appends an element to a list only when the list exists.",
            false, true);

    private static CommandSpec spec(String name, String since, String summary, boolean head, boolean onlyIfExists) {
        return CommandSpec.of(name, -3, Flag.WRITE, Flag.DENYOOM, Flag.FAST).keys(1, 1, 1).categories(Category.LIST)
                .group("list").since(since).summary(summary).parser(args -> new Push(args.all(), head, onlyIfExists));
    }

    @Override
    public void execute(Context ctx) {
        Db db = ctx.db();
        byte[] key = argv[1];
        long a = Lists.requireList(db, db.lookup(key, ctx.now()));
        if (a == Db.NIL && onlyIfExists) {
            ctx.reply().integer(0);
            return;
        }
        long extra = 0;                               // room the pushes need, so a packed list's bytes need not move
        for (int i = 2; i < argv.length; i++) extra += Listpack.entryBytes(argv[i].length);
        QuickList list = a == Db.NIL ? Lists.create(db, 0, extra) : Lists.open(db, a, 0, extra);
        for (int i = 2; i < argv.length; i++) list.push(head, argv[i], 0, argv[i].length);
        long length = list.size();
        Lists.store(db, key, a, list, ctx.now());
        Lists.notify(ctx, key, head ? "lpush" : "rpush", list);
        ctx.reply().integer(length);
    }
}
