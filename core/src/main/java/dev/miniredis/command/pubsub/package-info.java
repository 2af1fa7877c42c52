/**
 * The pub/sub commands: SUBSCRIBE, UNSUBSCRIBE, PSUBSCRIBE, PUNSUBSCRIBE, PUBLISH, and the PUBSUB container with its
 * subcommands. The registry they work on, channels and patterns to subscribers, is {@link dev.miniredis.pubsub.PubSub};
 * these classes are the commands' side: arguments, confirmation frames, replies.
 *
 * <p>Read {@link dev.miniredis.command.pubsub.Subscribe} first (one confirmation frame per channel, built by
 * {@link dev.miniredis.command.pubsub.SubscriptionReplies}), then {@link dev.miniredis.command.pubsub.Publish}, whose
 * one line hands the message to the registry's fan-out. Then {@link dev.miniredis.command.pubsub.PubSubCommand}: a
 * container whose subcommands each have their own spec.
 *
 * <p>The idea this package shows: subscribing changes what a connection may do. A RESP2 connection with subscriptions may
 * only run the commands whose spec says {@link dev.miniredis.command.CommandSpec#allowWhileSubscribed()}; the
 * {@link dev.miniredis.command.CommandTable} checks that for every command, so no command here has to.
 */
package dev.miniredis.command.pubsub;
