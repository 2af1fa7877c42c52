package dev.miniredis.command.pubsub;

import dev.miniredis.command.Args;
import dev.miniredis.command.Command;
import dev.miniredis.command.CommandSpec;
import dev.miniredis.command.Context;
import dev.miniredis.command.Flag;
import dev.miniredis.protocol.RespWriter;

import java.util.Arrays;

/**
 * {@code PUBSUB NUMSUB [channel ...]}: each channel followed by its number of subscribers (pattern subscriptions not
 * counted), as a flat array in RESP3 too, as Redis sends it. {@code PUBSUB SHARDNUMSUB} is the same for shard channels,
 * which have no subscribers outside a cluster.
 */
record PubSubNumSub(byte[][] channels, boolean shard) implements Command {
    static final CommandSpec NUMSUB = CommandSpec.of("pubsub|numsub", -2, Flag.PUBSUB, Flag.LOADING, Flag.STALE)
            .group("pubsub").since("2.8.0").summary("Returns a count of subscribers to channels.")
            .parser(args -> parse(args, false));
    static final CommandSpec SHARDNUMSUB = CommandSpec.of("pubsub|shardnumsub", -2, Flag.PUBSUB, Flag.LOADING,
                    Flag.STALE)
            .group("pubsub").since("7.0.0").summary("Returns the count of subscribers of shard channels.")
            .parser(args -> parse(args, true));

    static Command parse(Args args, boolean shard) {
        return new PubSubNumSub(Arrays.copyOfRange(args.all(), 2, args.count()), shard);
    }

    @Override
    public void execute(Context ctx) {
        RespWriter out = ctx.reply();
        out.array(2 * channels.length);
        for (byte[] channel : channels) out.bulk(channel).integer(shard ? 0 : ctx.pubsub().subscriberCount(channel));
    }
}
