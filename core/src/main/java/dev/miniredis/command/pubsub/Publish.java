package dev.miniredis.command.pubsub;

import dev.miniredis.command.Args;
import dev.miniredis.command.Command;
import dev.miniredis.command.CommandSpec;
import dev.miniredis.command.Context;
import dev.miniredis.command.Flag;

/**
 * {@code PUBLISH channel message}: delivers the message to every subscriber of the channel and of every matching pattern,
 * and replies with how many received it. See {@link dev.miniredis.pubsub.PubSub#publish} for the fan-out.
 */
record Publish(byte[] channel, byte[] message) implements Command {
    static final CommandSpec SPEC = CommandSpec.of("publish", 3, Flag.PUBSUB, Flag.LOADING, Flag.STALE, Flag.FAST,
                    Flag.MAY_REPLICATE)
            .group("pubsub").since("2.0.0").summary("Posts a message to a channel.").parser(Publish::parse);

    static Command parse(Args args) {
        return new Publish(args.get(1), args.get(2));
    }

    @Override
    public void execute(Context ctx) {
        ctx.reply().integer(ctx.pubsub().publish(channel, message));
    }
}
