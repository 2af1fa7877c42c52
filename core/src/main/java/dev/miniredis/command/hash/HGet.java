package dev.miniredis.command.hash;

import dev.miniredis.command.Args;
import dev.miniredis.command.Category;
import dev.miniredis.command.Command;
import dev.miniredis.command.CommandSpec;
import dev.miniredis.command.Context;
import dev.miniredis.command.Flag;
import dev.miniredis.db.Db;
import dev.miniredis.db.types.HashTable;
import dev.miniredis.db.types.Listpack;
import dev.miniredis.protocol.RespWriter;

/** {@code HGET key field}: the field's value, or null if the field or the key is missing. */
record HGet(byte[] key, byte[] field) implements Command {
    static final CommandSpec SPEC = CommandSpec.of("hget", 3, Flag.READONLY, Flag.FAST).keys(1, 1, 1)
            .categories(Category.HASH).group("hash").since("2.0.0")
            .summary("Returns the value of a field in a hash.").parser(HGet::parse);

    static Command parse(Args args) {
        return new HGet(args.get(1), args.get(2));
    }

    @Override
    public void execute(Context ctx) {
        Db db = ctx.db();
        long a = Hashes.requireHash(db, db.get(key, ctx.now()));
        reply(ctx.reply(), db, a, field);
    }

    /** The value of {@code field} in the hash at {@code a} (or {@link Db#NIL}) as a bulk string or null. */
    static void reply(RespWriter out, Db db, long a, byte[] field) {
        if (a == Db.NIL) {
            out.nil();
        } else if (Hashes.packed(db, a)) {
            replyPacked(out, db.readPacked(a, 0), field);
        } else {
            HashTable table = (HashTable) db.object(a);
            int e = table.find(field);
            if (e < 0) out.nil();
            else Hashes.valueBulk(out, table, e);
        }
    }

    /** The value of {@code field} in the packed hash {@code b}, straight from its bytes, or null. */
    static void replyPacked(RespWriter out, byte[] b, byte[] field) {
        int pos = Hashes.find(b, field);
        if (pos < 0) out.nil();
        else Hashes.bulkAt(out, b, Listpack.next(b, pos));
    }
}
