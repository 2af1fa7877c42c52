package dev.miniredis.command.zset;

import dev.miniredis.command.Args;
import dev.miniredis.command.Blocking;
import dev.miniredis.command.Command;
import dev.miniredis.command.CommandError;
import dev.miniredis.command.CommandSpec;
import dev.miniredis.command.Context;
import dev.miniredis.command.Flag;
import dev.miniredis.db.Db;
import dev.miniredis.db.types.PackedZSet;
import dev.miniredis.protocol.RespWriter;
import dev.miniredis.pubsub.Notifications;

/**
 * {@code BZPOPMIN key [key ...] timeout} and {@code BZPOPMAX}: pop the lowest (highest) member of the first key that
 * holds a sorted set, answering {@code [key, member, score]}; if none does, wait (a null array when the timeout
 * passes): the sorted-set scheduler's primitive. {@code BZMPOP timeout numkeys key [key ...] MIN|MAX [COUNT count]}:
 * ZMPOP, or wait. Waiting works as for BLPOP (see {@link Blocking}).
 */
record BZPop(byte[][] keys, byte[] timeout, boolean max, ZPop multi) implements Command {
    static final CommandSpec BZPOPMIN = ZSets.spec("bzpopmin", -3, Flag.WRITE, Flag.NOSCRIPT, Flag.FAST,
                    Flag.BLOCKING).keys(1, -2, 1).since("5.0.0")
            .summary("Remove and return the member with the lowest score from one or more sorted sets, or block until "
                    + "one is available").parser(args -> parse(args, false));
    static final CommandSpec BZPOPMAX = ZSets.spec("bzpopmax", -3, Flag.WRITE, Flag.NOSCRIPT, Flag.FAST,
                    Flag.BLOCKING).keys(1, -2, 1).since("5.0.0")
            .summary("Remove and return the member with the highest score from one or more sorted sets, or block "
                    + "until one is available").parser(args -> parse(args, true));
    static final CommandSpec BZMPOP = ZSets.spec("bzmpop", -5, Flag.WRITE, Flag.BLOCKING, Flag.MOVABLEKEYS)
            .keys(0, 0, 0).since("7.0.0")
            .summary("Remove and return members with scores in a sorted set or block until one is available")
            .parser(BZPop::parseMulti);

    static Command parse(Args args, boolean max) {
        byte[][] keys = new byte[args.count() - 2][];
        System.arraycopy(args.all(), 1, keys, 0, keys.length);
        return new BZPop(keys, args.get(args.count() - 1), max, null);
    }

    // BZMPOP: ZMPOP's arguments after the timeout, parsed by ZMPOP's own rules.
    static Command parseMulti(Args args) {
        byte[][] argv = args.all();
        byte[][] shifted = new byte[argv.length - 1][];
        shifted[0] = argv[0];
        System.arraycopy(argv, 2, shifted, 1, argv.length - 2);
        ZPop zmpop = ZPop.parseMulti(shifted);
        return new BZPop(zmpop.keys(), argv[1], zmpop.max(), zmpop);
    }

    @Override
    public void execute(Context ctx) {
        RespWriter out = ctx.reply();
        if (ctx.blocking().takeTimedOut(ctx.session())) {
            out.nilArray();
            return;
        }
        long deadline = Blocking.deadline(timeout, ctx.now());
        Db db = ctx.db();
        byte[][] tryKeys = ctx.blocking().keysToTry(ctx.session(), keys);
        for (byte[] key : tryKeys) {
            long a = db.lookup(key, ctx.now());
            if (a == Db.NIL) continue;
            if (!ZSets.exists(db, a)) throw CommandError.WRONG_TYPE;
            if (multi != null) {
                (tryKeys == keys ? multi : new ZPop(tryKeys, multi.max(), multi.count(), true)).execute(ctx);
            } else {
                popOne(ctx, key);
            }
            return;
        }
        if (!ctx.mayBlock()) {
            out.nilArray();
            return;
        }
        ctx.block(keys, Blocking.ZSET, deadline);
    }

    // [key, member, score], the score a double in RESP3, as Redis's genericZpopCommand writes it for BZPOP*.
    private void popOne(Context ctx, byte[] key) {
        RespWriter out = ctx.reply();
        ZEdit z = ZEdit.open(ctx.db(), key, ctx.now());
        int rank = max ? z.size() - 1 : 0;
        out.array(3);
        out.bulk(key);
        if (z.isPacked()) ZSets.element(out, z.pack(), PackedZSet.seek(z.pack(), rank), false, true);
        else ZSets.element(out, max ? z.skipList().last() : z.skipList().first(), false, true);
        z.removeRanks(rank, rank + 1);
        z.commit();
        ctx.notify(Notifications.ZSET, max ? "zpopmax" : "zpopmin", key);
        if (z.size() == 0) ctx.notify(Notifications.GENERIC, "del", key);
    }
}
