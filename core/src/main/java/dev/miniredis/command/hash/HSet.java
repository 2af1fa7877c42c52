package dev.miniredis.command.hash;

import dev.miniredis.command.Args;
import dev.miniredis.command.Category;
import dev.miniredis.command.Command;
import dev.miniredis.command.CommandError;
import dev.miniredis.command.CommandSpec;
import dev.miniredis.command.Context;
import dev.miniredis.command.Flag;
import dev.miniredis.db.Db;
import dev.miniredis.protocol.Resp;
import dev.miniredis.pubsub.Notifications;

/**
 * {@code HSET key field value [field value ...]} and its deprecated twin {@code HMSET}: set fields, creating the hash.
 * HSET answers how many fields were new, HMSET answers OK; nothing else differs, so one class serves both, as one C
 * function does in Redis. See {@link Hashes#put} for when the hash stops being packed.
 */
record HSet(byte[][] argv, boolean okReply) implements Command {
    static final CommandSpec HSET = CommandSpec.of("hset", -4, Flag.WRITE, Flag.DENYOOM, Flag.FAST).keys(1, 1, 1)
            .categories(Category.HASH).group("hash").since("2.0.0")
            .summary("Creates or modifies the value of a field in a hash.").parser(args -> parse(args, "hset", false));
    static final CommandSpec HMSET = CommandSpec.of("hmset", -4, Flag.WRITE, Flag.DENYOOM, Flag.FAST).keys(1, 1, 1)
            .categories(Category.HASH).group("hash").since("2.0.0")
            .summary("Sets the values of multiple fields.").parser(args -> parse(args, "hmset", true));

    static Command parse(Args args, String name, boolean okReply) {
        // The arity (-4) lets "HSET k f v f" through; a field without its value is Redis's arity error too.
        if (args.count() % 2 == 1) throw CommandError.wrongArity(name);
        return new HSet(args.all(), okReply);
    }

    @Override
    public void execute(Context ctx) {
        Db db = ctx.db();
        byte[] key = argv[1];
        long a = Hashes.requireHash(db, db.lookup(key, ctx.now()));
        int created = Hashes.put(db, key, a, argv, 2, argv.length, ctx.now());
        ctx.notify(Notifications.HASH, "hset", key); // HMSET too, and even when no value changed, as Redis
        if (okReply) ctx.reply().raw(Resp.OK);
        else ctx.reply().integer(created);
    }
}
