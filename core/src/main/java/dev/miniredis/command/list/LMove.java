package dev.miniredis.command.list;

import dev.miniredis.pubsub.Notifications;
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
 * {@code LMOVE source destination LEFT|RIGHT LEFT|RIGHT} and {@code RPOPLPUSH source destination} (which is
 * {@code LMOVE source destination RIGHT LEFT}): pops an element from one end of the source, pushes it onto one end of
 * the destination (created if missing) and replies with it. Redis's order: a missing source answers null (whatever the
 * destination holds); then the source's type, then the destination's. Source and destination may be the same list,
 * which rotates it.
 *
 * <p>The element is copied out of the source into a scratch array before anything moves: the source is written back
 * (and may be deleted, or its packed bytes moved) before the destination is opened.
 */
record LMove(byte[] source, byte[] destination, boolean fromHead, boolean toHead) implements Command {
    static final CommandSpec LMOVE = CommandSpec.of("lmove", 5, Flag.WRITE, Flag.DENYOOM).keys(1, 2, 1)
            .categories(Category.LIST).group("list").since("6.2.0")
            .summary("Returns an element after popping it from one list and pushing it to another. Deletes the list if "
                    + "the last element was moved.")
            .parser(args -> new LMove(args.get(1), args.get(2), Lists.side(args.get(3)), Lists.side(args.get(4))));
    static final CommandSpec RPOPLPUSH = CommandSpec.of("rpoplpush", 3, Flag.WRITE, Flag.DENYOOM).keys(1, 2, 1)
            .categories(Category.LIST).group("list").since("1.2.0")
            .summary("Returns the last element of a list after removing and pushing it to another list. Deletes the "
                    + "list if the last element was popped.")
            .parser(args -> new LMove(args.get(1), args.get(2), false, true));

    @Override
    public void execute(Context ctx) {
        Db db = ctx.db();
        long now = ctx.now();
        long a = db.lookup(source, now);
        if (a == Db.NIL) {
            ctx.reply().nil();
            return;
        }
        Lists.requireList(db, a);
        boolean same = java.util.Arrays.equals(source, destination);
        if (!same) Lists.requireList(db, db.lookup(destination, now)); // a lookup moves no other record: a stays good
        // The element leaves the source: copy it, remove it, store the source back.
        QuickList from = Lists.open(db, a, 0, same ? db.valueLength(a) + 8L : 0);
        from.seek(fromHead ? 0 : from.size() - 1);
        int length = from.length();
        byte[] element = db.scratch(Lists.ELEMENT_SLOT, length);
        System.arraycopy(from.nodeBytes(), from.offset(), element, 0, length);
        from.remove(true);
        // Notifications in Redis's order: the push on the destination, then the pop on the source, then its del.
        if (same) {
            from.push(toHead, element, 0, length);
            Lists.store(db, source, a, from, now);
            ctx.notify(Notifications.LIST, toHead ? "lpush" : "rpush", destination);
            Lists.notify(ctx, source, fromHead ? "lpop" : "rpop", from);
        } else {
            Lists.store(db, source, a, from, now);
            long d = db.lookup(destination, now);     // after the source's write: its address is fresh
            long extra = Listpack.entryBytes(length);
            QuickList to = d == Db.NIL ? Lists.create(db, 1, extra) : Lists.open(db, d, 1, extra);
            to.push(toHead, element, 0, length);
            Lists.store(db, destination, d, to, now);
            ctx.notify(Notifications.LIST, toHead ? "lpush" : "rpush", destination);
            Lists.notify(ctx, source, fromHead ? "lpop" : "rpop", from);
        }
        ctx.reply().bulk(element, 0, length);
    }
}
