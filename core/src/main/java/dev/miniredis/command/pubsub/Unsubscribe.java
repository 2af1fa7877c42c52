package dev.miniredis.command.pubsub;

import dev.miniredis.command.Args;
import dev.miniredis.command.Command;
import dev.miniredis.command.CommandSpec;
import dev.miniredis.command.Context;
import dev.miniredis.command.Flag;
import java.util.Arrays;

/**
 * {@code UNSUBSCRIBE [channel ...]}: stop listening. Without arguments, from every channel; if there was none, Redis
 * still answers once, with a null channel and a count of 0. Unknown channels are confirmed too.
 */
record Unsubscribe(byte[][] channels) implements Command {
    static final CommandSpec SPEC = CommandSpec.of("unsubscribe", -1, Flag.PUBSUB, Flag.NOSCRIPT, Flag.LOADING,
                    Flag.STALE)
            .group("pubsub").since("2.0.0").summary("Stops listening to messages posted to channels.")
            .allowWhileSubscribed().parser(Unsubscribe::parse);

    static Command parse(Args args) {
        return new Unsubscribe(Arrays.copyOfRange(args.all(), 1, args.count()));
    }

    @Override
    public void execute(Context ctx) {
        Unsubscriptions.run(ctx, channels, s -> s.subscriptions().channels(), (s, k) -> ctx.pubsub().unsubscribe(s, k),
                SubscriptionReplies.UNSUBSCRIBE);
    }
}
