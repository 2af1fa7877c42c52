package dev.miniredis.command;

import dev.miniredis.db.Glob;
import dev.miniredis.protocol.Resp;
import dev.miniredis.protocol.RespWriter;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * {@code CONFIG GET pattern [pattern ...]}, {@code CONFIG SET name value [name value ...]}, {@code CONFIG RESETSTAT}:
 * reading and changing the server's settings at run time. See {@link Settings} for which parameters exist.
 */
record ConfigCommand(String subcommand, byte[][] argv) implements Command {
    static Command parse(Args args) {
        String sub = new String(args.get(1), StandardCharsets.ISO_8859_1);
        String lower = sub.toLowerCase(Locale.ROOT);
        int n = args.count();
        switch (lower) {
            case "get" -> {
                if (n < 3) throw CommandError.wrongArity("config|get");
            }
            case "set" -> {
                if (n < 4 || n % 2 != 0) throw CommandError.wrongArity("config|set");
            }
            case "resetstat", "rewrite", "help" -> {
                if (n != 2) throw CommandError.wrongArity("config|" + lower);
            }
            default -> throw new CommandError("ERR unknown subcommand '" + sub + "'. Try CONFIG HELP.");
        }
        return new ConfigCommand(lower, args.all());
    }

    // Puts back the values of the parameters already changed by a CONFIG SET that then failed.
    private static void restore(Settings settings, Map<String, String> before) {
        before.forEach(settings::set);
    }

    @Override
    public void execute(Context ctx) {
        Settings settings = ctx.server().settings();
        RespWriter out = ctx.reply();
        switch (subcommand) {
            case "get" -> {
                Map<String, String> found = new LinkedHashMap<>();
                for (int i = 2; i < argv.length; i++) {
                    for (String name : settings.names()) {
                        if (Glob.matches(argv[i], Resp.ascii(name), true)) found.put(name, settings.get(name));
                    }
                }
                out.map(found.size());
                for (Map.Entry<String, String> e : found.entrySet()) {
                    out.bulk(e.getKey()).bulk(e.getValue().getBytes(StandardCharsets.UTF_8));
                }
            }
            case "set" -> {
                // All or nothing, as in Redis: check every name first, then apply, undoing on a failure.
                java.util.List<String> names = new java.util.ArrayList<>();
                for (int i = 2; i < argv.length; i += 2) {
                    String name = new String(argv[i], StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
                    if (settings.get(name) == null) {
                        throw new CommandError("ERR Unknown option or number of arguments for CONFIG SET - '"
                                + new String(argv[i], StandardCharsets.ISO_8859_1) + "'");
                    }
                    if (names.contains(name)) {
                        throw new CommandError("ERR CONFIG SET failed (possibly related to argument '" + name
                                + "') - duplicate parameter");
                    }
                    names.add(name);
                }
                Map<String, String> before = new LinkedHashMap<>();
                for (int i = 0; i < names.size(); i++) {
                    String name = names.get(i);
                    String previous = settings.get(name);
                    String failure;
                    try {
                        failure = settings.set(name, new String(argv[2 * i + 3], StandardCharsets.UTF_8));
                    } catch (CommandError immutable) {
                        restore(settings, before);
                        throw immutable;
                    }
                    if (failure != null) {
                        restore(settings, before);
                        throw new CommandError("ERR CONFIG SET failed (possibly related to argument '" + name + "') - "
                                + failure);
                    }
                    before.put(name, previous);
                }
                out.raw(Resp.OK);
            }
            case "resetstat" -> out.raw(Resp.OK);
            case "rewrite" -> throw new CommandError("ERR The server is running without a config file");
            default -> {
                String[] help = {"CONFIG <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
                        "GET <pattern>", "    Return parameters matching the glob-like <pattern> and their values.",
                        "SET <directive> <value>", "    Set the configuration <directive> to <value>.",
                        "RESETSTAT", "    Reset statistics reported by the INFO command.",
                        "REWRITE", "    Rewrite the configuration file.",
                        "HELP", "    Prints this help."};
                out.simpleLines(help);
            }
        }
    }
}
