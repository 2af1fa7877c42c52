package dev.miniredis.command.server;

import dev.miniredis.command.Args;
import dev.miniredis.command.Command;
import dev.miniredis.command.CommandSpec;
import dev.miniredis.command.Context;
import dev.miniredis.command.Flag;
import dev.miniredis.command.Settings;
import dev.miniredis.db.Glob;
import dev.miniredis.protocol.Resp;
import dev.miniredis.protocol.RespWriter;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code CONFIG GET pattern [pattern ...]}: every parameter whose name matches one of the glob patterns, with its value,
 * as a map (a flat array in RESP2). A parameter matched by two patterns is listed once.
 */
record ConfigGet(byte[][] patterns) implements Command {
    static final CommandSpec SPEC = CommandSpec.of("config|get", -3, Flag.ADMIN, Flag.NOSCRIPT, Flag.LOADING, Flag.STALE)
            .group("server").since("2.0.0").summary("Returns the effective values of configuration parameters.")
            .parser(ConfigGet::parse);

    static Command parse(Args args) {
        return new ConfigGet(Arrays.copyOfRange(args.all(), 2, args.count()));
    }

    @Override
    public void execute(Context ctx) {
        Settings settings = ctx.server().settings();
        Map<String, String> found = new LinkedHashMap<>();
        for (byte[] pattern : patterns) {
            for (String name : settings.names()) {
                if (Glob.matches(pattern, Resp.ascii(name), true)) found.put(name, settings.get(name));
            }
        }
        RespWriter out = ctx.reply();
        out.map(found.size());
        for (Map.Entry<String, String> e : found.entrySet()) {
            out.bulk(e.getKey()).bulk(e.getValue().getBytes(StandardCharsets.UTF_8));
        }
    }
}
