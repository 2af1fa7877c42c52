package dev.miniredis.command.server;

import dev.miniredis.command.Command;
import dev.miniredis.command.CommandError;
import dev.miniredis.command.CommandSpec;
import dev.miniredis.command.Context;
import dev.miniredis.command.Flag;
import dev.miniredis.protocol.Resp;

/**
 * {@code CONFIG REWRITE}: writes the running settings back to the config file the server was started with, keeping its
 * comments and order (see {@code reactor.ConfigRewriter} for the rules); a server started without one answers as Redis
 * does then.
 */
record ConfigRewrite() implements Command {
    private static final Command INSTANCE = new ConfigRewrite();

    static final CommandSpec SPEC = CommandSpec.of("config|rewrite", 2, Flag.ADMIN, Flag.NOSCRIPT, Flag.LOADING,
                    Flag.STALE)
            .group("server").since("2.8.0").summary("Persists the effective configuration to file.")
            .parser(args -> INSTANCE);

    @Override
    public void execute(Context ctx) {
        String error = ctx.server().settings().rewriteConfigFile();
        if (error != null) throw new CommandError("ERR " + error);
        ctx.reply().raw(Resp.OK);
    }
}
