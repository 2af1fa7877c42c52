package dev.miniredis.command.pubsub;

import dev.miniredis.command.Args;
import dev.miniredis.command.Command;
import dev.miniredis.command.CommandSpec;
import dev.miniredis.command.Context;
import dev.miniredis.command.Flag;
import dev.miniredis.command.Session;
import dev.miniredis.db.Key;

import java.util.Arrays;

/** {@code PSUBSCRIBE pattern [pattern ...]}: listen to every channel matching a glob pattern ({@code news.*}). */
record PSubscribe(byte[][] patterns) implements Command {
    static final CommandSpec SPEC = CommandSpec.of("psubscribe", -2, Flag.PUBSUB, Flag.NOSCRIPT, Flag.LOADING,
                    Flag.STALE)
            .group("pubsub").since("2.0.0")
            .summary("Listens for messages published to channels that match one or more patterns.")
            .allowWhileSubscribed().parser(PSubscribe::parse);

    static Command parse(Args args) {
        return new PSubscribe(Arrays.copyOfRange(args.all(), 1, args.count()));
    }

    @Override
    public void execute(Context ctx) {
        Session s = ctx.session();
        for (byte[] pattern : patterns) {
            ctx.pubsub().psubscribe(s, new Key(pattern));
            SubscriptionReplies.write(ctx.reply(), SubscriptionReplies.PSUBSCRIBE, pattern, s.subscriptions().count());
        }
    }
}
