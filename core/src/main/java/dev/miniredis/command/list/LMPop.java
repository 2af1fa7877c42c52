package dev.miniredis.command.list;

import dev.miniredis.command.Args;
import dev.miniredis.command.Category;
import dev.miniredis.command.Command;
import dev.miniredis.command.CommandError;
import dev.miniredis.command.CommandSpec;
import dev.miniredis.command.Context;
import dev.miniredis.command.Flag;
import dev.miniredis.db.Db;
import dev.miniredis.db.types.Listpack;
import dev.miniredis.db.types.QuickList;
import dev.miniredis.protocol.RespWriter;

/**
 * {@code LMPOP numkeys key [key ...] LEFT|RIGHT [COUNT count]}: pops up to count elements (1 by default) from the
 * first of the keys that holds a non-empty list, replying {@code [key, [elements]]}, or a null array if none does. A
 * key of the wrong type stops the search with WRONGTYPE, even after missing keys. The keys' position depends on
 * numkeys, hence {@code movablekeys}.
 */
record LMPop(byte[][] keys, boolean head, long count) implements Command {
    static final CommandSpec SPEC = CommandSpec.of("lmpop", -4, Flag.WRITE, Flag.MOVABLEKEYS).keys(0, 0, 0)
            .categories(Category.LIST).group("list").since("7.0.0")
            .summary("Returns multiple elements from a list after removing them. Deletes the list if the last element "
                    + "was popped.")
            .parser(LMPop::parse);

    private static final CommandError BAD_NUMKEYS = new CommandError("ERR numkeys should be greater than 0");
    private static final CommandError BAD_COUNT = new CommandError("ERR count should be greater than 0");

    static Command parse(Args args) {
        return parse(args.all(), 1);
    }

    /**
     * LMPOP's arguments from {@code numKeysAt} on (BLMPOP has its timeout before them).
     *
     * @param argv the command
     * @param numKeysAt where numkeys is
     * @return the command, without a timeout
     */
    static LMPop parse(byte[][] argv, int numKeysAt) {
        long numKeys = positive(argv[numKeysAt], BAD_NUMKEYS);
        // Redis computes where LEFT/RIGHT must be; past the arguments (or overflowing) it is a syntax error.
        if (numKeys > argv.length - numKeysAt - 2) throw CommandError.SYNTAX;
        int sideAt = numKeysAt + 1 + (int) numKeys;
        boolean head = Lists.side(argv[sideAt]);
        long count = -1;
        for (int i = sideAt + 1; i < argv.length; i++) {
            if (count == -1 && Args.equalsIgnoreCase(argv[i], "count") && i + 1 < argv.length) {
                count = positive(argv[++i], BAD_COUNT);
            } else {
                throw CommandError.SYNTAX;
            }
        }
        byte[][] keys = new byte[(int) numKeys][];
        System.arraycopy(argv, numKeysAt + 1, keys, 0, keys.length);
        return new LMPop(keys, head, count == -1 ? 1 : count);
    }

    private static long positive(byte[] arg, CommandError error) {
        long n;
        try {
            n = Args.parseLong(arg);
        } catch (CommandError e) {
            throw error;
        }
        if (n < 1) throw error;
        return n;
    }

    @Override
    public void execute(Context ctx) {
        Db db = ctx.db();
        RespWriter out = ctx.reply();
        for (byte[] key : keys) {
            long a = Lists.requireList(db, db.lookup(key, ctx.now()));
            if (a == Db.NIL) continue;
            QuickList list = Lists.open(db, a, 0, 0);
            out.array(2);
            out.bulk(key);
            Lists.popRange(out, list, head, count);
            Lists.store(db, key, a, list, ctx.now());
            Lists.notify(ctx, key, head ? "lpop" : "rpop", list);
            return;
        }
        out.nilArray();
    }
}
