package dev.miniredis.command.tx;

import dev.miniredis.command.Category;
import dev.miniredis.command.Command;
import dev.miniredis.command.CommandError;
import dev.miniredis.command.CommandSpec;
import dev.miniredis.command.CommandTable;
import dev.miniredis.command.Context;
import dev.miniredis.command.Flag;

/**
 * {@code EXEC}: runs the queued commands, one after the other, and answers an array of their replies, unless the
 * transaction was spoiled: a command rejected while queuing gives {@code -EXECABORT}, a watched key that changed gives a
 * null array, and then nothing runs. A command that fails while running (WRONGTYPE, say) puts its error in the array
 * and the others still run: Redis has no rollback, and neither do we.
 *
 * <p>Each queued command writes its own reply straight into the connection's write buffer, after the array header this
 * command writes first: the replies never exist as objects.
 */
record Exec(CommandTable table) implements Command {
    static final CommandSpec SPEC = CommandSpec.of("exec", 1, Flag.NOSCRIPT, Flag.LOADING, Flag.STALE, Flag.SKIP_SLOWLOG)
            .categories(Category.TRANSACTION).group("transactions").since("1.2.0")
            .summary("Execute all commands issued after MULTI").parser(args -> new Exec(args.table()));

    /** Redis's reply when a command was rejected while queuing. */
    static final String EXECABORT = "EXECABORT Transaction discarded because of previous errors.";

    @Override
    public void execute(Context ctx) {
        Transaction t = ctx.session().transactionOrNull();
        if (t == null || !t.queuing) throw new CommandError("ERR EXEC without MULTI");
        Watches watches = ctx.watches();
        if (watches.watchedKeyExpired(t, ctx.now())) t.watchedKeyChanged = true;
        if (t.abortOnExec || t.watchedKeyChanged) {
            boolean abort = t.abortOnExec;
            discard(t, watches);
            if (abort) ctx.reply().error(EXECABORT);
            else ctx.reply().nilArray();
            return;
        }
        watches.unwatchAll(t);                           // nothing the commands below do can fail this EXEC now
        int n = t.queued.size();
        ctx.reply().array(n);
        for (int i = 0; i < n; i++) table.runQueued(t.specs.get(i), t.queued.get(i), ctx);
        discard(t, watches);
    }

    /**
     * Ends the transaction: the queue is dropped and every key unwatched (EXEC, DISCARD, RESET).
     *
     * @param t the connection's state
     * @param watches the loop's registry
     */
    static void discard(Transaction t, Watches watches) {
        t.reset();
        t.watchedKeyChanged = false;
        watches.unwatchAll(t);
    }
}
