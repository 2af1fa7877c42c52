package dev.miniredis.command.server;

import dev.miniredis.command.Args;
import dev.miniredis.command.Category;
import dev.miniredis.command.Command;
import dev.miniredis.command.CommandError;
import dev.miniredis.command.CommandSpec;
import dev.miniredis.command.Context;
import dev.miniredis.command.Flag;
import dev.miniredis.protocol.Numbers;
import dev.miniredis.protocol.Resp;

/**
 * {@code SWAPDB index1 index2}: two databases trade contents at once. Connections keep their selected index, so a client
 * on database 0 sees database 1's keys from its next command on. Two array slots swap; nothing is copied.
 */
record SwapDb(long first, long second) implements Command {
    static final CommandSpec SPEC = CommandSpec.of("swapdb", 3, Flag.WRITE, Flag.FAST)
            .categories(Category.KEYSPACE, Category.DANGEROUS).group("server").since("4.0.0")
            .summary("Swaps two Redis databases").parser(SwapDb::parse);

    static Command parse(Args args) {
        return new SwapDb(index(args.get(1), "ERR invalid first DB index"), index(args.get(2), "ERR invalid second DB index"));
    }

    private static long index(byte[] arg, String error) {
        try {
            long n = Numbers.parseLong(arg);
            if (n < Integer.MIN_VALUE || n > Integer.MAX_VALUE) throw new CommandError(error); // Redis reads an int
            return n;
        } catch (NumberFormatException e) {
            throw new CommandError(error);
        }
    }

    @Override
    public void execute(Context ctx) {
        int count = ctx.keyspace().count();
        if (first < 0 || first >= count || second < 0 || second >= count) {
            throw new CommandError("ERR DB index is out of range");
        }
        ctx.keyspace().swap((int) first, (int) second);
        ctx.blocking().swapped((int) first, (int) second); // waited-for keys may exist now (scanDatabaseForReadyKeys)
        ctx.reply().raw(Resp.OK);
    }
}
