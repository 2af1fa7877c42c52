package dev.miniredis.command.set;

import dev.miniredis.command.Args;
import dev.miniredis.command.Category;
import dev.miniredis.command.Command;
import dev.miniredis.command.CommandError;
import dev.miniredis.command.CommandSpec;
import dev.miniredis.command.Context;
import dev.miniredis.command.Flag;
import dev.miniredis.command.ScanOptions;
import dev.miniredis.db.Db;
import dev.miniredis.db.Encoding;
import dev.miniredis.db.Glob;
import dev.miniredis.db.types.IntSet;
import dev.miniredis.db.types.MemberSet;
import dev.miniredis.protocol.Numbers;
import dev.miniredis.protocol.RespWriter;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code SSCAN key cursor [MATCH pattern] [COUNT count]}: one step of an iteration over a set's members, replied as
 * {@code [next cursor, [members]]} (an array in RESP3 too).
 *
 * <p>An intset is small by definition, so, as in Redis, the first call returns all of it and cursor 0, whatever COUNT
 * says. A hash table set is walked bucket by bucket with the same reverse-binary cursor as SCAN
 * ({@link dev.miniredis.db.types.BytesMap#scan}): COUNT is how many members to collect before stopping (at most ten
 * times as many buckets are visited), and MATCH filters what was collected, so a step can return nothing while the
 * iteration goes on.
 *
 * <p>The order of checks is Redis's: the cursor first, then the key (a missing key is an empty, finished scan even with
 * bad options), then the options. So the options are parsed here and their error, if any, thrown only once the key is
 * known to exist.
 */
record SScan(byte[] key, long cursor, byte[] pattern, long count, CommandError optionError) implements Command {
    static final CommandSpec SPEC = CommandSpec.of("sscan", -3, Flag.READONLY).keys(1, 1, 1)
            .categories(Category.SET).group("set").since("2.8.0").summary("Incrementally iterate Set elements")
            .parser(SScan::parse);

    static Command parse(Args args) {
        long cursor = ScanOptions.parseCursor(args.get(2));
        ScanOptions options = null;
        CommandError error = null;
        try {
            options = ScanOptions.parse(args.all(), 3, false);
        } catch (CommandError e) {
            error = e;                                // thrown only if the key exists, as in Redis
        }
        return new SScan(args.get(1), cursor, options == null ? null : options.pattern,
                options == null ? 10 : options.count, error);
    }

    @Override
    public void execute(Context ctx) {
        Db db = ctx.db();
        RespWriter out = ctx.reply();
        long a = Sets.requireSet(db, db.get(key, ctx.now()));
        if (a == Db.NIL) {
            out.array(2).bulk(0).array(0);
            return;
        }
        if (optionError != null) throw optionError;
        if (db.type(a) == Encoding.SET_INTSET) {
            byte[] ints = db.readPacked(a, 0);
            int n = IntSet.count(ints, db.valueLength(a));
            out.array(2).bulk(0);
            if (pattern == null) {
                out.array(n);
                for (int i = 0; i < n; i++) out.bulk(IntSet.get(ints, i));
                return;
            }
            List<byte[]> found = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                byte[] member = Numbers.toBytes(IntSet.get(ints, i));
                if (Glob.matches(pattern, member)) found.add(member);
            }
            out.array(found.size());
            for (byte[] member : found) out.bulk(member);
            return;
        }
        MemberSet set = Sets.heap(db, a);
        List<byte[]> found = new ArrayList<>();
        long next = cursor;
        long maxBuckets = count > Long.MAX_VALUE / 10 ? Long.MAX_VALUE : count * 10;
        do {
            next = set.scan(next, e -> found.add(set.member(e)));
        } while (next != 0 && --maxBuckets > 0 && found.size() < count);
        if (pattern != null) found.removeIf(member -> !Glob.matches(pattern, member)); // Redis filters after collecting
        out.array(2);
        out.bulk(Long.toUnsignedString(next));
        out.array(found.size());
        for (byte[] member : found) out.bulk(member);
    }
}
