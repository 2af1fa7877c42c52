package dev.miniredis.command.server;

import dev.miniredis.command.Args;
import dev.miniredis.command.Category;
import dev.miniredis.command.Command;
import dev.miniredis.command.CommandSpec;
import dev.miniredis.command.CommandTable;
import dev.miniredis.command.Context;
import dev.miniredis.command.Flag;
import dev.miniredis.protocol.RespWriter;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code COMMAND DOCS [name ...]}: each named command's documentation as a map from its name (names that are not commands
 * are left out, as in Redis), or every command's when none is named. A container's map ends with its subcommands' docs.
 *
 * <p>Simplification: Redis also sends each command's complexity, history and argument tree; we send the summary, the
 * version it appeared in and its group, which is what redis-cli needs to show a hint.
 */
record CommandDocs(CommandTable table, byte[][] names) implements Command {
    static final CommandSpec SPEC = CommandSpec.of("command|docs", -2, Flag.LOADING, Flag.STALE)
            .categories(Category.CONNECTION).group("server").since("7.0.0")
            .summary("Returns documentary information about one, multiple or all commands.").parser(CommandDocs::parse);

    static Command parse(Args args) {
        return new CommandDocs(args.table(), java.util.Arrays.copyOfRange(args.all(), 2, args.count()));
    }

    @Override
    public void execute(Context ctx) {
        List<CommandSpec> specs = new ArrayList<>(CommandInfo.requested(table, names));
        specs.removeIf(s -> s == null);
        RespWriter out = ctx.reply();
        out.map(specs.size());
        for (CommandSpec spec : specs) describe(out, spec);
    }

    private static void describe(RespWriter out, CommandSpec spec) {
        out.bulk(spec.name());
        List<CommandSpec> subcommands = spec.subcommands();
        out.map(subcommands.isEmpty() ? 3 : 4);
        out.bulk("summary").bulk(spec.summary());
        out.bulk("since").bulk(spec.since());
        out.bulk("group").bulk(spec.group());
        if (!subcommands.isEmpty()) {
            out.bulk("subcommands");
            out.map(subcommands.size());
            for (CommandSpec sub : subcommands) describe(out, sub);
        }
    }
}
