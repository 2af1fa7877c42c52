package dev.miniredis.command.pubsub;

import dev.miniredis.command.Args;
import dev.miniredis.command.Command;
import dev.miniredis.command.CommandSpec;
import dev.miniredis.command.Context;
import dev.miniredis.command.Flag;
import dev.miniredis.command.Session;
import dev.miniredis.db.Key;

import java.util.Arrays;

/**
 * {@code SUBSCRIBE channel [channel ...]}: listen to channels. One confirmation per channel, even for a channel the
 * connection already had (its count then stays the same). From here on a RESP2 connection is in subscribed mode.
 */
record Subscribe(byte[][] channels) implements Command {
    static final CommandSpec SPEC = CommandSpec.of("subscribe", -2, Flag.PUBSUB, Flag.NOSCRIPT, Flag.LOADING,
                    Flag.STALE)
            .group("pubsub").since("2.0.0").summary("Listens for messages published to channels.")
            .allowWhileSubscribed().parser(Subscribe::parse);

    static Command parse(Args args) {
        return new Subscribe(Arrays.copyOfRange(args.all(), 1, args.count()));
    }

    @Override
    public void execute(Context ctx) {
        Session s = ctx.session();
        for (byte[] channel : channels) {
            ctx.pubsub().subscribe(s, new Key(channel));
            SubscriptionReplies.write(ctx.reply(), SubscriptionReplies.SUBSCRIBE, channel, s.subscriptions().count());
        }
    }
}
