package dev.miniredis.command.pubsub;

import dev.miniredis.command.Args;
import dev.miniredis.command.Command;
import dev.miniredis.command.CommandSpec;
import dev.miniredis.command.Context;
import dev.miniredis.command.Flag;
import java.util.Arrays;

/** {@code PUNSUBSCRIBE [pattern ...]}: like {@link Unsubscribe}, for patterns. */
record PUnsubscribe(byte[][] patterns) implements Command {
    static final CommandSpec SPEC = CommandSpec.of("punsubscribe", -1, Flag.PUBSUB, Flag.NOSCRIPT, Flag.LOADING,
                    Flag.STALE)
            .group("pubsub").since("2.0.0")
            .summary("Stops listening to messages published to channels that match one or more patterns.")
            .allowWhileSubscribed().parser(PUnsubscribe::parse);

    static Command parse(Args args) {
        return new PUnsubscribe(Arrays.copyOfRange(args.all(), 1, args.count()));
    }

    @Override
    public void execute(Context ctx) {
        Unsubscriptions.run(ctx, patterns, s -> s.subscriptions().patterns(), (s, k) -> ctx.pubsub().punsubscribe(s, k),
                SubscriptionReplies.PUNSUBSCRIBE);
    }
}
