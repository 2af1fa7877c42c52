package dev.miniredis.command;

import dev.miniredis.db.Key;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code UNSUBSCRIBE [channel ...]}: stop listening. Without arguments, from every channel; if there was none, Redis
 * still answers once, with a null channel and a count of 0. Unknown channels are confirmed too.
 */
public record Unsubscribe(byte[][] channels) implements Command {
    static Command parse(Args args) {
        return new Unsubscribe(Arrays.copyOfRange(args.all(), 1, args.count()));
    }

    @Override
    public void execute(Context ctx) {
        Session s = ctx.session();
        List<Key> targets = new ArrayList<>();
        if (channels.length == 0) targets.addAll(s.subscriptions().channels());
        else for (byte[] c : channels) targets.add(new Key(c));
        if (targets.isEmpty()) {
            SubscriptionReplies.write(ctx.reply(), SubscriptionReplies.UNSUBSCRIBE, null, s.subscriptions().count());
            return;
        }
        for (Key channel : targets) {
            ctx.pubsub().unsubscribe(s, channel);
            SubscriptionReplies.write(ctx.reply(), SubscriptionReplies.UNSUBSCRIBE, channel.bytes(),
                    s.subscriptions().count());
        }
    }
}
