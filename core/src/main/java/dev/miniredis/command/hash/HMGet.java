package dev.miniredis.command.hash;

import dev.miniredis.command.Args;
import dev.miniredis.command.Category;
import dev.miniredis.command.Command;
import dev.miniredis.command.CommandSpec;
import dev.miniredis.command.Context;
import dev.miniredis.command.Flag;
import dev.miniredis.db.Db;
import dev.miniredis.protocol.RespWriter;

/**
 * {@code HMGET key field [field ...]}: an array with each field's value, null for a missing one. A missing key is an
 * array of nulls (unlike MGET, a key of another type is WRONGTYPE, not nulls).
 */
record HMGet(byte[][] argv) implements Command {
    static final CommandSpec SPEC = CommandSpec.of("hmget", -3, Flag.READONLY, Flag.FAST).keys(1, 1, 1)
            .categories(Category.HASH).group("hash").since("2.0.0")
            .summary("Returns the values of all fields in a hash.").parser(HMGet::parse);

    static Command parse(Args args) {
        return new HMGet(args.all());
    }

    @Override
    public void execute(Context ctx) {
        Db db = ctx.db();
        long a = Hashes.requireHash(db, db.get(argv[1], ctx.now()));
        RespWriter out = ctx.reply();
        out.array(argv.length - 2);
        if (a != Db.NIL && Hashes.packed(db, a)) {
            byte[] b = db.readPacked(a, 0); // read the record once for all the fields
            for (int i = 2; i < argv.length; i++) HGet.replyPacked(out, b, argv[i]);
        } else {
            for (int i = 2; i < argv.length; i++) HGet.reply(out, db, a, argv[i]);
        }
    }
}
