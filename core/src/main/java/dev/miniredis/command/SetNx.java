package dev.miniredis.command;

import dev.miniredis.db.Entry;

/** {@code SETNX key value}: set only if absent; 1 if it was set, 0 if not. */
record SetNx(byte[] key, byte[] value) implements Command {
    static Command parse(Args args) {
        return new SetNx(args.get(1), args.get(2));
    }

    @Override
    public void execute(Context ctx) {
        if (ctx.db().lookup(key, ctx.now()) != null) {
            ctx.reply().integer(0);
            return;
        }
        ctx.db().put(key, value, Entry.PERSISTENT, ctx.now());
        ctx.reply().integer(1);
    }
}
