package dev.miniredis.command;

/**
 * {@code SHUTDOWN [NOSAVE|SAVE] [NOW] [FORCE]}: stops the server gracefully, as SIGTERM does. Nothing is persisted here,
 * so the save options change nothing. As in Redis, a successful SHUTDOWN gets no reply: the connection just closes.
 */
record Shutdown() implements Command {
    static Command parse(Args args) {
        for (int i = 1; i < args.count(); i++) {
            if (args.is(i, "abort")) throw new CommandError("ERR No shutdown in progress.");
            if (!args.is(i, "nosave") && !args.is(i, "save") && !args.is(i, "now") && !args.is(i, "force")) {
                throw CommandError.SYNTAX;
            }
        }
        return new Shutdown();
    }

    @Override
    public void execute(Context ctx) {
        ctx.session().closeAfterReply();
        ctx.server().shutdown();
    }
}
