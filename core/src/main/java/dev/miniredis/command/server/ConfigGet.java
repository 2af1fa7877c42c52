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
import java.util.Locale;
import java.util.Map;

/**
 * {@code CONFIG GET pattern [pattern ...]}: every parameter whose name matches one of the glob patterns, with its value,
 * as a map (a flat array in RESP2). A parameter matched by two patterns is listed once. Redis lists them in the order
 * of its hash table, different in each process; we list them in the order found.
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
        // Keyed by lower-case name, so that "Timeout" and "timeout*" list it once, under the first spelling that found
        // it: as Redis's configGetCommand, whose dictionary of matches compares names without case.
        Map<String, String[]> found = new LinkedHashMap<>();
        for (byte[] pattern : patterns) {
            String text = new String(pattern, StandardCharsets.ISO_8859_1);
            if (text.indexOf('*') < 0 && text.indexOf('?') < 0 && text.indexOf('[') < 0) {
                // No glob characters: a direct lookup, and the reply names the parameter as the client spelled it.
                String name = text.toLowerCase(Locale.ROOT);
                String value = settings.get(name);
                if (value != null) found.putIfAbsent(name, new String[] {text, value});
                continue;
            }
            for (String name : settings.names()) {
                if (!found.containsKey(name) && Glob.matches(pattern, Resp.ascii(name), true)) {
                    found.put(name, new String[] {name, settings.get(name)});
                }
            }
        }
        RespWriter out = ctx.reply();
        out.map(found.size());
        for (String[] pair : found.values()) {
            out.bulk(pair[0].getBytes(StandardCharsets.ISO_8859_1)).bulk(pair[1].getBytes(StandardCharsets.UTF_8));
        }
    }
}
