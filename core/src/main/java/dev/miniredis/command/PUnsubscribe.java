package dev.miniredis.command;

import dev.miniredis.db.Key;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** {@code PUNSUBSCRIBE [pattern ...]}: like {@link Unsubscribe}, for patterns. */
public record PUnsubscribe(byte[][] patterns) implements Command {
    static Command parse(Args args) {
        return new PUnsubscribe(Arrays.copyOfRange(args.all(), 1, args.count()));
    }

    @Override
    public void execute(Context ctx) {
        Session s = ctx.session();
        List<Key> targets = new ArrayList<>();
        if (patterns.length == 0) targets.addAll(s.subscriptions().patterns());
        else for (byte[] p : patterns) targets.add(new Key(p));
        if (targets.isEmpty()) {
            SubscriptionReplies.write(ctx.reply(), SubscriptionReplies.PUNSUBSCRIBE, null, s.subscriptions().count());
            return;
        }
        for (Key pattern : targets) {
            ctx.pubsub().punsubscribe(s, pattern);
            SubscriptionReplies.write(ctx.reply(), SubscriptionReplies.PUNSUBSCRIBE, pattern.bytes(),
                    s.subscriptions().count());
        }
    }
}
