package dev.miniredis.command.set;

import dev.miniredis.command.Args;
import dev.miniredis.command.Category;
import dev.miniredis.command.Command;
import dev.miniredis.command.CommandSpec;
import dev.miniredis.command.Context;
import dev.miniredis.command.Flag;
import dev.miniredis.db.Db;
import dev.miniredis.db.Encoding;
import dev.miniredis.db.types.IntSet;
import dev.miniredis.db.types.MemberSet;
import dev.miniredis.pubsub.Notifications;

/**
 * {@code SADD key member [member ...]}: adds the members, creating the set; replies how many were new.
 *
 * <p>The whole of a set's encoding story happens here. A new set is an intset if its first member is an integer
 * (Redis's {@code setTypeCreate}), a hash table otherwise. An intset is copied into scratch slot 0, grown there one
 * member at a time, and written back once; the moment a member is not an integer, or the count passes
 * {@code set-max-intset-entries}, the members so far move into a {@link MemberSet} and the rest go there: one
 * conversion, after which the record holds a handle ({@link Db#putObject} replaces the packed record).
 */
record SAdd(byte[] key, byte[][] argv) implements Command {
    static final CommandSpec SPEC = CommandSpec.of("sadd", -3, Flag.WRITE, Flag.DENYOOM, Flag.FAST).keys(1, 1, 1)
            .categories(Category.SET).group("set").since("1.0.0").summary("Add one or more members to a set")
            .parser(SAdd::parse);

    static Command parse(Args args) {
        return new SAdd(args.get(1), args.all());
    }

    @Override
    public void execute(Context ctx) {
        Db db = ctx.db();
        long now = ctx.now();
        long a = Sets.requireSet(db, db.lookup(key, now));
        long maxIntset = db.limits().setMaxIntsetEntries;
        byte[] ints = null;
        int length = 0;
        MemberSet set = null;
        boolean converted = false;   // the record must take a new heap object: a new key, or an intset that outgrew
        if (a == Db.NIL) {
            if (IntSet.isInteger(argv[2])) {
                ints = db.scratch(0, IntSet.HEADER_BYTES);
                length = IntSet.init(ints);
            } else {
                set = new MemberSet();
                converted = true;
            }
        } else if (db.type(a) == Encoding.SET_INTSET) {
            ints = db.readPacked(a, 0);
            length = db.valueLength(a);
        } else {
            set = Sets.heap(db, a);
        }
        int added = 0;
        for (int i = 2; i < argv.length; i++) {
            byte[] member = argv[i];
            if (set == null) {
                if (IntSet.isInteger(member)) {
                    ints = db.scratch(0, IntSet.capacityForAdd(ints, length));
                    int grown = IntSet.add(ints, length, IntSet.parse(member));
                    if (grown == length) continue;
                    length = grown;
                    added++;
                    if (IntSet.count(ints, length) > maxIntset) { // past the limit: Redis converts right away
                        set = Sets.toHeap(ints, length);
                        converted = true;
                    }
                    continue;
                }
                set = Sets.toHeap(ints, length);              // a member that is not an integer: convert, then add it
                converted = true;
            }
            if (set.addCopy(member)) added++;
        }
        if (set == null) {
            if (added > 0) db.putPacked(key, Encoding.SET_INTSET, ints, length, now);
        } else if (converted) {
            db.putObject(key, Encoding.SET, set, now);
        } else if (added > 0) {
            db.resized(a);
        }
        if (added > 0) ctx.notify(Notifications.SET, "sadd", key);
        ctx.reply().integer(added);
    }
}
