package dev.miniredis.command.connection;

import dev.miniredis.command.Category;
import dev.miniredis.command.Command;
import dev.miniredis.command.CommandSpec;
import dev.miniredis.command.Context;
import dev.miniredis.command.Flag;
import java.nio.charset.StandardCharsets;

/** {@code CLIENT INFO}: this connection's line of CLIENT LIST, as a verbatim string. */
record ClientInfo() implements Command {
    private static final Command INSTANCE = new ClientInfo();

    static final CommandSpec SPEC = CommandSpec.of("client|info", 2, Flag.NOSCRIPT, Flag.LOADING, Flag.STALE)
            .categories(Category.CONNECTION).group("connection").since("6.2.0")
            .summary("Returns information about the connection.").parser(args -> INSTANCE);

    @Override
    public void execute(Context ctx) {
        ctx.reply().verbatim("txt", (ctx.session().describe(ctx.now()) + "\n").getBytes(StandardCharsets.UTF_8));
    }
}
