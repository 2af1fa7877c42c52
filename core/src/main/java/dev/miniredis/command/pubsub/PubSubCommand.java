package dev.miniredis.command.pubsub;

import dev.miniredis.command.Command;
import dev.miniredis.command.CommandSpec;
import dev.miniredis.command.Flag;

/**
 * {@code PUBSUB <subcommand>}: looking at the pub/sub registry. Redis 7 treats these as subcommands with arities of their
 * own, and words the errors differently depending on which check fails; each subcommand's spec and parser reproduce one
 * wording: {@link PubSubChannels CHANNELS} and {@code SHARDCHANNELS}, {@link PubSubNumSub NUMSUB} and
 * {@code SHARDNUMSUB}, {@link PubSubNumPat NUMPAT}, and {@code HELP}, declared here.
 */
final class PubSubCommand {
    private static final String[] HELP_LINES = {
            "PUBSUB <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
            "CHANNELS [<pattern>]",
            "    Return the currently active channels matching a <pattern> (default: '*').",
            "NUMPAT",
            "    Return number of subscriptions to patterns.",
            "NUMSUB [<channel> ...]",
            "    Return the number of subscribers for the specified channels, excluding",
            "    pattern subscriptions(default: no channels).",
            "SHARDCHANNELS [<pattern>]",
            "    Return the currently active shard level channels matching a <pattern> (default: '*').",
            "SHARDNUMSUB [<shardchannel> ...]",
            "    Return the number of subscribers for the specified shard level channel(s)",
            "HELP",
            "    Prints this help.",
    };
    private static final Command HELP_REPLY = ctx -> ctx.reply().simpleLines(HELP_LINES);

    static final CommandSpec HELP = CommandSpec.of("pubsub|help", 2, Flag.LOADING, Flag.STALE)
            .group("pubsub").since("6.2.0").summary("Returns helpful text about the different subcommands.")
            .parser(args -> HELP_REPLY);

    static final CommandSpec SPEC = CommandSpec.of("pubsub", -2)
            .group("pubsub").since("2.8.0").summary("A container for Pub/Sub commands.")
            .subcommands(PubSubChannels.CHANNELS, PubSubNumPat.SPEC, PubSubNumSub.NUMSUB, PubSubChannels.SHARDCHANNELS,
                    PubSubNumSub.SHARDNUMSUB, HELP);

    private PubSubCommand() {
    }
}
