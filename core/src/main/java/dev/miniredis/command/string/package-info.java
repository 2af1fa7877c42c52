/**
 * The string commands: GET, SET, SETNX, SETEX, PSETEX, GETSET, GETDEL, GETEX, MGET, MSET, MSETNX, INCR, DECR, INCRBY,
 * DECRBY, APPEND, STRLEN, GETRANGE (and SUBSTR), SETRANGE, LCS, and the bitmap commands SETBIT, GETBIT, BITCOUNT,
 * BITPOS, BITOP, BITFIELD and BITFIELD_RO. One command per file, each holding all of it: its
 * {@link dev.miniredis.command.CommandSpec}, the parsing of its arguments, its effect on the
 * {@link dev.miniredis.db.Db} and its reply.
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
 *
 * <p>The second half of the package treats a string as a row of bits ({@link dev.miniredis.command.string.Bits} says how
 * they are numbered). Read {@link dev.miniredis.command.string.SetBit} for the pattern every command that changes a
 * string in the middle follows: read the value into a reusable buffer, change it, store it back
 * ({@link dev.miniredis.command.string.Strings} explains why the store is not written in place), and
 * {@link dev.miniredis.command.string.BitField} for the most intricate argument rules of the family, Redis's overflow
 * arithmetic included. {@link dev.miniredis.command.string.BitCount} and
 * {@link dev.miniredis.command.string.BitPos} show how closely "the same range rules" must be read: Redis 7.0 applies
 * them in a different order in each, and clients can see the difference.
 */
package dev.miniredis.command.string;
