package dev.miniredis.command.server;

import dev.miniredis.command.Command;
import dev.miniredis.command.CommandError;
import dev.miniredis.command.CommandSpec;
import dev.miniredis.command.Context;
import dev.miniredis.command.Flag;

/**
 * {@code CONFIG REWRITE}: Redis writes its settings back to its config file. This server is configured by flags and never
 * reads a config file of Redis's format, so it answers as a Redis started without one does.
 */
record ConfigRewrite() implements Command {
    private static final Command INSTANCE = new ConfigRewrite();

    static final CommandSpec SPEC = CommandSpec.of("config|rewrite", 2, Flag.ADMIN, Flag.NOSCRIPT, Flag.LOADING,
                    Flag.STALE)
            .group("server").since("2.8.0").summary("Persists the effective configuration to file.")
            .parser(args -> INSTANCE);

    @Override
    public void execute(Context ctx) {
        throw new CommandError("ERR The server is running without a config file");
    }
}
