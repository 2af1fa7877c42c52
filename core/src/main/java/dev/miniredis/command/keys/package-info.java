/**
 * The commands on keys of any type: DEL, EXISTS, TYPE, KEYS, SCAN, and the deadline commands EXPIRE, PEXPIRE, EXPIREAT,
 * PEXPIREAT, TTL, PTTL and PERSIST. One command per file, spec, parsing, effect and reply together.
 *
 * <p>Read {@link dev.miniredis.command.keys.Expire} first: four commands in one class, each with its own spec, turning an
 * amount into a deadline through {@link dev.miniredis.command.ExpireTime} (the same arithmetic SET's EX and PX use), then
 * {@link dev.miniredis.command.keys.Ttl}, which reads the deadline back. Then {@link dev.miniredis.command.keys.Scan}
 * beside {@link dev.miniredis.command.keys.Keys}: the same walk over the keyspace, once in bounded steps a client drives
 * with a cursor, once in a single command that holds up every other client while it runs.
 *
 * <p>The idea this package shows: a deadline is an absolute time in epoch milliseconds, computed once from the turn's
 * {@code now}; "expiring" is only ever a comparison with the time of the current turn.
 */
package dev.miniredis.command.keys;
