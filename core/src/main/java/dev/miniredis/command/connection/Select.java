package dev.miniredis.command.connection;

import dev.miniredis.command.Args;
import dev.miniredis.command.Category;
import dev.miniredis.command.Command;
import dev.miniredis.command.CommandError;
import dev.miniredis.command.CommandSpec;
import dev.miniredis.command.Context;
import dev.miniredis.command.Flag;
import dev.miniredis.protocol.Resp;

/**
 * {@code SELECT index}: the connection's commands work on database {@code index} from now on (16 by default,
 * {@code --databases}). The index lives in the connection ({@code Session.db}); {@code Context.db} follows it.
 */
record Select(long index) implements Command {
    static final CommandSpec SPEC = CommandSpec.of("select", 2, Flag.LOADING, Flag.STALE, Flag.FAST)
            .categories(Category.CONNECTION).group("connection").since("1.0.0")
            .summary("Changes the selected database.").parser(Select::parse);

    static Command parse(Args args) {
        long index = args.longAt(1);
        if (index < Integer.MIN_VALUE || index > Integer.MAX_VALUE) {
            throw new CommandError("ERR value is out of range, value must between -2147483648 and 2147483647");
        }
        return new Select(index);
    }

    @Override
    public void execute(Context ctx) {
        if (index < 0 || index >= ctx.keyspace().count()) throw new CommandError("ERR DB index is out of range");
        ctx.session().db((int) index);
        ctx.reply().raw(Resp.OK);
    }
}
