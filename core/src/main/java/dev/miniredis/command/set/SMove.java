package dev.miniredis.command.set;

import dev.miniredis.command.Args;
import dev.miniredis.command.Category;
import dev.miniredis.command.Command;
import dev.miniredis.command.CommandError;
import dev.miniredis.command.CommandSpec;
import dev.miniredis.command.Context;
import dev.miniredis.command.Flag;
import dev.miniredis.db.Db;
import dev.miniredis.db.Encoding;
import dev.miniredis.db.types.IntSet;
import dev.miniredis.db.types.MemberSet;
import dev.miniredis.protocol.RespWriter;
import dev.miniredis.pubsub.Notifications;

/**
 * {@code SMOVE source destination member}: moves a member; 1 if it moved, 0 if the source lacked it. In Redis's order:
 * a missing source answers 0 before the destination's type is looked at; then both types are checked; moving within
 * one set only reports membership. A new destination is created as SADD would (an intset for an integer).
 */
record SMove(byte[] source, byte[] destination, byte[] member) implements Command {
    static final CommandSpec SPEC = CommandSpec.of("smove", 4, Flag.WRITE, Flag.FAST).keys(1, 2, 1)
            .categories(Category.SET).group("set").since("1.0.0").summary("Move a member from one set to another")
            .parser(SMove::parse);

    static Command parse(Args args) {
        return new SMove(args.get(1), args.get(2), args.get(3));
    }

    @Override
    public void execute(Context ctx) {
        Db db = ctx.db();
        long now = ctx.now();
        long src = db.lookup(source, now);
        long dst = db.lookup(destination, now);
        if (src == Db.NIL) {
            ctx.reply().integer(0);
            return;
        }
        Sets.requireSet(db, src);
        Sets.requireSet(db, dst);
        if (src == dst) {
            ctx.reply().integer(Sets.contains(db, src, member, 0) ? 1 : 0);
            return;
        }
        if (!Sets.removeOne(db, source, src, member, now)) {
            ctx.reply().integer(0);
            return;
        }
        ctx.notify(Notifications.SET, "srem", source);
        ctx.notifyIfEmptied(source); // Redis's order: the source's events (srem, del), then the destination's (new, sadd)
        // The removal wrote to the keyspace, so the destination's address is stale: addOne looks it up again.
        if (Sets.addOne(db, destination, member, now)) ctx.notify(Notifications.SET, "sadd", destination);
        ctx.reply().integer(1);
    }
}
