package dev.miniredis.command.pubsub;

import dev.miniredis.command.CommandSpec;

import java.util.List;

/** The pub/sub commands, as {@link dev.miniredis.command.CommandTable#standard()} registers them. */
public final class PubSubFamily {
    private PubSubFamily() {
    }

    /**
     * Every pub/sub command's spec.
     *
     * @return SUBSCRIBE, UNSUBSCRIBE, PSUBSCRIBE, PUNSUBSCRIBE, PUBLISH, and the PUBSUB container
     */
    public static List<CommandSpec> specs() {
        return List.of(Subscribe.SPEC, Unsubscribe.SPEC, PSubscribe.SPEC, PUnsubscribe.SPEC, Publish.SPEC,
                PubSubCommand.SPEC);
    }
}
