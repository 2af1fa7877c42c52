package dev.miniredis.command.server;

import dev.miniredis.command.Args;
import dev.miniredis.command.Command;
import dev.miniredis.command.CommandError;
import dev.miniredis.command.CommandSpec;
import dev.miniredis.command.Context;
import dev.miniredis.command.Flag;
import dev.miniredis.command.Settings;
import dev.miniredis.protocol.Resp;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code CONFIG SET name value [name value ...]}: changes settings, all or nothing, as in Redis: every name is checked
 * first, then the values are applied one by one, and if one is refused the ones already applied are put back.
 */
record ConfigSet(byte[][] argv) implements Command {
    static final CommandSpec SPEC = CommandSpec.of("config|set", -4, Flag.ADMIN, Flag.NOSCRIPT, Flag.LOADING, Flag.STALE)
            .group("server").since("2.0.0").summary("Sets configuration parameters in-flight.").parser(ConfigSet::parse);

    static Command parse(Args args) {
        if (args.count() % 2 != 0) throw CommandError.SYNTAX;   // a name without its value: Redis's configSetCommand
        return new ConfigSet(args.all());
    }

    @Override
    public void execute(Context ctx) {
        Settings settings = ctx.server().settings();
        // 1. Check every name before changing anything, as Redis's configSetCommand does, and in its order: the first
        //    unknown name wins, unless an immutable or duplicate one came before it (then that one is reported).
        List<String> names = new ArrayList<>();
        String unknown = null;
        String failedArg = null;
        String failure = null;
        for (int i = 2; i < argv.length; i += 2) {
            String given = new String(argv[i], StandardCharsets.ISO_8859_1);
            String name = given.toLowerCase(Locale.ROOT);
            boolean invalid = unknown != null || failure != null;
            if (settings.get(name) == null) {
                if (!invalid) unknown = given;
                continue;
            }
            if (invalid) continue;
            if (!settings.mutable(name)) {
                failedArg = given;
                failure = "can't set immutable config";
            } else if (names.contains(name)) {
                failedArg = given;
                failure = "duplicate parameter";
            }
            names.add(name);
        }
        if (unknown != null) {
            throw new CommandError("ERR Unknown option or number of arguments for CONFIG SET - '" + unknown + "'");
        }
        if (failure != null) {
            throw new CommandError("ERR CONFIG SET failed (possibly related to argument '" + failedArg + "') - "
                    + failure);
        }
        // 2. Apply one by one; the first refused value puts back the ones already applied, and is reported by the
        //    parameter's own (lower-case) name.
        //    The old values are all read before any is set, as Redis does: an alias and its parameter
        //    (list-max-ziplist-size and list-max-listpack-size) share one value, and must both get back the value from
        //    before the command.
        List<String> before = new ArrayList<>();
        for (String name : names) before.add(settings.get(name));
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            String refused = settings.set(name, new String(argv[2 * i + 3], StandardCharsets.UTF_8));
            if (refused != null) {
                for (int j = 0; j <= i; j++) settings.set(names.get(j), before.get(j));
                throw new CommandError("ERR CONFIG SET failed (possibly related to argument '" + name + "') - "
                        + refused);
            }
        }
        ctx.reply().raw(Resp.OK);
    }
}
