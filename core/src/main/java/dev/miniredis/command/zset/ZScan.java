package dev.miniredis.command.zset;

import dev.miniredis.command.Args;
import dev.miniredis.command.Command;
import dev.miniredis.command.CommandError;
import dev.miniredis.command.CommandSpec;
import dev.miniredis.command.Context;
import dev.miniredis.command.Flag;
import dev.miniredis.command.ScanOptions;
import dev.miniredis.db.Db;
import dev.miniredis.db.Glob;
import dev.miniredis.db.types.BytesMap;
import dev.miniredis.db.types.Listpack;
import dev.miniredis.db.types.PackedZSet;
import dev.miniredis.db.types.SkipList;
import dev.miniredis.protocol.Numbers;
import dev.miniredis.protocol.RespWriter;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code ZSCAN key cursor [MATCH pattern] [COUNT count]}: one step of an iteration over members and scores. A packed
 * set is returned whole in one step (cursor 0), as Redis does with a listpack: it is small. A skip list is walked
 * through its member table's reverse-binary cursor ({@link BytesMap#scan}), about COUNT/2 elements a step (Redis
 * counts members and scores alike against COUNT), so an iteration sees every member present throughout it.
 *
 * <p>Scores are bulk strings, also in RESP3, and in two spellings as in Redis: a skip list's as {@code %.17g}, a
 * pack's as Redis's listpack stored them ({@code d2string}: an integer up to 2^62 in full, so {@code 1e17} is
 * {@code 100000000000000000} from a pack and {@code 1e+17} from a skip list).
 */
record ZScan(byte[] key, long cursor, byte[][] options) implements Command {
    static final CommandSpec SPEC = ZSets.spec("zscan", -3, Flag.READONLY).keys(1, 1, 1).since("2.8.0")
            .summary("Iterates over members and scores of a sorted set.").parser(ZScan::parse);

    static Command parse(Args args) {
        long cursor = ScanOptions.parseCursor(args.get(2));
        byte[][] options = new byte[args.count() - 3][];
        for (int i = 0; i < options.length; i++) options[i] = args.get(3 + i);
        return new ZScan(args.get(1), cursor, options);
    }

    @Override
    public void execute(Context ctx) {
        Db db = ctx.db();
        RespWriter out = ctx.reply();
        long a = db.get(key, ctx.now());
        if (!ZSets.exists(db, a)) { // checked before the options, as Redis does
            out.array(2);
            out.bulk("0");
            out.array(0);
            return;
        }
        ScanOptions parsed = ScanOptions.parse(options, 0, false);
        long count = parsed.count;
        byte[] pattern = parsed.pattern;
        if (ZSets.packed(db, a)) {
            replyPacked(out, db.readPacked(a, ZSets.SLOT), db.valueLength(a), pattern);
            return;
        }
        SkipList z = ZSets.skipList(db, a);
        BytesMap<SkipList.Node> members = z.members();
        List<SkipList.Node> found = new ArrayList<>();
        long next = cursor;
        long maxBuckets = count > Long.MAX_VALUE / 10 ? Long.MAX_VALUE : count * 10;
        do {
            next = members.scan(next, e -> found.add(members.value(e)));
        } while (next != 0 && maxBuckets-- > 0 && 2L * found.size() < count);
        byte[] match = pattern;
        if (match != null) found.removeIf(x -> !Glob.matches(match, x.member()));
        out.array(2);
        out.bulk(Long.toUnsignedString(next));
        out.array(2 * found.size());
        byte[] digits = new byte[Numbers.MAX_DOUBLE_CHARS];
        for (SkipList.Node x : found) {
            out.bulk(x.member());
            out.bulk(digits, 0, Numbers.formatDouble17g(x.score(), digits, 0));
        }
    }

    private static void replyPacked(RespWriter out, byte[] b, int length, byte[] pattern) {
        int n = 0;
        for (int pos = Listpack.HEADER_BYTES; pos < length; pos = Listpack.next(b, Listpack.next(b, pos))) {
            if (pattern == null || Glob.matches(pattern, Listpack.copy(b, pos))) n++;
        }
        out.array(2);
        out.bulk("0");
        out.array(2 * n);
        byte[] digits = new byte[Numbers.MAX_DOUBLE_CHARS];
        for (int pos = Listpack.HEADER_BYTES; pos < length; ) {
            int scorePos = Listpack.next(b, pos);
            if (pattern == null || Glob.matches(pattern, Listpack.copy(b, pos))) {
                out.bulk(b, Listpack.data(b, pos), Listpack.length(b, pos));
                double score = PackedZSet.score(b, scorePos);
                int len;
                // Redis's d2string: an integral value within +-2^62 as an integer, anything else as %.17g.
                if (score == Math.rint(score) && Math.abs(score) <= 0x1p62) {
                    len = Numbers.writeLong((long) score, digits, 0);
                } else {
                    len = Numbers.formatDouble17g(score, digits, 0);
                }
                out.bulk(digits, 0, len);
            }
            pos = Listpack.next(b, scorePos);
        }
    }
}
