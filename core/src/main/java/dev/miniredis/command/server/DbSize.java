package dev.miniredis.command.server;

import dev.miniredis.command.Args;
import dev.miniredis.command.Category;
import dev.miniredis.command.Command;
import dev.miniredis.command.CommandSpec;
import dev.miniredis.command.Context;
import dev.miniredis.command.Flag;

/** {@code DBSIZE}: keys stored, counting expired keys not yet removed, as Redis does. */
record DbSize() implements Command {
    static final CommandSpec SPEC = CommandSpec.of("dbsize", 1, Flag.READONLY, Flag.FAST)
            .categories(Category.KEYSPACE).group("server").since("1.0.0")
            .summary("Returns the number of keys in the database.").parser(DbSize::parse);

    static Command parse(Args args) {
        return new DbSize();
    }

    @Override
    public void execute(Context ctx) {
        ctx.reply().integer(ctx.db().size());
    }
}
