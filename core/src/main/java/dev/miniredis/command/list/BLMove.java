package dev.miniredis.command.list;

import dev.miniredis.command.Blocking;
import dev.miniredis.command.Category;
import dev.miniredis.command.Command;
import dev.miniredis.command.CommandSpec;
import dev.miniredis.command.Context;
import dev.miniredis.command.Flag;
import dev.miniredis.db.Db;

/**
 * {@code BLMOVE source destination LEFT|RIGHT LEFT|RIGHT timeout} and {@code BRPOPLPUSH source destination timeout}:
 * LMOVE, or wait for the source to come into being (when the timeout passes, a null array, as Redis answers every
 * blocking timeout; inside EXEC, where it cannot wait, a null reply). The queue pattern: workers
 * BLMOVE from "jobs" to their own "processing" list, so a job is never lost between taking and finishing it.
 */
record BLMove(byte[] source, byte[] destination, boolean fromHead, boolean toHead, byte[] timeout) implements Command {
    static final CommandSpec BLMOVE = CommandSpec.of("blmove", 6, Flag.WRITE, Flag.DENYOOM, Flag.NOSCRIPT,
                    Flag.BLOCKING).keys(1, 2, 1).categories(Category.LIST, Category.BLOCKING).group("list")
            .since("6.2.0").summary("Pop an element from a list, push it to another list and return it; or block "
                    + "until one is available")
            .parser(args -> new BLMove(args.get(1), args.get(2), Lists.side(args.get(3)), Lists.side(args.get(4)),
                    args.get(5)));
    static final CommandSpec BRPOPLPUSH = CommandSpec.of("brpoplpush", 4, Flag.WRITE, Flag.DENYOOM, Flag.NOSCRIPT,
                    Flag.BLOCKING).keys(1, 2, 1).categories(Category.LIST, Category.BLOCKING).group("list")
            .since("2.2.0").summary("Pop an element from a list, push it to another list and return it; or block "
                    + "until one is available")
            .parser(args -> new BLMove(args.get(1), args.get(2), false, true, args.get(3)));

    @Override
    public void execute(Context ctx) {
        if (ctx.blocking().takeTimedOut(ctx.session())) {
            ctx.reply().nilArray();                   // Redis answers every blocking timeout with a null array
            return;
        }
        long deadline = Blocking.deadline(timeout, ctx.now());
        Db db = ctx.db();
        if (Lists.requireList(db, db.lookup(source, ctx.now())) != Db.NIL) {
            new LMove(source, destination, fromHead, toHead).execute(ctx);
            return;
        }
        if (!ctx.mayBlock()) {
            ctx.reply().nil();
            return;
        }
        ctx.block(new byte[][] {source}, Blocking.LIST, deadline);
    }
}
