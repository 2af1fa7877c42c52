package dev.miniredis.command;

import java.util.Arrays;

/** {@code PUNSUBSCRIBE [pattern ...]}: like {@link Unsubscribe}, for patterns. */
record PUnsubscribe(byte[][] patterns) implements Command {
    static Command parse(Args args) {
        return new PUnsubscribe(Arrays.copyOfRange(args.all(), 1, args.count()));
    }

    @Override
    public void execute(Context ctx) {
        Unsubscriptions.run(ctx, patterns, s -> s.subscriptions().patterns(), (s, k) -> ctx.pubsub().punsubscribe(s, k),
                SubscriptionReplies.PUNSUBSCRIBE);
    }
}
