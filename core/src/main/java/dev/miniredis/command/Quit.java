package dev.miniredis.command;

import dev.miniredis.protocol.Resp;

/** {@code QUIT}: reply OK, send everything pending, then close. Commands pipelined after it are not run. */
record Quit() implements Command {
    static Command parse(Args args) {
        return new Quit();
    }

    @Override
    public void execute(Context ctx) {
        ctx.reply().raw(Resp.OK);
        ctx.session().closeAfterReply();
    }
}
