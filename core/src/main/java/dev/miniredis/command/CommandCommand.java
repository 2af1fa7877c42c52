package dev.miniredis.command;

import dev.miniredis.protocol.RespWriter;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code COMMAND}, {@code COMMAND COUNT}, {@code COMMAND INFO [name ...]}, {@code COMMAND DOCS [name ...]},
 * {@code COMMAND LIST}: the server describing its own commands, from {@link CommandTable}'s specs. redis-cli asks for
 * COMMAND DOCS when it starts in interactive mode, to offer hints as you type.
 */
record CommandCommand(String subcommand, byte[][] argv, CommandTable table) implements Command {
    static Command parse(Args args, CommandTable table) {
        if (args.count() == 1) return new CommandCommand("", args.all(), table);
        String sub = new String(args.get(1), StandardCharsets.ISO_8859_1);
        String lower = sub.toLowerCase(Locale.ROOT);
        switch (lower) {
            case "count", "list", "help" -> {
                if (args.count() != 2) throw CommandError.wrongArity("command|" + lower);
            }
            case "info", "docs" -> {
            }
            default -> throw new CommandError("ERR unknown subcommand '" + sub + "'. Try COMMAND HELP.");
        }
        return new CommandCommand(lower, args.all(), table);
    }

    @Override
    public void execute(Context ctx) {
        RespWriter out = ctx.reply();
        switch (subcommand) {
            case "" -> {
                out.array(table.specs().size());
                for (CommandTable.Spec spec : table.specs()) info(out, spec);
            }
            case "count" -> out.integer(table.specs().size());
            case "list" -> {
                out.array(table.specs().size());
                for (CommandTable.Spec spec : table.specs()) out.bulk(spec.name());
            }
            case "info" -> {
                List<CommandTable.Spec> specs = requested();
                out.array(specs.size());
                for (CommandTable.Spec spec : specs) {
                    if (spec == null) out.nil();
                    else info(out, spec);
                }
            }
            case "docs" -> {
                List<CommandTable.Spec> specs = new ArrayList<>(requested());
                specs.removeIf(s -> s == null);   // unknown names are simply left out, as in Redis
                out.map(specs.size());
                for (CommandTable.Spec spec : specs) {
                    out.bulk(spec.name());
                    out.map(3);
                    out.bulk("summary").bulk(spec.summary());
                    out.bulk("since").bulk(spec.since());
                    out.bulk("group").bulk(spec.group());
                }
            }
            default -> {
                String[] help = {"COMMAND <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
                        "(no subcommand)", "    Return details about all commands.",
                        "COUNT", "    Return the total number of commands in this server.",
                        "LIST", "    Return a list of all commands in this server.",
                        "INFO [<command-name> ...]", "    Return details about multiple commands.",
                        "DOCS [<command-name> ...]", "    Return documentation details about multiple commands.",
                        "HELP", "    Print this help."};
                out.simpleLines(help);
            }
        }
    }

    // The specs named after the subcommand (null for unknown names), or every spec when none is named.
    private List<CommandTable.Spec> requested() {
        if (argv.length == 2) return table.specs();
        List<CommandTable.Spec> specs = new ArrayList<>();
        for (int i = 2; i < argv.length; i++) specs.add(table.lookup(argv[i]));
        return specs;
    }

    // Redis 7's ten-element command description.
    private static void info(RespWriter out, CommandTable.Spec spec) {
        out.array(10);
        out.bulk(spec.name());
        out.integer(spec.arity());
        out.set(spec.flags().size());
        for (String flag : spec.flags()) out.simple(flag);
        out.integer(spec.firstKey());
        out.integer(spec.lastKey());
        out.integer(spec.keyStep());
        List<String> categories = categories(spec);
        out.set(categories.size());
        for (String c : categories) out.simple(c);
        out.array(0); // tips
        out.array(0); // key specifications: the first/last/step triple above says where the keys are
        out.array(0); // subcommands
    }

    private static List<String> categories(CommandTable.Spec spec) {
        List<String> c = new ArrayList<>();
        if (spec.flags().contains("write")) c.add("@write");
        if (spec.flags().contains("readonly")) c.add("@read");
        c.add(switch (spec.group()) {
            case "generic" -> "@keyspace";
            case "server" -> "@admin";
            default -> "@" + spec.group();
        });
        c.add(spec.flags().contains("fast") ? "@fast" : "@slow");
        return c;
    }
}
