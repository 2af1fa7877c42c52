package dev.miniredis.command.keys;

import dev.miniredis.command.Args;
import dev.miniredis.command.Category;
import dev.miniredis.command.Command;
import dev.miniredis.command.CommandSpec;
import dev.miniredis.command.Context;
import dev.miniredis.command.Flag;
import dev.miniredis.db.Db;

/** {@code EXISTS key [key ...]}: how many of the keys exist; a key named twice counts twice. */
record Exists(byte[][] argv) implements Command {
    static final CommandSpec SPEC = CommandSpec.of("exists", -2, Flag.READONLY, Flag.FAST).keys(1, -1, 1)
            .categories(Category.KEYSPACE).group("generic").since("1.0.0")
            .summary("Determines whether one or more keys exist.").parser(Exists::parse);

    static Command parse(Args args) {
        return new Exists(args.all());
    }

    @Override
    public void execute(Context ctx) {
        int found = 0;
        for (int i = 1; i < argv.length; i++) {
            if (ctx.db().getNoTouch(argv[i], ctx.now()) != Db.NIL) found++; // a read: counted, and a miss notified
        }
        ctx.reply().integer(found);
    }
}
