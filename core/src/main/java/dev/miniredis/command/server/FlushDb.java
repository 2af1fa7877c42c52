package dev.miniredis.command.server;

import dev.miniredis.command.Args;
import dev.miniredis.command.Category;
import dev.miniredis.command.Command;
import dev.miniredis.command.CommandError;
import dev.miniredis.command.CommandSpec;
import dev.miniredis.command.Context;
import dev.miniredis.command.Flag;
import dev.miniredis.protocol.Resp;

/**
 * {@code FLUSHDB [ASYNC|SYNC]}: remove every key of the selected database; {@code FLUSHALL [ASYNC|SYNC]}: of every
 * database. ASYNC is accepted and done synchronously: dropping a store's pages and index is a few assignments, and the
 * garbage collector frees the buffers' native memory in the background anyway.
 */
record FlushDb(boolean all) implements Command {
    static final CommandSpec FLUSHDB = CommandSpec.of("flushdb", -1, Flag.WRITE)
            .categories(Category.KEYSPACE, Category.DANGEROUS).group("server").since("1.0.0")
            .summary("Remove all keys from the current database.").parser(args -> parse(args, false));
    static final CommandSpec FLUSHALL = CommandSpec.of("flushall", -1, Flag.WRITE)
            .categories(Category.KEYSPACE, Category.DANGEROUS).group("server").since("1.0.0")
            .summary("Removes all keys from all databases.").parser(args -> parse(args, true));

    static Command parse(Args args, boolean all) {
        if (args.count() > 2 || (args.count() == 2 && !args.is(1, "async") && !args.is(1, "sync"))) {
            throw CommandError.SYNTAX;
        }
        return new FlushDb(all);
    }

    @Override
    public void execute(Context ctx) {
        if (all) ctx.keyspace().clearAll();
        else ctx.db().clear();
        ctx.reply().raw(Resp.OK);
    }
}
