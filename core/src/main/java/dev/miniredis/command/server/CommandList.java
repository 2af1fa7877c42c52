package dev.miniredis.command.server;

import dev.miniredis.command.Args;
import dev.miniredis.command.Category;
import dev.miniredis.command.Command;
import dev.miniredis.command.CommandError;
import dev.miniredis.command.CommandSpec;
import dev.miniredis.command.CommandTable;
import dev.miniredis.command.Context;
import dev.miniredis.command.Flag;
import dev.miniredis.db.Glob;
import dev.miniredis.protocol.Resp;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * {@code COMMAND LIST [FILTERBY MODULE name | ACLCAT category | PATTERN pattern]}: the full name of every command and
 * subcommand ({@code client|list} too), optionally only those in an ACL category or matching a glob pattern (ignoring
 * case). There are no modules here, so filtering by module lists nothing.
 */
record CommandList(CommandTable table, Predicate<CommandSpec> filter) implements Command {
    static final CommandSpec SPEC = CommandSpec.of("command|list", -2, Flag.LOADING, Flag.STALE)
            .categories(Category.CONNECTION).group("server").since("7.0.0")
            .summary("Returns a list of command names.").parser(CommandList::parse);

    static Command parse(Args args) {
        if (args.count() == 2) return new CommandList(args.table(), spec -> true);
        if (args.count() != 5 || !args.is(2, "filterby")) throw CommandError.SYNTAX;
        byte[] value = args.get(4);
        Predicate<CommandSpec> filter;
        if (args.is(3, "module")) {
            filter = spec -> false;
        } else if (args.is(3, "aclcat")) {
            Category category = category(value);
            filter = spec -> spec.categories().contains(category);   // an unknown category lists nothing
        } else if (args.is(3, "pattern")) {
            filter = spec -> Glob.matches(value, Resp.ascii(spec.name()), true);
        } else {
            throw CommandError.SYNTAX;
        }
        return new CommandList(args.table(), filter);
    }

    private static Category category(byte[] name) {
        for (Category c : Category.values()) {
            if (Args.equalsIgnoreCase(name, c.name())) return c;
        }
        return null;
    }

    @Override
    public void execute(Context ctx) {
        List<String> names = new ArrayList<>();
        for (CommandSpec spec : table.specs()) collect(spec, names);
        ctx.reply().array(names.size());
        for (String name : names) ctx.reply().bulk(name);
    }

    private void collect(CommandSpec spec, List<String> names) {
        if (filter.test(spec)) names.add(spec.name());
        for (CommandSpec sub : spec.subcommands()) collect(sub, names);
    }
}
