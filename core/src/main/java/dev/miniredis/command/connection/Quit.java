package dev.miniredis.command.connection;

import dev.miniredis.command.Args;
import dev.miniredis.command.Category;
import dev.miniredis.command.Command;
import dev.miniredis.command.CommandSpec;
import dev.miniredis.command.Context;
import dev.miniredis.command.Flag;
import dev.miniredis.protocol.Resp;

/** {@code QUIT}: reply OK, send everything pending, then close. Commands pipelined after it are not run. */
record Quit() implements Command {
    static final CommandSpec SPEC = CommandSpec.of("quit", -1, Flag.NOSCRIPT, Flag.LOADING, Flag.STALE, Flag.FAST,
                    Flag.NO_AUTH, Flag.ALLOW_BUSY)
            .categories(Category.CONNECTION).group("connection").since("1.0.0").summary("Closes the connection.")
            .allowWhileSubscribed().parser(Quit::parse);

    static Command parse(Args args) {
        return new Quit();
    }

    @Override
    public void execute(Context ctx) {
        ctx.reply().raw(Resp.OK);
        ctx.session().closeAfterReply();
    }
}
