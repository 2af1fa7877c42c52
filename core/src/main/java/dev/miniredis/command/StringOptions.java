package dev.miniredis.command;

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

    private StringOptions(int flags, byte[] expireAmount) {
        this.flags = flags;
        this.expireAmount = expireAmount;
    }

    boolean has(int flag) {
        return (flags & flag) != 0;
    }

    /** Parses {@code args[from..]}; {@code forSet} allows SET's options, otherwise GETEX's. */
    static StringOptions parse(Args args, int from, boolean forSet) {
        int flags = 0;
        byte[] amount = null;
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
                amount = args.get(++j);
            } else if (hasNext && args.is(j, "px") && (flags & (KEEPTTL | PERSIST | ANY_EXPIRE & ~PX)) == 0) {
                flags |= PX;
                amount = args.get(++j);
            } else if (hasNext && args.is(j, "exat") && (flags & (KEEPTTL | PERSIST | ANY_EXPIRE & ~EXAT)) == 0) {
                flags |= EXAT;
                amount = args.get(++j);
            } else if (hasNext && args.is(j, "pxat") && (flags & (KEEPTTL | PERSIST | ANY_EXPIRE & ~PXAT)) == 0) {
                flags |= PXAT;
                amount = args.get(++j);
            } else {
                throw CommandError.SYNTAX;
            }
        }
        return new StringOptions(flags, amount);
    }

    boolean hasExpire() {
        return expireAmount != null;
    }

    /**
     * The absolute deadline the expire option asks for. As in Redis: the amount must be a positive integer; seconds must
     * not overflow when turned into milliseconds; relative amounts are added to {@code now}, and an overflow there is an
     * error too.
     */
    long deadline(long now, String command) {
        long amount = Args.parseLong(expireAmount);
        boolean seconds = has(EX) || has(EXAT);
        if (amount <= 0 || (seconds && amount > Long.MAX_VALUE / 1000)) throw CommandError.invalidExpireTime(command);
        long millis = seconds ? amount * 1000 : amount;
        if (has(EX) || has(PX)) {
            if (millis > Long.MAX_VALUE - now) throw CommandError.invalidExpireTime(command);
            millis += now;
        }
        return Math.min(millis, dev.miniredis.db.Entry.PERSISTENT - 1); // MAX_VALUE means "no deadline" to the Db
    }
}
