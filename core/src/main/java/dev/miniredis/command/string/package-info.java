/**
 * The string commands: GET, SET, SETNX, GETDEL, GETEX, MGET, MSET, INCR, DECR, INCRBY, DECRBY, APPEND, STRLEN. One
 * command per file, each holding all of it: its {@link dev.miniredis.command.CommandSpec}, the parsing of its arguments,
 * its effect on the {@link dev.miniredis.db.Db} and its reply.
 *
 * <p>Read {@link dev.miniredis.command.string.Get} first: a spec, a one-line parse, an execute that writes the value
 * straight into the connection's write buffer. Then {@link dev.miniredis.command.string.Set}, whose options
 * ({@link dev.miniredis.command.string.StringOptions}, shared with GETEX) show how Redis's argument rules are reproduced
 * exactly, down to which mistake is reported first; and {@link dev.miniredis.command.string.IncrBy}, one class declaring
 * four commands that differ only in their amount.
 *
 * <p>The idea this package shows: a value is bytes, never a Java string. A counter is parsed from those bytes with
 * Redis's own rules and stored back as decimal bytes; a value of another type is Redis's WRONGTYPE error
 * ({@link dev.miniredis.command.string.Strings}).
 */
package dev.miniredis.command.string;
