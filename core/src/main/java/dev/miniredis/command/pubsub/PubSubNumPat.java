package dev.miniredis.command.pubsub;

import dev.miniredis.command.Command;
import dev.miniredis.command.CommandSpec;
import dev.miniredis.command.Context;
import dev.miniredis.command.Flag;

/** {@code PUBSUB NUMPAT}: how many pattern subscriptions exist, over all connections. */
record PubSubNumPat() implements Command {
    private static final Command INSTANCE = new PubSubNumPat();

    static final CommandSpec SPEC = CommandSpec.of("pubsub|numpat", 2, Flag.PUBSUB, Flag.LOADING, Flag.STALE)
            .group("pubsub").since("2.8.0").summary("Returns a count of unique pattern subscriptions.")
            .parser(args -> INSTANCE);

    @Override
    public void execute(Context ctx) {
        ctx.reply().integer(ctx.pubsub().patternCount());
    }
}
