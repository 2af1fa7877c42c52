package dev.miniredis.command.list;

import dev.miniredis.command.Args;
import dev.miniredis.command.Category;
import dev.miniredis.command.Command;
import dev.miniredis.command.CommandError;
import dev.miniredis.command.CommandSpec;
import dev.miniredis.command.Context;
import dev.miniredis.command.Flag;
import dev.miniredis.db.Db;
import dev.miniredis.db.types.Listpack;
import dev.miniredis.db.types.QuickList;
import dev.miniredis.protocol.RespWriter;

/**
 * {@code LPOS key element [RANK rank] [COUNT num-matches] [MAXLEN len]}: the index of the element. RANK n skips to the
 * n-th match, a negative rank searching from the tail (indexes still count from the head); COUNT asks for an array of
 * up to that many matches (0: all); MAXLEN looks at no more than that many elements (0: all).
 *
 * <p>The options are checked in order, before the key: a zero RANK, a negative (or non-numeric) COUNT or MAXLEN is an
 * error even for a missing key. The arithmetic is Redis's, overflow included: {@code RANK -9223372036854775808} stays
 * negative when negated, as it does in C, and then matches from the first one found from the tail.
 */
record LPos(byte[] key, byte[] element, long rank, long count, long maxLength) implements Command {
    private static final long NO_COUNT = -1;

    static final CommandSpec SPEC = CommandSpec.of("lpos", -3, Flag.READONLY).keys(1, 1, 1).categories(Category.LIST)
            .group("list").since("6.0.6").summary("Returns the index of matching elements in a list.")
            .parser(LPos::parse);

    private static final CommandError RANK_ZERO = new CommandError("ERR RANK can't be zero: use 1 to start from the "
            + "first match, 2 from the second ... or use negative to start from the end of the list");
    private static final CommandError NEGATIVE_COUNT = new CommandError("ERR COUNT can't be negative");
    private static final CommandError NEGATIVE_MAXLEN = new CommandError("ERR MAXLEN can't be negative");

    static Command parse(Args args) {
        long rank = 1;
        long count = NO_COUNT;
        long maxLength = 0;
        for (int i = 3; i < args.count(); i++) {
            boolean hasValue = i + 1 < args.count();
            if (hasValue && args.is(i, "rank")) {
                rank = args.longAt(++i);
                if (rank == 0) throw RANK_ZERO;
            } else if (hasValue && args.is(i, "count")) {
                count = nonNegative(args.get(++i), NEGATIVE_COUNT);
            } else if (hasValue && args.is(i, "maxlen")) {
                maxLength = nonNegative(args.get(++i), NEGATIVE_MAXLEN);
            } else {
                throw CommandError.SYNTAX;
            }
        }
        return new LPos(args.get(1), args.get(2), rank, count, maxLength);
    }

    // Redis parses COUNT and MAXLEN with a range check whose message covers a non-number too.
    private static long nonNegative(byte[] arg, CommandError error) {
        long n;
        try {
            n = Args.parseLong(arg);
        } catch (CommandError e) {
            throw error;
        }
        if (n < 0) throw error;
        return n;
    }

    @Override
    public void execute(Context ctx) {
        Db db = ctx.db();
        RespWriter out = ctx.reply();
        long a = db.get(key, ctx.now());
        if (a == Db.NIL) {
            if (count != NO_COUNT) out.array(0);
            else out.nil();
            return;
        }
        Lists.requireList(db, a);
        QuickList list = Lists.open(db, a, 0, 0);
        long size = list.size();
        boolean fromTail = rank < 0;
        long wanted = fromTail ? -rank : rank;        // Long.MIN_VALUE stays negative, as in C
        if (count == NO_COUNT) {
            long found = find(list, size, fromTail, wanted);
            if (found >= 0) out.integer(found);
            else out.nil();
            return;
        }
        // The array's length is known only at the end. Redis reserves room for the header and fills it in afterwards
        // (addReplyDeferredLen); our replies go straight into the write buffer, so we walk twice, once to count and
        // once to reply, rather than collect the indexes in a growing array.
        long matches = walk(list, size, fromTail, wanted, null);
        out.array((int) matches);
        walk(list, size, fromTail, wanted, out);
    }

    // The first match at or past the wanted rank, as an index from the head, or -1.
    private long find(QuickList list, long size, boolean fromTail, long wanted) {
        long matches = 0;
        long index = 0;
        boolean on = list.seek(fromTail ? size - 1 : 0);
        while (on && (maxLength == 0 || index < maxLength)) {
            if (list.matches(element) && ++matches >= wanted) return fromTail ? size - index - 1 : index;
            index++;
            on = fromTail ? list.prev() : list.next();
        }
        return -1;
    }

    // Walks as Redis's loop does with COUNT; replies with each reported index if out is not null. Returns how many.
    private long walk(QuickList list, long size, boolean fromTail, long wanted, RespWriter out) {
        long matches = 0;
        long reported = 0;
        long index = 0;
        boolean on = list.seek(fromTail ? size - 1 : 0);
        while (on && (maxLength == 0 || index < maxLength)) {
            if (list.matches(element)) {
                matches++;
                if (matches >= wanted) {
                    reported++;
                    if (out != null) out.integer(fromTail ? size - index - 1 : index);
                    if (count != 0 && matches - wanted + 1 >= count) break;
                }
            }
            index++;
            on = fromTail ? list.prev() : list.next();
        }
        return reported;
    }
}
