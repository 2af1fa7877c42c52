package dev.miniredis.command;

import dev.miniredis.protocol.RespWriter;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * {@code PUBSUB CHANNELS [pattern]}, {@code PUBSUB NUMSUB [channel ...]}, {@code PUBSUB NUMPAT}, {@code PUBSUB HELP}:
 * looking at the pub/sub registry. Redis 7 treats these as subcommands with arities of their own, and words the errors
 * differently depending on which check fails; we reproduce each wording.
 */
record PubSubCommand(String subcommand, byte[][] argv) implements Command {
    private static final String[] HELP = {
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

    static Command parse(Args args) {
        byte[] sub = args.get(1);
        String asTyped = new String(sub, StandardCharsets.ISO_8859_1);
        int n = args.count();
        if (args.is(1, "channels") || args.is(1, "shardchannels")) {
            if (n > 3) throw unknownOrArity(asTyped);
        } else if (args.is(1, "numpat")) {
            if (n != 2) throw CommandError.wrongArity("pubsub|numpat");
        } else if (args.is(1, "help")) {
            if (n != 2) throw CommandError.wrongArity("pubsub|help");
        } else if (!args.is(1, "numsub") && !args.is(1, "shardnumsub")) {
            throw new CommandError("ERR unknown subcommand '" + asTyped + "'. Try PUBSUB HELP.");
        }
        return new PubSubCommand(asTyped.toLowerCase(java.util.Locale.ROOT), args.all());
    }

    private static CommandError unknownOrArity(String asTyped) {
        return new CommandError("ERR unknown subcommand or wrong number of arguments for '" + asTyped
                + "'. Try PUBSUB HELP.");
    }

    @Override
    public void execute(Context ctx) {
        RespWriter out = ctx.reply();
        switch (subcommand) {
            case "channels" -> {
                List<byte[]> channels = ctx.pubsub().activeChannels(argv.length == 3 ? argv[2] : null);
                out.array(channels.size());
                for (byte[] c : channels) out.bulk(c);
            }
            case "numsub" -> {
                out.array(2 * (argv.length - 2)); // a flat array in RESP3 too, as Redis sends it
                for (int i = 2; i < argv.length; i++) out.bulk(argv[i]).integer(ctx.pubsub().subscriberCount(argv[i]));
            }
            case "numpat" -> out.integer(ctx.pubsub().patternCount());
            case "shardchannels" -> out.array(0);  // no cluster, so no shard channels
            case "shardnumsub" -> {
                out.array(2 * (argv.length - 2));
                for (int i = 2; i < argv.length; i++) out.bulk(argv[i]).integer(0);
            }
            default -> {
                out.simpleLines(HELP);
            }
        }
    }
}
