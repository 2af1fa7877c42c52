/**
 * Time as a dependency. The event loop reads {@link dev.miniredis.time.Clock#millis()} once per turn; everything below it
 * receives that {@code now} as a plain value. Tests inject a manual clock and advance it instead of sleeping.
 */
package dev.miniredis.time;
