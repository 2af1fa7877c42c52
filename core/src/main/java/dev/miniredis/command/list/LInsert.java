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
 * {@code LINSERT key BEFORE|AFTER pivot element}: inserts next to the first element equal to the pivot, searching from
 * the head. Replies with the new length, -1 if the pivot is not there, 0 if the key is missing.
 */
record LInsert(byte[] key, boolean after, byte[] pivot, byte[] element) implements Command {
    static final CommandSpec SPEC = CommandSpec.of("linsert", 5, Flag.WRITE, Flag.DENYOOM).keys(1, 1, 1)
            .categories(Category.LIST).group("list").since("2.2.0")
            .summary("Inserts an element before or after another element in a list.").parser(LInsert::parse);

    static Command parse(Args args) {
        boolean after;
        if (args.is(2, "after")) after = true;
        else if (args.is(2, "before")) after = false;
        else throw CommandError.SYNTAX;
        return new LInsert(args.get(1), after, args.get(3), args.get(4));
    }

    @Override
    public void execute(Context ctx) {
        Db db = ctx.db();
        long a = Lists.requireList(db, db.lookup(key, ctx.now()));
        if (a == Db.NIL) {
            ctx.reply().integer(0);
            return;
        }
        QuickList list = Lists.open(db, a, 0, Listpack.entryBytes(element.length));
        boolean on = list.seek(0);
        while (on && !list.matches(pivot)) on = list.next();
        if (!on) {
            ctx.reply().integer(-1);                  // nothing changed: nothing to store
            return;
        }
        list.insert(after, element, 0, element.length);
        long length = list.size();
        Lists.store(db, key, a, list, ctx.now());
        Lists.notify(ctx, key, "linsert", list);
        ctx.reply().integer(length);
    }
}
