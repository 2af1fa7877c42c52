package dev.miniredis.command;

/** {@code DEL key [key ...]}: how many of the keys existed and were removed. */
record Del(byte[][] argv) implements Command {
    static Command parse(Args args) {
        return new Del(args.all());
    }

    @Override
    public void execute(Context ctx) {
        int removed = 0;
        for (int i = 1; i < argv.length; i++) {
            if (ctx.db().delete(argv[i], ctx.now())) removed++;
        }
        ctx.reply().integer(removed);
    }
}
