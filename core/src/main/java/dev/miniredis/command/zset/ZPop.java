package dev.miniredis.command.zset;

import dev.miniredis.command.Args;
import dev.miniredis.command.Command;
import dev.miniredis.command.CommandError;
import dev.miniredis.command.CommandSpec;
import dev.miniredis.command.Context;
import dev.miniredis.command.Flag;
import dev.miniredis.db.Db;
import dev.miniredis.protocol.RespWriter;
import dev.miniredis.pubsub.Notifications;

/**
 * {@code ZPOPMIN key [count]}, {@code ZPOPMAX key [count]} and {@code ZMPOP numkeys key [key ...] MIN|MAX [COUNT
 * count]}: remove and return the lowest or highest members. ZMPOP pops from the first of its keys that holds a sorted
 * set and names it. The reply shapes are Redis's genericZpopCommand's: ZPOPMIN without a count is a flat
 * [member, score]; with a count, RESP2 stays flat and RESP3 nests pairs; ZMPOP always nests, and answers null when
 * no key had anything.
 */
record ZPop(byte[][] keys, boolean max, long count, boolean multi) implements Command {
    static final CommandSpec ZPOPMIN = ZSets.spec("zpopmin", -2, Flag.WRITE, Flag.FAST).keys(1, 1, 1).since("5.0.0")
            .summary("Returns the lowest-scoring members from a sorted set after removing them. Deletes the sorted set "
                    + "if the last member was popped.").parser(args -> parse(args, false));
    static final CommandSpec ZPOPMAX = ZSets.spec("zpopmax", -2, Flag.WRITE, Flag.FAST).keys(1, 1, 1).since("5.0.0")
            .summary("Returns the highest-scoring members from a sorted set after removing them. Deletes the sorted "
                    + "set if the last member was popped.").parser(args -> parse(args, true));
    static final CommandSpec ZMPOP = ZSets.spec("zmpop", -4, Flag.WRITE, Flag.MOVABLEKEYS).keys(0, 0, 0)
            .since("7.0.0").summary("Returns the highest- or lowest-scoring members from one or more sorted sets after "
                    + "removing them. Deletes the sorted set if the last member was popped.").parser(ZPop::parseMulti);

    static Command parse(Args args, boolean max) {
        if (args.count() > 3) throw CommandError.SYNTAX;
        long count = -1; // no count given: the flat reply
        if (args.count() == 3) {
            try {
                count = Args.parseLong(args.get(2));
            } catch (CommandError e) {
                count = -2;
            }
            if (count < 0) throw new CommandError("ERR value is out of range, must be positive");
        }
        return new ZPop(new byte[][] {args.get(1)}, max, count, false);
    }

    static final CommandError NUMKEYS = new CommandError("ERR numkeys should be greater than 0");
    static final CommandError COUNT = new CommandError("ERR count should be greater than 0");

    static Command parseMulti(Args args) {
        return parseMulti(args.all());
    }

    /**
     * ZMPOP's arguments ({@code argv[1]} is numkeys); BZMPOP passes its own without the timeout.
     *
     * @param argv the command
     * @return the command
     */
    static ZPop parseMulti(byte[][] argv) {
        Args args = Args.over(argv);
        long numkeys = positive(args.get(1), NUMKEYS);
        if (numkeys >= args.count() - 2) throw CommandError.SYNTAX; // MIN or MAX must follow the keys
        long whereAt = 2 + numkeys;
        boolean max;
        if (args.is((int) whereAt, "min")) max = false;
        else if (args.is((int) whereAt, "max")) max = true;
        else throw CommandError.SYNTAX;
        long count = -1;
        for (int j = (int) whereAt + 1; j < args.count(); j++) {
            if (count == -1 && args.is(j, "count") && j + 1 < args.count()) {
                count = positive(args.get(++j), COUNT);
            } else {
                throw CommandError.SYNTAX;
            }
        }
        byte[][] keys = new byte[(int) numkeys][];
        for (int i = 0; i < keys.length; i++) keys[i] = args.get(2 + i);
        return new ZPop(keys, max, count == -1 ? 1 : count, true);
    }

    // getRangeLongFromObjectOrReply(1, LONG_MAX): not an integer and out of range share the message.
    private static long positive(byte[] b, CommandError error) {
        long v;
        try {
            v = Args.parseLong(b);
        } catch (CommandError e) {
            throw error;
        }
        if (v < 1) throw error;
        return v;
    }

    @Override
    public void execute(Context ctx) {
        Db db = ctx.db();
        RespWriter out = ctx.reply();
        byte[] key = null;
        for (byte[] k : keys) { // the first key holding a sorted set; WRONGTYPE stops the search
            if (ZSets.exists(db, db.lookup(k, ctx.now()))) {
                key = k;
                break;
            }
        }
        if (key == null) {
            if (multi) out.nilArray();
            else out.array(0);
            return;
        }
        if (count == 0) {
            out.array(0);
            return;
        }
        ZEdit z = ZEdit.open(db, key, ctx.now());
        int size = z.size();
        int n = (int) Math.min(count == -1 ? 1 : count, size);
        boolean nested = multi || count != -1 && out.protocol() == 3;
        if (multi) {
            out.array(2);
            out.bulk(key);
            out.array(n);
        } else {
            out.array(nested ? n : 2 * n);
        }
        int from = max ? size - n : 0;
        // Reply first (from the pack or list as it is), then cut the range out in one go.
        if (z.isPacked()) {
            byte[] b = z.pack();
            int[] positions = new int[n];
            int pos = dev.miniredis.db.types.PackedZSet.seek(b, from);
            for (int i = 0; i < n; i++) {
                positions[i] = pos;
                pos = dev.miniredis.db.types.Listpack.next(b, dev.miniredis.db.types.Listpack.next(b, pos));
            }
            for (int i = 0; i < n; i++) ZSets.element(out, b, positions[max ? n - 1 - i : i], nested, true);
        } else {
            dev.miniredis.db.types.SkipList.Node x = max ? z.skipList().last() : z.skipList().first();
            for (int i = 0; i < n; i++, x = max ? x.previous() : x.next()) ZSets.element(out, x, nested, true);
        }
        z.removeRanks(from, from + n);
        z.commit();
        ctx.notify(Notifications.ZSET, max ? "zpopmax" : "zpopmin", key); // once, however many were popped
        ctx.notifyIfEmptied(key);
    }
}
