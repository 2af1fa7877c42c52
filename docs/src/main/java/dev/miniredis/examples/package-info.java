/**
 * Example programs the guide walks through: {@link dev.miniredis.examples.HelloWorld}, {@link dev.miniredis.examples.Pub},
 * {@link dev.miniredis.examples.Sub} and {@link dev.miniredis.examples.Chat}. Each takes {@code [host] [port]}.
 */
package dev.miniredis.examples;
