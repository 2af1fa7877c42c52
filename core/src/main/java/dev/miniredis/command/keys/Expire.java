package dev.miniredis.command.keys;

import dev.miniredis.command.Args;
import dev.miniredis.pubsub.Notifications;
import dev.miniredis.command.Category;
import dev.miniredis.command.Command;
import dev.miniredis.command.CommandError;
import dev.miniredis.command.CommandSpec;
import dev.miniredis.command.Context;
import dev.miniredis.command.ExpireTime;
import dev.miniredis.command.Flag;
import dev.miniredis.db.Db;

/**
 * {@code EXPIRE key seconds}, {@code PEXPIRE key ms}, {@code EXPIREAT key unix-s}, {@code PEXPIREAT key unix-ms}, each
 * with an optional {@code NX|XX|GT|LT}. One class, since the four differ only in unit and base time.
 *
 * <p>Replies 1 if the deadline was set, 0 if the key does not exist or the condition was not met. A deadline at or before
 * now deletes the key at once (and replies 1). For GT and LT a key without a deadline counts as expiring never: GT never
 * applies to it, LT always does. Unlike SET, negative amounts are allowed; only overflow is an error.
 */
record Expire(byte[] key, long amount, Variant variant, int condition) implements Command {
    static final CommandSpec EXPIRE = CommandSpec.of("expire", -3, Flag.WRITE, Flag.FAST).keys(1, 1, 1)
            .categories(Category.KEYSPACE).group("generic").since("1.0.0")
            .summary("Sets the expiration time of a key in seconds.").parser(args -> parse(args, Variant.EXPIRE));
    static final CommandSpec PEXPIRE = CommandSpec.of("pexpire", -3, Flag.WRITE, Flag.FAST).keys(1, 1, 1)
            .categories(Category.KEYSPACE).group("generic").since("2.6.0")
            .summary("Sets the expiration time of a key in milliseconds.").parser(args -> parse(args, Variant.PEXPIRE));
    static final CommandSpec EXPIREAT = CommandSpec.of("expireat", -3, Flag.WRITE, Flag.FAST).keys(1, 1, 1)
            .categories(Category.KEYSPACE).group("generic").since("1.2.0")
            .summary("Sets the expiration time of a key to a Unix timestamp.")
            .parser(args -> parse(args, Variant.EXPIREAT));
    static final CommandSpec PEXPIREAT = CommandSpec.of("pexpireat", -3, Flag.WRITE, Flag.FAST).keys(1, 1, 1)
            .categories(Category.KEYSPACE).group("generic").since("2.6.0")
            .summary("Sets the expiration time of a key to a Unix milliseconds timestamp.")
            .parser(args -> parse(args, Variant.PEXPIREAT));

    /** Which of the four commands, with the form its amount takes (EXPIRE's is SET's {@code EX}, and so on). */
    enum Variant {
        EXPIRE("expire", ExpireTime.EX), PEXPIRE("pexpire", ExpireTime.PX),
        EXPIREAT("expireat", ExpireTime.EXAT), PEXPIREAT("pexpireat", ExpireTime.PXAT);

        final String command;
        final ExpireTime form;

        Variant(String command, ExpireTime form) {
            this.command = command;
            this.form = form;
        }
    }

    static final int NX = 1, XX = 2, GT = 4, LT = 8;

    static Command parse(Args args, Variant variant) {
        int condition = 0;
        for (int j = 3; j < args.count(); j++) {
            if (args.is(j, "nx")) condition |= NX;
            else if (args.is(j, "xx")) condition |= XX;
            else if (args.is(j, "gt")) condition |= GT;
            else if (args.is(j, "lt")) condition |= LT;
            else throw new CommandError("ERR Unsupported option " + cString(args.get(j)));
        }
        if ((condition & NX) != 0 && (condition & (XX | GT | LT)) != 0) {
            throw new CommandError("ERR NX and XX, GT or LT options at the same time are not compatible");
        }
        if ((condition & GT) != 0 && (condition & LT) != 0) {
            throw new CommandError("ERR GT and LT options at the same time are not compatible");
        }
        return new Expire(args.get(1), args.longAt(2), variant, condition);
    }

    // The option as C's %s prints it: up to the first NUL byte. Options are ASCII in practice; other bytes pass as Latin-1.
    private static String cString(byte[] bytes) {
        StringBuilder s = new StringBuilder();
        for (byte b : bytes) {
            if (b == 0) break;
            s.append((char) (b & 0xff));
        }
        return s.toString();
    }

    @Override
    public void execute(Context ctx) {
        long now = ctx.now();
        long when = variant.form.deadline(amount, now, variant.command);

        Db db = ctx.db();
        long a = db.lookup(key, now);
        if (a == Db.NIL || !conditionHolds(db.deadlineMillis(a), when)) {
            ctx.reply().integer(0);
            return;
        }
        if (when <= now) {
            db.delete(a);
            ctx.notify(Notifications.GENERIC, "del", key);
        } else {
            db.setDeadline(a, when);
            ctx.notify(Notifications.GENERIC, "expire", key);
        }
        ctx.reply().integer(1);
    }

    private boolean conditionHolds(long deadline, long when) {
        boolean persistent = deadline == Db.PERSISTENT;
        if ((condition & NX) != 0 && !persistent) return false;
        if ((condition & XX) != 0 && persistent) return false;
        if ((condition & GT) != 0 && (persistent || when <= deadline)) return false;
        return (condition & LT) == 0 || persistent || when < deadline;
    }
}
