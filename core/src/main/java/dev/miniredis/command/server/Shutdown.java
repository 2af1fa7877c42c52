package dev.miniredis.command.server;

import dev.miniredis.command.Args;
import dev.miniredis.command.Command;
import dev.miniredis.command.CommandError;
import dev.miniredis.command.CommandSpec;
import dev.miniredis.command.Context;
import dev.miniredis.command.Flag;

/**
 * {@code SHUTDOWN [NOSAVE|SAVE] [NOW] [FORCE]}: stops the server gracefully, as SIGTERM does. Nothing is persisted here,
 * so the save options change nothing. As in Redis, a successful SHUTDOWN gets no reply: the connection just closes.
 */
record Shutdown() implements Command {
    static final CommandSpec SPEC = CommandSpec.of("shutdown", -1, Flag.ADMIN, Flag.NOSCRIPT, Flag.LOADING,
                    Flag.STALE, Flag.NO_MULTI, Flag.SENTINEL, Flag.ALLOW_BUSY)
            .group("server").since("1.0.0")
            .summary("Synchronously saves the database(s) to disk and shuts down the Redis server.")
            .parser(Shutdown::parse);

    static Command parse(Args args) {
        boolean save = false;
        boolean noSave = false;
        boolean abort = false;
        for (int i = 1; i < args.count(); i++) {
            if (args.is(i, "nosave")) noSave = true;
            else if (args.is(i, "save")) save = true;
            else if (args.is(i, "abort")) abort = true;
            else if (!args.is(i, "now") && !args.is(i, "force")) throw CommandError.SYNTAX;
        }
        // As in Redis: SAVE with NOSAVE, or ABORT with anything else, is a syntax error.
        if ((save && noSave) || (abort && args.count() != 2)) throw CommandError.SYNTAX;
        if (abort) throw new CommandError("ERR No shutdown in progress.");
        return new Shutdown();
    }

    @Override
    public void execute(Context ctx) {
        ctx.session().closeAfterReply();
        ctx.server().shutdown();
    }
}
