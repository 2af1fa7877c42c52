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
 * {@code FLUSHDB [ASYNC|SYNC]} and {@code FLUSHALL [ASYNC|SYNC]}: remove every key. With one database they are the same.
 * ASYNC is accepted and done synchronously: dropping our table is one assignment, and the garbage collector frees the
 * entries in the background anyway.
 */
record FlushDb() implements Command {
    static final CommandSpec FLUSHDB = CommandSpec.of("flushdb", -1, Flag.WRITE)
            .categories(Category.KEYSPACE, Category.DANGEROUS).group("server").since("1.0.0")
            .summary("Remove all keys from the current database.").parser(FlushDb::parse);
    static final CommandSpec FLUSHALL = CommandSpec.of("flushall", -1, Flag.WRITE)
            .categories(Category.KEYSPACE, Category.DANGEROUS).group("server").since("1.0.0")
            .summary("Removes all keys from all databases.").parser(FlushDb::parse);

    static Command parse(Args args) {
        if (args.count() > 2 || (args.count() == 2 && !args.is(1, "async") && !args.is(1, "sync"))) {
            throw CommandError.SYNTAX;
        }
        return new FlushDb();
    }

    @Override
    public void execute(Context ctx) {
        ctx.db().clear();
        ctx.reply().raw(Resp.OK);
    }
}
