package dev.miniredis.command.keys;

import dev.miniredis.command.Args;
import dev.miniredis.command.Category;
import dev.miniredis.command.Command;
import dev.miniredis.command.CommandSpec;
import dev.miniredis.command.Context;
import dev.miniredis.command.Flag;
import dev.miniredis.db.Glob;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code KEYS pattern}: every live key matching the glob pattern, in table order. It walks the whole keyspace in one
 * command, blocking every other client meanwhile, which is why Redis's documentation (and ours) recommends SCAN instead.
 */
record Keys(byte[] pattern) implements Command {
    static final CommandSpec SPEC = CommandSpec.of("keys", 2, Flag.READONLY)
            .categories(Category.KEYSPACE, Category.DANGEROUS).group("generic").since("1.0.0")
            .summary("Returns all key names that match a pattern.").parser(Keys::parse);

    static Command parse(Args args) {
        return new Keys(args.get(1));
    }

    @Override
    public void execute(Context ctx) {
        boolean all = pattern.length == 1 && pattern[0] == '*';
        List<byte[]> found = new ArrayList<>();
        ctx.db().forEachKey(ctx.now(), key -> {
            if (all || Glob.matches(pattern, key)) found.add(key);
        });
        ctx.reply().array(found.size());
        for (byte[] key : found) ctx.reply().bulk(key);
    }
}
