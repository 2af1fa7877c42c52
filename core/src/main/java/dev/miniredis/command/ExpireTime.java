package dev.miniredis.command;

import dev.miniredis.db.Db;

/**
 * The four ways a command can say when a key should expire, and the one place where such an amount becomes a deadline
 * (absolute epoch milliseconds, what the {@link dev.miniredis.db.Db} stores).
 *
 * <p>SET and GETEX name the forms as options ({@code EX 10}, {@code PXAT 1700000000000}); the EXPIRE family names them
 * as commands: EXPIRE is EX, PEXPIRE is PX, EXPIREAT is EXAT, PEXPIREAT is PXAT. Redis computes both the same way, with
 * one difference kept here as two methods: SET and GETEX refuse an amount that is not positive
 * ({@link #positiveDeadline}), while EXPIRE accepts any amount, a past deadline simply deleting the key
 * ({@link #deadline}). Either way, an amount whose conversion to milliseconds or addition to now would overflow is
 * Redis's {@code ERR invalid expire time in 'set' command}, naming the command.
 *
 * <p>{@link Long#MAX_VALUE} is the Db's "no deadline" marker, so a deadline that lands exactly there is moved one
 * millisecond earlier: a key asked to expire in 292 million years still counts as expiring.
 */
public enum ExpireTime {
    /** Seconds from now: {@code SET ... EX}, {@code GETEX ... EX}, {@code EXPIRE}. */
    EX(true, true),
    /** Milliseconds from now: {@code PX}, {@code PEXPIRE}. */
    PX(false, true),
    /** Unix time in seconds: {@code EXAT}, {@code EXPIREAT}. */
    EXAT(true, false),
    /** Unix time in milliseconds: {@code PXAT}, {@code PEXPIREAT}. */
    PXAT(false, false);

    private final boolean seconds;
    private final boolean relative;

    ExpireTime(boolean seconds, boolean relative) {
        this.seconds = seconds;
        this.relative = relative;
    }

    /**
     * EXPIRE's rule: any amount, negative ones included, as long as nothing overflows.
     *
     * @param amount the number the client sent, in this form's unit
     * @param now the time of this turn, epoch milliseconds
     * @param command the command name for the error message, lower case
     * @return the deadline in epoch milliseconds; at or before {@code now} means "already expired"
     * @throws CommandError Redis's invalid-expire-time error if the amount overflows
     */
    public long deadline(long amount, long now, String command) {
        long millis = amount;
        if (seconds) {
            if (amount > Long.MAX_VALUE / 1000 || amount < Long.MIN_VALUE / 1000) {
                throw CommandError.invalidExpireTime(command);
            }
            millis = amount * 1000;
        }
        long base = relative ? now : 0;
        if (millis > Long.MAX_VALUE - base) throw CommandError.invalidExpireTime(command);
        return Math.min(millis + base, Db.PERSISTENT - 1);
    }

    /**
     * SET's and GETEX's rule: like {@link #deadline}, but the amount must be positive ({@code EX 0} is an error there).
     *
     * @param amount the number the client sent, in this form's unit
     * @param now the time of this turn, epoch milliseconds
     * @param command the command name for the error message, lower case
     * @return the deadline in epoch milliseconds
     * @throws CommandError Redis's invalid-expire-time error if the amount is not positive or overflows
     */
    public long positiveDeadline(long amount, long now, String command) {
        if (amount <= 0) throw CommandError.invalidExpireTime(command);
        return deadline(amount, now, command);
    }
}
