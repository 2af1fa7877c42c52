package dev.miniredis.command.string;

import dev.miniredis.command.Args;
import dev.miniredis.command.Category;
import dev.miniredis.command.Command;
import dev.miniredis.command.CommandSpec;
import dev.miniredis.command.Context;
import dev.miniredis.command.Flag;
import dev.miniredis.db.Db;

/**
 * {@code GETBIT key offset}: one bit of the string, 0 past its end or for a missing key. Reads the one byte it needs
 * from the store, whatever the string's length.
 */
record GetBit(byte[] key, long offset) implements Command {
    static final CommandSpec SPEC = CommandSpec.of("getbit", 3, Flag.READONLY, Flag.FAST).keys(1, 1, 1)
            .categories(Category.BITMAP).group("bitmap").since("2.2.0")
            .summary("Returns a bit value by offset.").parser(GetBit::parse);

    static Command parse(Args args) {
        return new GetBit(args.get(1), Bits.offset(args.get(2), false, 0));
    }

    @Override
    public void execute(Context ctx) {
        Db db = ctx.db();
        long a = Strings.requireString(db, db.get(key, ctx.now()));
        int index = (int) (offset >>> 3);
        if (index >= Strings.length(db, a)) {
            ctx.reply().integer(0);
            return;
        }
        byte[] one = db.scratch(0, 1);
        db.copyValue(a, index, one, 0, 1);
        ctx.reply().integer((one[0] >>> (7 - (offset & 7))) & 1);
    }
}
