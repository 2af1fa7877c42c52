package dev.miniredis.command.connection;

import dev.miniredis.command.Args;
import dev.miniredis.command.Category;
import dev.miniredis.command.Command;
import dev.miniredis.command.CommandError;
import dev.miniredis.command.CommandSpec;
import dev.miniredis.command.Context;
import dev.miniredis.command.Flag;

/**
 * {@code CLIENT UNBLOCK client-id [TIMEOUT|ERROR]}: frees a client blocked by BLPOP and friends, as if its timeout had
 * passed (the default) or with the error {@code -UNBLOCKED client unblocked via CLIENT UNBLOCK}. 1 if it was blocked.
 */
record ClientUnblock(long id, boolean error) implements Command {
    static final CommandSpec SPEC = CommandSpec.of("client|unblock", -3, Flag.ADMIN, Flag.NOSCRIPT, Flag.LOADING,
                    Flag.STALE).categories(Category.ADMIN, Category.DANGEROUS, Category.CONNECTION).group("connection")
            .since("5.0.0").summary("Unblock a client blocked in a blocking command from a different connection")
            .parser(ClientUnblock::parse);

    static Command parse(Args args) {
        long id = args.longAt(2);
        boolean error = false;
        if (args.count() == 4) {
            if (args.is(3, "error")) error = true;
            else if (!args.is(3, "timeout")) throw new CommandError("ERR CLIENT UNBLOCK reason should be TIMEOUT or ERROR");
        } else if (args.count() > 4) {
            throw CommandError.SYNTAX;
        }
        return new ClientUnblock(id, error);
    }

    @Override
    public void execute(Context ctx) {
        ctx.reply().integer(ctx.server().unblockClient(id, error) ? 1 : 0);
    }
}
