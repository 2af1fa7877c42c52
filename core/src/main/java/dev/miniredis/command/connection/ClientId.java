package dev.miniredis.command.connection;

import dev.miniredis.command.Category;
import dev.miniredis.command.Command;
import dev.miniredis.command.CommandSpec;
import dev.miniredis.command.Context;
import dev.miniredis.command.Flag;

/** {@code CLIENT ID}: the connection's id, unique and increasing, the same number CLIENT LIST shows. */
record ClientId() implements Command {
    private static final Command INSTANCE = new ClientId();

    static final CommandSpec SPEC = CommandSpec.of("client|id", 2, Flag.NOSCRIPT, Flag.LOADING, Flag.STALE)
            .categories(Category.CONNECTION).group("connection").since("5.0.0")
            .summary("Returns the unique client ID of the connection.").parser(args -> INSTANCE);

    @Override
    public void execute(Context ctx) {
        ctx.reply().integer(ctx.session().id());
    }
}
