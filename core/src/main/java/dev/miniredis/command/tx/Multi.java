package dev.miniredis.command.tx;

import dev.miniredis.command.Args;
import dev.miniredis.command.Category;
import dev.miniredis.command.Command;
import dev.miniredis.command.CommandError;
import dev.miniredis.command.CommandSpec;
import dev.miniredis.command.Context;
import dev.miniredis.command.Flag;
import dev.miniredis.protocol.Resp;

/**
 * {@code MULTI}: from now on the connection's commands are queued ({@code +QUEUED}) instead of run, until EXEC runs
 * them all or DISCARD drops them. The queuing itself happens in {@code CommandTable.execute}, the one place every command
 * passes; this command only switches the mode.
 */
record Multi() implements Command {
    static final CommandSpec SPEC = CommandSpec.of("multi", 1, Flag.NOSCRIPT, Flag.LOADING, Flag.STALE, Flag.FAST,
                    Flag.ALLOW_BUSY).categories(Category.TRANSACTION).group("transactions").since("1.2.0")
            .summary("Mark the start of a transaction block").parser(args -> new Multi());

    @Override
    public void execute(Context ctx) {
        Transaction t = ctx.session().transaction();
        if (t.queuing) throw new CommandError("ERR MULTI calls can not be nested");
        t.queuing = true;
        ctx.reply().raw(Resp.OK);
    }
}
