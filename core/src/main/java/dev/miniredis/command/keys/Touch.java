package dev.miniredis.command.keys;

import dev.miniredis.command.Args;
import dev.miniredis.command.Category;
import dev.miniredis.command.Command;
import dev.miniredis.command.CommandSpec;
import dev.miniredis.command.Context;
import dev.miniredis.command.Flag;
import dev.miniredis.db.Db;

/** {@code TOUCH key [key ...]}: marks the keys as used now (their LRU clock, their LFU counter); counts those that exist. */
record Touch(byte[][] argv) implements Command {
    static final CommandSpec SPEC = CommandSpec.of("touch", -2, Flag.READONLY, Flag.FAST).keys(1, -1, 1)
            .categories(Category.KEYSPACE).group("generic").since("3.2.1")
            .summary("Alters the last access time of a key(s). Returns the number of existing keys specified.")
            .parser(Touch::parse);

    static Command parse(Args args) {
        return new Touch(args.all());
    }

    @Override
    public void execute(Context ctx) {
        int found = 0;
        for (int i = 1; i < argv.length; i++) {
            if (ctx.db().get(argv[i], ctx.now()) != Db.NIL) found++; // a read that touches: the point of TOUCH
        }
        ctx.reply().integer(found);
    }
}
