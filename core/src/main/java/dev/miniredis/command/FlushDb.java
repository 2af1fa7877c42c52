package dev.miniredis.command;

import dev.miniredis.protocol.Resp;

/**
 * {@code FLUSHDB [ASYNC|SYNC]} and {@code FLUSHALL [ASYNC|SYNC]}: remove every key. With one database they are the same.
 * ASYNC is accepted and done synchronously: dropping our table is one assignment, and the garbage collector frees the
 * entries in the background anyway.
 */
record FlushDb() implements Command {
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
