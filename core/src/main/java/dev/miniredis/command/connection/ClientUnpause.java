package dev.miniredis.command.connection;

import dev.miniredis.command.Category;
import dev.miniredis.command.Command;
import dev.miniredis.command.CommandSpec;
import dev.miniredis.command.Context;
import dev.miniredis.command.Flag;
import dev.miniredis.protocol.Resp;

/**
 * {@code CLIENT UNPAUSE}: ends a {@link ClientPause CLIENT PAUSE} now. The parked connections run their waiting commands
 * at the start of the next turn, in the order they were parked.
 */
record ClientUnpause() implements Command {
    private static final Command INSTANCE = new ClientUnpause();

    static final CommandSpec SPEC = CommandSpec.of("client|unpause", 2, Flag.ADMIN, Flag.NOSCRIPT, Flag.LOADING,
                    Flag.STALE)
            .categories(Category.CONNECTION).group("connection").since("6.2.0")
            .summary("Resumes processing commands from paused clients.").parser(args -> INSTANCE);

    @Override
    public void execute(Context ctx) {
        ctx.server().unpauseClients();
        ctx.reply().raw(Resp.OK);
    }
}
