package dev.miniredis.command.string;

import dev.miniredis.command.Args;
import dev.miniredis.command.CommandError;
import dev.miniredis.command.ExpireTime;

/**
 * The options SET and GETEX share: {@code NX|XX}, {@code GET}, {@code KEEPTTL}, {@code PERSIST} and one of
 * {@code EX|PX|EXAT|PXAT <n>}, parsed with the rules of Redis's {@code parseExtendedStringArgumentsOrReply}: options may come
 * in any order and repeat; a conflicting pair ({@code NX XX}, {@code EX 1 PX 1}) or an option the command does not take
 * is a syntax error.
 *
 * <p>The expire amount is kept as bytes and turned into a deadline only later, because Redis checks it later: after the
 * syntax, and for GETEX only once the key turned out to exist.
 */
final class StringOptions {
    static final int NX = 1, XX = 2, GET = 4, KEEPTTL = 8, PERSIST = 16, EX = 32, PX = 64, EXAT = 128, PXAT = 256;
    private static final int ANY_EXPIRE = EX | PX | EXAT | PXAT;

    final int flags;
    final byte[] expireAmount;
    final ExpireTime expireTime;

    private StringOptions(int flags, byte[] expireAmount, ExpireTime expireTime) {
        this.flags = flags;
        this.expireAmount = expireAmount;
        this.expireTime = expireTime;
    }

    boolean has(int flag) {
        return (flags & flag) != 0;
    }

    /** Parses {@code args[from..]}; {@code forSet} allows SET's options, otherwise GETEX's. */
    static StringOptions parse(Args args, int from, boolean forSet) {
        int flags = 0;
        byte[] amount = null;
        ExpireTime form = null;
        for (int j = from; j < args.count(); j++) {
            boolean hasNext = j + 1 < args.count();
            if (forSet && args.is(j, "nx") && (flags & XX) == 0) {
                flags |= NX;
            } else if (forSet && args.is(j, "xx") && (flags & NX) == 0) {
                flags |= XX;
            } else if (forSet && args.is(j, "get")) {
                flags |= GET;
            } else if (forSet && args.is(j, "keepttl") && (flags & (PERSIST | ANY_EXPIRE)) == 0) {
                flags |= KEEPTTL;
            } else if (!forSet && args.is(j, "persist") && (flags & (KEEPTTL | ANY_EXPIRE)) == 0) {
                flags |= PERSIST;
            } else if (hasNext && args.is(j, "ex") && (flags & (KEEPTTL | PERSIST | ANY_EXPIRE & ~EX)) == 0) {
                flags |= EX;
                form = ExpireTime.EX;
                amount = args.get(++j);
            } else if (hasNext && args.is(j, "px") && (flags & (KEEPTTL | PERSIST | ANY_EXPIRE & ~PX)) == 0) {
                flags |= PX;
                form = ExpireTime.PX;
                amount = args.get(++j);
            } else if (hasNext && args.is(j, "exat") && (flags & (KEEPTTL | PERSIST | ANY_EXPIRE & ~EXAT)) == 0) {
                flags |= EXAT;
                form = ExpireTime.EXAT;
                amount = args.get(++j);
            } else if (hasNext && args.is(j, "pxat") && (flags & (KEEPTTL | PERSIST | ANY_EXPIRE & ~PXAT)) == 0) {
                flags |= PXAT;
                form = ExpireTime.PXAT;
                amount = args.get(++j);
            } else {
                throw CommandError.SYNTAX;
            }
        }
        return new StringOptions(flags, amount, form);
    }

    boolean hasExpire() {
        return expireAmount != null;
    }

    /**
     * The absolute deadline the expire option asks for, by SET's rules ({@link ExpireTime#positiveDeadline}): the amount
     * must be a positive integer, and nothing may overflow.
     */
    long deadline(long now, String command) {
        return expireTime.positiveDeadline(Args.parseLong(expireAmount), now, command);
    }
}
