package dev.miniredis.command;

import dev.miniredis.protocol.RespWriter;

/** {@code MGET key [key ...]}: an array of values, null for a missing key or one that is not a string. */
record MGet(byte[][] argv) implements Command {
    static Command parse(Args args) {
        return new MGet(args.all());
    }

    @Override
    public void execute(Context ctx) {
        RespWriter out = ctx.reply();
        out.array(argv.length - 1);
        for (int i = 1; i < argv.length; i++) {
            Object value = ctx.db().get(argv[i], ctx.now());
            if (value instanceof byte[] bytes) out.bulk(bytes);
            else out.nil();
        }
    }
}
