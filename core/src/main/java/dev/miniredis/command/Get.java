package dev.miniredis.command;

/** {@code GET key}: the value, or null. */
record Get(byte[] key) implements Command {
    static Command parse(Args args) {
        return new Get(args.get(1));
    }

    @Override
    public void execute(Context ctx) {
        byte[] value = Strings.asString(ctx.db().get(key, ctx.now()));
        if (value == null) ctx.reply().nil();
        else ctx.reply().bulk(value);
    }
}
