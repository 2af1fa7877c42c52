package dev.miniredis.command.hash;

import dev.miniredis.command.Args;
import dev.miniredis.command.Category;
import dev.miniredis.command.Command;
import dev.miniredis.command.CommandSpec;
import dev.miniredis.command.Context;
import dev.miniredis.command.Flag;
import dev.miniredis.db.Db;
import dev.miniredis.db.Encoding;
import dev.miniredis.db.types.HashTable;
import dev.miniredis.db.types.Listpack;

/**
 * {@code HDEL key field [field ...]}: removes fields; answers how many were there. Removing the last field deletes the
 * key, as Redis does (an empty hash does not exist). A big hash stays a hashtable however small it gets.
 */
record HDel(byte[][] argv) implements Command {
    static final CommandSpec SPEC = CommandSpec.of("hdel", -3, Flag.WRITE, Flag.FAST).keys(1, 1, 1)
            .categories(Category.HASH).group("hash").since("2.0.0")
            .summary("Deletes one or more fields and their values from a hash. Deletes the hash if no fields remain.")
            .parser(HDel::parse);

    static Command parse(Args args) {
        return new HDel(args.all());
    }

    @Override
    public void execute(Context ctx) {
        Db db = ctx.db();
        byte[] key = argv[1];
        long a = Hashes.requireHash(db, db.lookup(key, ctx.now()));
        if (a == Db.NIL) {
            ctx.reply().integer(0);
            return;
        }
        int deleted = 0;
        if (Hashes.packed(db, a)) {
            byte[] b = db.readPacked(a, 0);
            int length = db.valueLength(a);
            for (int i = 2; i < argv.length; i++) {
                int pos = Hashes.find(b, argv[i]);
                if (pos < 0) continue;
                length = Listpack.delete(b, length, pos, 2); // the field and its value
                Listpack.setCount(b, Listpack.count(b) - 2);
                deleted++;
                if (Listpack.count(b) == 0) break;
            }
            if (Listpack.count(b) == 0) db.delete(a);
            else if (deleted > 0) db.putPacked(key, Encoding.HASH_PACKED, b, length, ctx.now());
        } else {
            HashTable table = (HashTable) db.object(a);
            for (int i = 2; i < argv.length && table.size() > 0; i++) {
                if (table.remove(argv[i])) deleted++;
            }
            if (table.size() == 0) db.delete(a);
            else if (deleted > 0) db.resized(a);
        }
        ctx.reply().integer(deleted);
    }
}
