package dev.miniredis.command.connection;

import dev.miniredis.command.Args;
import dev.miniredis.command.Category;
import dev.miniredis.command.Command;
import dev.miniredis.command.CommandSpec;
import dev.miniredis.command.Context;
import dev.miniredis.command.Flag;

/** {@code ECHO message}: the message back. {@code redis-cli --pipe} ends its stream with one to know when all is done. */
record Echo(byte[] message) implements Command {
    static final CommandSpec SPEC = CommandSpec.of("echo", 2, Flag.LOADING, Flag.STALE, Flag.FAST)
            .categories(Category.CONNECTION).group("connection").since("1.0.0").summary("Returns the given string.")
            .parser(Echo::parse);

    static Command parse(Args args) {
        return new Echo(args.get(1));
    }

    @Override
    public void execute(Context ctx) {
        ctx.reply().bulk(message);
    }
}
