package dev.miniredis.command.keys;

import dev.miniredis.command.Args;
import dev.miniredis.command.Category;
import dev.miniredis.command.Command;
import dev.miniredis.command.CommandSpec;
import dev.miniredis.command.Context;
import dev.miniredis.command.Flag;
import dev.miniredis.db.Db;

/**
 * {@code TTL key} / {@code PTTL key}: time left in seconds (rounded to the nearest) or milliseconds; -1 if the key has no
 * deadline, -2 if it does not exist. {@code EXPIRETIME key} / {@code PEXPIRETIME key}: the deadline itself, as a Unix
 * time in seconds or milliseconds.
 */
record Ttl(byte[] key, boolean millis, boolean absolute) implements Command {
    static final CommandSpec TTL = CommandSpec.of("ttl", 2, Flag.READONLY, Flag.FAST).keys(1, 1, 1)
            .categories(Category.KEYSPACE).group("generic").since("1.0.0")
            .summary("Returns the expiration time in seconds of a key.").parser(args -> parse(args, false));
    static final CommandSpec PTTL = CommandSpec.of("pttl", 2, Flag.READONLY, Flag.FAST).keys(1, 1, 1)
            .categories(Category.KEYSPACE).group("generic").since("2.6.0")
            .summary("Returns the expiration time in milliseconds of a key.").parser(args -> parse(args, true));

    static final CommandSpec EXPIRETIME = CommandSpec.of("expiretime", 2, Flag.READONLY, Flag.FAST).keys(1, 1, 1)
            .categories(Category.KEYSPACE).group("generic").since("7.0.0")
            .summary("Get the expiration Unix timestamp for a key").parser(args -> new Ttl(args.get(1), false, true));
    static final CommandSpec PEXPIRETIME = CommandSpec.of("pexpiretime", 2, Flag.READONLY, Flag.FAST).keys(1, 1, 1)
            .categories(Category.KEYSPACE).group("generic").since("7.0.0")
            .summary("Get the expiration Unix timestamp for a key in milliseconds")
            .parser(args -> new Ttl(args.get(1), true, true));

    static Command parse(Args args, boolean millis) {
        return new Ttl(args.get(1), millis, false);
    }

    @Override
    public void execute(Context ctx) {
        Db db = ctx.db();
        long a = db.getNoTouch(key, ctx.now());
        long deadline = a == Db.NIL ? Db.PERSISTENT : db.deadlineMillis(a);
        if (a == Db.NIL) {
            ctx.reply().integer(-2);
        } else if (deadline == Db.PERSISTENT) {
            ctx.reply().integer(-1);
        } else {
            // Redis's ttlGenericCommand: the absolute forms answer the deadline itself, rounded the same way.
            long left = Math.max(0, absolute ? deadline : deadline - ctx.now());
            ctx.reply().integer(millis ? left : (left + 500) / 1000);
        }
    }
}
