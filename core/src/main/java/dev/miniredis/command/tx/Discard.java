package dev.miniredis.command.tx;

import dev.miniredis.command.Category;
import dev.miniredis.command.Command;
import dev.miniredis.command.CommandError;
import dev.miniredis.command.CommandSpec;
import dev.miniredis.command.Context;
import dev.miniredis.command.Flag;
import dev.miniredis.protocol.Resp;

/** {@code DISCARD}: drops the queued commands and unwatches every key. */
record Discard() implements Command {
    static final CommandSpec SPEC = CommandSpec.of("discard", 1, Flag.NOSCRIPT, Flag.LOADING, Flag.STALE, Flag.FAST,
                    Flag.ALLOW_BUSY).categories(Category.TRANSACTION).group("transactions").since("2.0.0")
            .summary("Discard all commands issued after MULTI").parser(args -> new Discard());

    @Override
    public void execute(Context ctx) {
        Transaction t = ctx.session().transactionOrNull();
        if (t == null || !t.queuing) throw new CommandError("ERR DISCARD without MULTI");
        Exec.discard(t, ctx.watches());
        ctx.reply().raw(Resp.OK);
    }
}
