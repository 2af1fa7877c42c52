package dev.miniredis.command.zset;

import dev.miniredis.command.Args;
import dev.miniredis.command.Command;
import dev.miniredis.command.CommandSpec;
import dev.miniredis.command.Context;
import dev.miniredis.command.Flag;
import dev.miniredis.pubsub.Notifications;

/** {@code ZREM key member [member ...]}: removes members, replies with how many were there; an emptied set goes. */
record ZRem(byte[] key, byte[][] members) implements Command {
    static final CommandSpec SPEC = ZSets.spec("zrem", -3, Flag.WRITE, Flag.FAST).keys(1, 1, 1).since("1.2.0")
            .summary("Removes one or more members from a sorted set. Deletes the sorted set if all members were "
                    + "removed.")
            .parser(ZRem::parse);

    static Command parse(Args args) {
        byte[][] members = new byte[args.count() - 2][];
        for (int i = 0; i < members.length; i++) members[i] = args.get(i + 2);
        return new ZRem(args.get(1), members);
    }

    @Override
    public void execute(Context ctx) {
        ZEdit z = ZEdit.open(ctx.db(), key, ctx.now());
        int removed = 0;
        if (z != null) {
            for (byte[] member : members) {
                if (!z.find(member)) continue;
                z.removeFound();
                removed++;
                if (z.size() == 0) break;
            }
            z.commit();
        }
        if (removed > 0) {
            ctx.notify(Notifications.ZSET, "zrem", key);
            ctx.notifyIfEmptied(key);
        }
        ctx.reply().integer(removed);
    }
}
