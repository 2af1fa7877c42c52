package dev.miniredis.command.string;

import dev.miniredis.command.Args;
import dev.miniredis.command.Category;
import dev.miniredis.command.Command;
import dev.miniredis.command.CommandSpec;
import dev.miniredis.command.Context;
import dev.miniredis.command.Flag;
import dev.miniredis.db.Db;
import dev.miniredis.protocol.RespWriter;

/** {@code MGET key [key ...]}: an array of values, null for a missing key or one that is not a string. */
record MGet(byte[][] argv) implements Command {
    static final CommandSpec SPEC = CommandSpec.of("mget", -2, Flag.READONLY, Flag.FAST).keys(1, -1, 1)
            .categories(Category.STRING).group("string").since("1.0.0")
            .summary("Atomically returns the string values of one or more keys.").parser(MGet::parse);

    static Command parse(Args args) {
        return new MGet(args.all());
    }

    @Override
    public void execute(Context ctx) {
        RespWriter out = ctx.reply();
        Db db = ctx.db();
        out.array(argv.length - 1);
        for (int i = 1; i < argv.length; i++) {
            long a = db.get(argv[i], ctx.now());
            if (a != Db.NIL && db.type(a) == Db.TYPE_STRING) out.bulk(db, a, db.valueLength(a));
            else out.nil();
        }
    }
}
