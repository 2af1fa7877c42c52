package dev.miniredis.command;

/** {@code DBSIZE}: keys stored, counting expired keys not yet removed, as Redis does. */
record DbSize() implements Command {
    static Command parse(Args args) {
        return new DbSize();
    }

    @Override
    public void execute(Context ctx) {
        ctx.reply().integer(ctx.db().size());
    }
}
