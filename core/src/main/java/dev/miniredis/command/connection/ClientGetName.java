package dev.miniredis.command.connection;

import dev.miniredis.command.Category;
import dev.miniredis.command.Command;
import dev.miniredis.command.CommandSpec;
import dev.miniredis.command.Context;
import dev.miniredis.command.Flag;

/** {@code CLIENT GETNAME}: the connection's name, or null if it has none. */
record ClientGetName() implements Command {
    private static final Command INSTANCE = new ClientGetName();

    static final CommandSpec SPEC = CommandSpec.of("client|getname", 2, Flag.NOSCRIPT, Flag.LOADING, Flag.STALE)
            .categories(Category.CONNECTION).group("connection").since("2.6.9")
            .summary("Returns the name of the connection.").parser(args -> INSTANCE);

    @Override
    public void execute(Context ctx) {
        byte[] name = ctx.session().name();
        if (name == null) ctx.reply().nil();
        else ctx.reply().bulk(name);
    }
}
