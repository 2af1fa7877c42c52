package dev.miniredis.command.keys;

import dev.miniredis.command.Args;
import dev.miniredis.pubsub.Notifications;
import dev.miniredis.command.Category;
import dev.miniredis.command.Command;
import dev.miniredis.command.CommandError;
import dev.miniredis.command.CommandSpec;
import dev.miniredis.command.Context;
import dev.miniredis.command.Flag;
import dev.miniredis.db.Db;
import dev.miniredis.db.Encoding;

/**
 * {@code COPY source destination [DB destination-db] [REPLACE]}: a new value equal to the source's, with its deadline,
 * under another name or in another database; 1 if copied, 0 if the source is missing or the destination exists (and
 * REPLACE was not given). A string or a packed collection is copied as bytes; a big collection as a deep copy of its
 * heap object ({@code HeapValue.copy}), since two keys must never share one.
 */
record Copy(byte[][] argv) implements Command {
    static final CommandSpec SPEC = CommandSpec.of("copy", -3, Flag.WRITE, Flag.DENYOOM).keys(1, 2, 1)
            .categories(Category.KEYSPACE).group("generic").since("6.2.0").summary("Copy a key").parser(Copy::parse);

    static Command parse(Args args) {
        return new Copy(args.all()); // the options are read in execute: a DB option is checked against the databases
    }                                // where it stands, before any later syntax error, as in Redis

    @Override
    public void execute(Context ctx) {
        int selected = ctx.session().db();
        long target = selected;
        boolean replace = false;
        for (int i = 3; i < argv.length; i++) {
            if (Args.equalsIgnoreCase(argv[i], "replace")) {
                replace = true;
            } else if (Args.equalsIgnoreCase(argv[i], "db") && i + 1 < argv.length) {
                target = Args.parseLong(argv[++i]);
                if (target < Integer.MIN_VALUE || target > Integer.MAX_VALUE) {
                    throw new CommandError("ERR value is out of range, value must between -2147483648 and 2147483647");
                }
                if (target < 0 || target >= ctx.keyspace().count()) throw new CommandError("ERR DB index is out of range");
            } else {
                throw CommandError.SYNTAX;
            }
        }
        byte[] source = argv[1];
        byte[] destination = argv[2];
        if (target == selected && java.util.Arrays.equals(source, destination)) {
            throw new CommandError("ERR source and destination objects are the same");
        }
        Db src = ctx.db();
        Db dst = ctx.keyspace().db((int) target);
        long a = src.get(source, ctx.now());
        if (a == Db.NIL || (!replace && dst.lookup(destination, ctx.now()) != Db.NIL)) {
            ctx.reply().integer(0);
            return;
        }
        // dst.lookup may have removed an expired destination: `a` is still the source's address.
        src.transfer(a, dst, destination, Encoding.onHeap(src.type(a)) ? src.object(a).copy() : null, false, ctx.now());
        if (ctx.notifications().wants(Notifications.GENERIC)) {
            ctx.notifications().notify(Notifications.GENERIC, "copy_to", destination, destination.length, (int) target);
        }
        ctx.reply().integer(1);
    }
}
