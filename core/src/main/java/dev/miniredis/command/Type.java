package dev.miniredis.command;

/** {@code TYPE key}: {@code +string}, or {@code +none} for a missing key. */
record Type(byte[] key) implements Command {
    static Command parse(Args args) {
        return new Type(args.get(1));
    }

    /** Redis's name for the type of a stored value. */
    static String typeName(Object value) {
        if (value == null) return "none";
        if (value instanceof byte[]) return "string";
        throw new IllegalStateException("unknown value type " + value.getClass());
    }

    @Override
    public void execute(Context ctx) {
        ctx.reply().simple(typeName(ctx.db().get(key, ctx.now())));
    }
}
