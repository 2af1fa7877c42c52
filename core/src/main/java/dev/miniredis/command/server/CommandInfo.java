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
import java.util.Set;

/**
 * {@code COMMAND INFO [name ...]}: Redis 7's ten-element description of each named command (null for a name that is not
 * one), or of every command when none is named. A name may be a subcommand's full name, {@code client|list}.
 *
 * <p>The ten elements: name, arity, flags, first key, last key, key step, ACL categories, tips, key specifications, and
 * for a container its subcommands, each described the same way. Simplification: we report no tips (hints for cluster
 * proxies such as {@code request_policy:all_shards}) and no key specifications (Redis 7's detailed description of where
 * the keys are); the first/last/step triple says where the keys are, and it is what clients read.
 */
record CommandInfo(CommandTable table, byte[][] names) implements Command {
    static final CommandSpec SPEC = CommandSpec.of("command|info", -2, Flag.LOADING, Flag.STALE)
            .categories(Category.CONNECTION).group("server").since("2.8.13")
            .summary("Returns information about one, multiple or all commands.").parser(CommandInfo::parse);

    static Command parse(Args args) {
        return new CommandInfo(args.table(), java.util.Arrays.copyOfRange(args.all(), 2, args.count()));
    }

    @Override
    public void execute(Context ctx) {
        RespWriter out = ctx.reply();
        List<CommandSpec> specs = requested(table, names);
        out.array(specs.size());
        for (CommandSpec spec : specs) {
            if (spec == null) out.nil();
            else describe(out, spec);
        }
    }

    /** The specs named (null for a name that is none), or every command when no name is given. */
    static List<CommandSpec> requested(CommandTable table, byte[][] names) {
        if (names.length == 0) return table.specs();
        List<CommandSpec> specs = new ArrayList<>();
        for (byte[] name : names) specs.add(table.lookupFullName(name));
        return specs;
    }

    /** Writes one command's description; COMMAND with no subcommand writes one per command. */
    static void describe(RespWriter out, CommandSpec spec) {
        out.array(10);
        out.bulk(spec.name());
        out.integer(spec.arity());
        int reported = 0;
        for (Flag flag : spec.flags()) if (flag.reported()) reported++;
        out.set(reported);
        for (Flag flag : spec.flags()) if (flag.reported()) out.simple(flag.wireName());
        out.integer(spec.firstKey());
        out.integer(spec.lastKey());
        out.integer(spec.keyStep());
        Set<Category> categories = spec.categories();
        out.set(categories.size());
        for (Category c : categories) out.simple(c.wireName());
        out.set(0);   // tips
        out.set(0);   // key specifications
        List<CommandSpec> subcommands = spec.subcommands();
        if (subcommands.isEmpty()) {
            out.set(0);   // Redis's type for "none": an empty set, yet an array when there are some
        } else {
            out.array(subcommands.size());
            for (CommandSpec sub : subcommands) describe(out, sub);
        }
    }
}
