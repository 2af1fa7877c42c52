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
 * {@code CLIENT REPLY ON|OFF|SKIP}: lets a client that does not read its replies (a bulk loader, say) tell the server not
 * to send them. OFF silences every reply until ON, and gets no reply itself; SKIP silences the next command's reply, and
 * gets none itself; ON answers {@code +OK}. The connection carries it out after each command, by taking the reply back
 * out of its write buffer (see {@code Connection.afterCommandReply}), so no other command needs to know.
 */
record ClientReply(String mode) implements Command {
    static final CommandSpec SPEC = CommandSpec.of("client|reply", 3, Flag.NOSCRIPT, Flag.LOADING, Flag.STALE)
            .categories(Category.CONNECTION).group("connection").since("3.2.0")
            .summary("Instructs the server whether to reply to commands.").parser(ClientReply::parse);

    private static final Command ON = new ClientReply("on");
    private static final Command OFF = new ClientReply("off");
    private static final Command SKIP = new ClientReply("skip");

    static Command parse(Args args) {
        if (args.is(2, "on")) return ON;
        if (args.is(2, "off")) return OFF;
        if (args.is(2, "skip")) return SKIP;
        throw CommandError.SYNTAX;
    }

    @Override
    public void execute(Context ctx) {
        ctx.session().replyMode(mode);
        if (mode.equals("on")) ctx.reply().raw(Resp.OK);
    }
}
