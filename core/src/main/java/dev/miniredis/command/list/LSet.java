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
import dev.miniredis.protocol.Resp;
import dev.miniredis.protocol.RespWriter;

/**
 * {@code LSET key index element}: replaces the element at the index. Redis checks the key first ({@code ERR no such
 * key}), then the type, then parses the index; an index outside the list is {@code ERR index out of range}.
 */
record LSet(byte[] key, byte[] index, byte[] element) implements Command {
    static final CommandSpec SPEC = CommandSpec.of("lset", 4, Flag.WRITE, Flag.DENYOOM).keys(1, 1, 1)
            .categories(Category.LIST).group("list").since("1.0.0")
            .summary("Sets the value of an element in a list by its index.")
            .parser(args -> new LSet(args.get(1), args.get(2), args.get(3)));

    private static final CommandError NO_SUCH_KEY = new CommandError("ERR no such key");
    private static final CommandError OUT_OF_RANGE = new CommandError("ERR index out of range");

    @Override
    public void execute(Context ctx) {
        Db db = ctx.db();
        long a = Lists.requireList(db, db.lookup(key, ctx.now()));
        if (a == Db.NIL) throw NO_SUCH_KEY;
        long i = Args.parseLong(index);
        QuickList list = Lists.open(db, a, 0, Listpack.entryBytes(element.length));
        if (i < 0) i += list.size();
        if (!list.seek(i)) throw OUT_OF_RANGE;
        list.replace(element, 0, element.length);
        Lists.store(db, key, a, list, ctx.now());
        Lists.notify(ctx, key, "lset", list);
        ctx.reply().raw(Resp.OK);
    }
}
