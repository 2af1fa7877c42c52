package dev.miniredis.command.set;

import dev.miniredis.command.Args;
import dev.miniredis.command.Category;
import dev.miniredis.command.Command;
import dev.miniredis.command.CommandSpec;
import dev.miniredis.command.Context;
import dev.miniredis.command.Flag;
import dev.miniredis.db.Db;
import dev.miniredis.db.Encoding;
import dev.miniredis.db.types.IntSet;
import dev.miniredis.db.types.MemberSet;
import dev.miniredis.pubsub.Notifications;

/**
 * {@code SREM key member [member ...]}: removes the members; replies how many were there. The emptied set deletes its
 * key. An intset stays an intset and a hash table stays a hash table however small it gets: Redis 7.0 never converts
 * back.
 */
record SRem(byte[] key, byte[][] argv) implements Command {
    static final CommandSpec SPEC = CommandSpec.of("srem", -3, Flag.WRITE, Flag.FAST).keys(1, 1, 1)
            .categories(Category.SET).group("set").since("1.0.0").summary("Remove one or more members from a set")
            .parser(SRem::parse);

    static Command parse(Args args) {
        return new SRem(args.get(1), args.all());
    }

    @Override
    public void execute(Context ctx) {
        Db db = ctx.db();
        long now = ctx.now();
        long a = Sets.requireSet(db, db.lookup(key, now));
        int removed = 0;
        if (a == Db.NIL) {
            ctx.reply().integer(0);
            return;
        }
        if (db.type(a) == Encoding.SET) {
            MemberSet set = Sets.heap(db, a);
            for (int i = 2; i < argv.length; i++) if (set.remove(argv[i])) removed++;
            if (set.size() == 0) db.delete(a);
            else if (removed > 0) db.resized(a);
        } else {
            byte[] ints = db.readPacked(a, 0);
            int length = db.valueLength(a);
            for (int i = 2; i < argv.length; i++) {
                if (!IntSet.isInteger(argv[i])) continue;   // an intset holds only integers
                int at = IntSet.indexOf(ints, length, IntSet.parse(argv[i]));
                if (at < 0) continue;
                length = IntSet.removeAt(ints, length, at);
                removed++;
            }
            if (IntSet.count(ints, length) == 0) db.delete(a);
            else if (removed > 0) db.putPacked(key, Encoding.SET_INTSET, ints, length, now);
        }
        if (removed > 0) {
            ctx.notify(Notifications.SET, "srem", key);
            ctx.notifyIfEmptied(key);
        }
        ctx.reply().integer(removed);
    }
}
