package dev.miniredis.command.pubsub;

import dev.miniredis.command.Args;
import dev.miniredis.command.Command;
import dev.miniredis.command.CommandError;
import dev.miniredis.command.CommandSpec;
import dev.miniredis.command.Context;
import dev.miniredis.command.Flag;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * {@code PUBSUB CHANNELS [pattern]}: the channels with at least one subscriber, optionally only those matching a glob
 * pattern. {@code PUBSUB SHARDCHANNELS [pattern]} is the same for shard channels, which exist only in a cluster, so its
 * list is always empty here.
 *
 * <p>The arity (-2) lets any number of arguments through; more than one pattern is then refused with the wording
 * Redis uses for this case, which names the subcommand as the client typed it.
 */
record PubSubChannels(byte[] pattern, boolean shard) implements Command {
    static final CommandSpec CHANNELS = CommandSpec.of("pubsub|channels", -2, Flag.PUBSUB, Flag.LOADING, Flag.STALE)
            .group("pubsub").since("2.8.0").summary("Returns the active channels.")
            .parser(args -> parse(args, false));
    static final CommandSpec SHARDCHANNELS = CommandSpec.of("pubsub|shardchannels", -2, Flag.PUBSUB, Flag.LOADING,
                    Flag.STALE)
            .group("pubsub").since("7.0.0").summary("Returns the active shard channels.")
            .parser(args -> parse(args, true));

    static Command parse(Args args, boolean shard) {
        if (args.count() > 3) {
            throw new CommandError("ERR unknown subcommand or wrong number of arguments for '"
                    + new String(args.get(1), StandardCharsets.ISO_8859_1) + "'. Try PUBSUB HELP.");
        }
        return new PubSubChannels(args.count() == 3 ? args.get(2) : null, shard);
    }

    @Override
    public void execute(Context ctx) {
        if (shard) {
            ctx.reply().array(0);   // no cluster, so no shard channels
            return;
        }
        List<byte[]> channels = ctx.pubsub().activeChannels(pattern);
        ctx.reply().array(channels.size());
        for (byte[] c : channels) ctx.reply().bulk(c);
    }
}
