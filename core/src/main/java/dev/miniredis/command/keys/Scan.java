package dev.miniredis.command.keys;

import dev.miniredis.command.Args;
import dev.miniredis.command.Category;
import dev.miniredis.command.Command;
import dev.miniredis.command.CommandError;
import dev.miniredis.command.CommandSpec;
import dev.miniredis.command.Context;
import dev.miniredis.command.Flag;
import dev.miniredis.command.ScanOptions;
import dev.miniredis.db.Db;
import dev.miniredis.db.Glob;
import dev.miniredis.protocol.RespWriter;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code SCAN cursor [MATCH pattern] [COUNT count] [TYPE type]}: one step of an iteration over the keyspace. Replies with
 * the next cursor (0 when the iteration is complete) and the keys found in this step.
 *
 * <p>As in Redis, COUNT is a hint for how much work to do (it visits buckets until it has collected about COUNT keys, or
 * has visited ten times as many buckets), and MATCH and TYPE filter what was collected, so a step may return no keys even
 * though the iteration is not over. See {@link dev.miniredis.db.Db#scan} for why the cursor is safe across resizes.
 */
record Scan(long cursor, byte[] pattern, long count, byte[] type) implements Command {
    static final CommandSpec SPEC = CommandSpec.of("scan", -2, Flag.READONLY).categories(Category.KEYSPACE)
            .group("generic").since("2.8.0").summary("Iterates over the key names in the database.")
            .parser(Scan::parse);

    static Command parse(Args args) {
        long cursor = ScanOptions.parseCursor(args.get(1));
        ScanOptions o = ScanOptions.parse(args.all(), 2, true);
        return new Scan(cursor, o.pattern, o.count, o.type);
    }

    @Override
    public void execute(Context ctx) {
        List<byte[]> keys = new ArrayList<>();
        Db db = ctx.db();
        long now = ctx.now();
        long next = cursor;
        long maxBuckets = count > Long.MAX_VALUE / 10 ? Long.MAX_VALUE : count * 10;
        do {
            // The callback only reads: an expired key is skipped here and left for expiry to remove, since the store
            // must not change while it walks a bucket.
            next = db.scan(next, a -> {
                if (db.deadlineMillis(a) <= now) return;
                if (type != null && !Args.equalsIgnoreCase(type, Type.typeName(db, a))) return;
                byte[] key = db.key(a);
                if (pattern != null && !Glob.matches(pattern, key)) return;
                keys.add(key);
            });
        } while (next != 0 && --maxBuckets > 0 && keys.size() < count);
        RespWriter out = ctx.reply();
        out.array(2);
        out.bulk(Long.toUnsignedString(next));
        out.array(keys.size());
        for (byte[] key : keys) out.bulk(key);
    }
}
