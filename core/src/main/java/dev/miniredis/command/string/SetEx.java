package dev.miniredis.command.string;

import dev.miniredis.command.Args;
import dev.miniredis.command.Category;
import dev.miniredis.command.Command;
import dev.miniredis.command.CommandSpec;
import dev.miniredis.command.Context;
import dev.miniredis.command.ExpireTime;
import dev.miniredis.command.Flag;
import dev.miniredis.protocol.Resp;
import dev.miniredis.pubsub.Notifications;

/**
 * {@code SETEX key seconds value} and {@code PSETEX key milliseconds value}: SET with a relative deadline, from before
 * SET took options; kept because old clients send them. One class, since they differ only in the unit.
 *
 * <p>The amount follows SET's rules ({@link ExpireTime#positiveDeadline}): it must be a positive integer, and one that
 * overflows once converted to a deadline is an error naming the command, {@code ERR invalid expire time in 'setex'
 * command}. As in Redis, a non-integer is reported while parsing, the range only when the command runs; any previous
 * type or deadline of the key is replaced.
 */
record SetEx(String name, ExpireTime unit, byte[] key, long amount, byte[] value) implements Command {
    static final CommandSpec SETEX = CommandSpec.of("setex", 4, Flag.WRITE, Flag.DENYOOM).keys(1, 1, 1)
            .categories(Category.STRING).group("string").since("2.0.0")
            .summary("Sets the string value and expiration time of a key. Creates the key if it doesn't exist.")
            .parser(args -> parse(args, "setex", ExpireTime.EX));
    static final CommandSpec PSETEX = CommandSpec.of("psetex", 4, Flag.WRITE, Flag.DENYOOM).keys(1, 1, 1)
            .categories(Category.STRING).group("string").since("2.6.0")
            .summary("Sets both string value and expiration time in milliseconds of a key. The key is created if it "
                    + "doesn't exist.")
            .parser(args -> parse(args, "psetex", ExpireTime.PX));

    static Command parse(Args args, String name, ExpireTime unit) {
        return new SetEx(name, unit, args.get(1), args.longAt(2), args.get(3));
    }

    @Override
    public void execute(Context ctx) {
        long now = ctx.now();
        ctx.db().put(key, value, unit.positiveDeadline(amount, now, name), now);
        ctx.notify(Notifications.STRING, "set", key);       // as SET ... EX: the value, then its deadline
        ctx.notify(Notifications.GENERIC, "expire", key);
        ctx.reply().raw(Resp.OK);
    }
}
