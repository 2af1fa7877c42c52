package dev.miniredis.command.set;

import dev.miniredis.command.Args;
import dev.miniredis.command.Category;
import dev.miniredis.command.Command;
import dev.miniredis.command.CommandSpec;
import dev.miniredis.command.Context;
import dev.miniredis.command.Flag;
import dev.miniredis.db.Db;
import dev.miniredis.db.Encoding;
import dev.miniredis.db.types.IntSet;
import dev.miniredis.protocol.RespWriter;

/** {@code SMISMEMBER key member [member ...]}: an array of 1 and 0, one per member (all 0 for a missing key). */
record SMIsMember(byte[] key, byte[][] argv) implements Command {
    static final CommandSpec SPEC = CommandSpec.of("smismember", -3, Flag.READONLY, Flag.FAST).keys(1, 1, 1)
            .categories(Category.SET).group("set").since("6.2.0")
            .summary("Returns the membership associated with the given elements for a set").parser(SMIsMember::parse);

    static Command parse(Args args) {
        return new SMIsMember(args.get(1), args.all());
    }

    @Override
    public void execute(Context ctx) {
        Db db = ctx.db();
        long a = Sets.requireSet(db, db.get(key, ctx.now()));
        RespWriter out = ctx.reply();
        out.array(argv.length - 2);
        if (a != Db.NIL && db.type(a) == Encoding.SET_INTSET) {
            byte[] ints = db.readPacked(a, 0); // once, not once per member
            int length = db.valueLength(a);
            for (int i = 2; i < argv.length; i++) {
                byte[] m = argv[i];
                out.integer(IntSet.isInteger(m) && IntSet.contains(ints, length, IntSet.parse(m)) ? 1 : 0);
            }
            return;
        }
        for (int i = 2; i < argv.length; i++) out.integer(a != Db.NIL && Sets.contains(db, a, argv[i], 0) ? 1 : 0);
    }
}
