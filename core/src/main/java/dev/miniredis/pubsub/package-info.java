/**
 * Publish/subscribe. {@link dev.miniredis.pubsub.PubSub} maps channels and patterns to
 * {@link dev.miniredis.pubsub.Subscriber}s and fans each message out by copying one pre-encoded frame into every
 * subscriber's write buffer. Slow subscribers are the reactor's business: it caps their output and disconnects them.
 */
package dev.miniredis.pubsub;
