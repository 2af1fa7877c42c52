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
 * {@code RENAME key newkey} and {@code RENAMENX key newkey}: the value, its deadline and its eviction clocks move to
 * the new name; whatever the new name held is gone (RENAME) or the command does nothing and answers 0 (RENAMENX).
 *
 * <p>Redis moves a pointer. Our records hold their key inline, so a new record is written under the new name and the
 * old one deleted: a string's bytes are copied once; a big collection's heap object is not copied at all, only its
 * handle changes (see {@link Db#transfer}).
 */
record Rename(byte[] key, byte[] newKey, boolean nx) implements Command {
    static final CommandSpec RENAME = CommandSpec.of("rename", 3, Flag.WRITE).keys(1, 2, 1)
            .categories(Category.KEYSPACE).group("generic").since("1.0.0").summary("Rename a key")
            .parser(args -> parse(args, false));
    static final CommandSpec RENAMENX = CommandSpec.of("renamenx", 3, Flag.WRITE, Flag.FAST).keys(1, 2, 1)
            .categories(Category.KEYSPACE).group("generic").since("1.0.0")
            .summary("Rename a key, only if the new key does not exist").parser(args -> parse(args, true));

    static Command parse(Args args, boolean nx) {
        return new Rename(args.get(1), args.get(2), nx);
    }

    @Override
    public void execute(Context ctx) {
        Db db = ctx.db();
        long a = db.lookup(key, ctx.now());
        if (a == Db.NIL) throw new CommandError("ERR no such key");
        if (java.util.Arrays.equals(key, newKey)) {            // same name: nothing moves, as in Redis
            if (nx) ctx.reply().integer(0);
            else ctx.reply().raw(dev.miniredis.protocol.Resp.OK);
            return;
        }
        if (nx && db.lookup(newKey, ctx.now()) != Db.NIL) {
            ctx.reply().integer(0);
            return;
        }
        db.requireKeyFits(newKey);
        // Lookups may have deleted an expired newKey; `a` is still the source's address (deleting another record never
        // moves this one).
        db.transfer(a, db, newKey, Encoding.onHeap(db.type(a)) ? db.object(a) : null, true, ctx.now());
        db.delete(key, ctx.now());
        ctx.notify(Notifications.GENERIC, "rename_from", key);
        ctx.notify(Notifications.GENERIC, "rename_to", newKey);
        if (nx) ctx.reply().integer(1);
        else ctx.reply().raw(dev.miniredis.protocol.Resp.OK);
    }
}
