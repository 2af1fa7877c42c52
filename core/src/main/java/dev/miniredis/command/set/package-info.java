/**
 * The set commands: SADD, SREM, SMEMBERS, SISMEMBER, SMISMEMBER, SCARD, SPOP, SRANDMEMBER, SMOVE, SINTER, SINTERCARD,
 * SINTERSTORE, SUNION, SUNIONSTORE, SDIFF, SDIFFSTORE, SSCAN. One command per file, as everywhere.
 *
 * <p>Read {@link dev.miniredis.command.set.SAdd} first: it holds the whole encoding story. A set lives in one of two
 * forms, as in Redis 7.0 ({@link dev.miniredis.command.set.Sets} draws them):
 * <pre>
 *   SADD s 3 1 2          record: [ key | 02 | 01 00 | 02 00 | 03 00 ]        intset: width 2, sorted, in the record
 *   SADD s 70000          record: [ key | 04 | 01 00 00 00 | ... 70 11 01 00 ] the same set, upgraded to width 4
 *   SADD s hello          record: [ key | handle ] -> MemberSet on the heap    a string: converted, once, for good
 * </pre>
 * An all-integer set stays packed in the record ({@link dev.miniredis.db.types.IntSet}), where the collector never
 * looks, until a member is not an integer or the count passes {@code set-max-intset-entries}; then it becomes a hash
 * table ({@link dev.miniredis.db.types.MemberSet}), and stays one: Redis 7.0 does not convert back.
 *
 * <p>Then {@link dev.miniredis.command.set.SetAlgebra}: intersection, union and difference, which build their results
 * exactly as Redis builds its {@code dstset} ({@link dev.miniredis.command.set.SetBuilder}), so that a stored result
 * has the encoding Redis would give it and a reply is in ascending order exactly when Redis's is. And
 * {@link dev.miniredis.command.set.SPop}, whose third case is the one way a hash table set becomes an intset again.
 *
 * <p>Try it: {@code SADD s 1 2 3}, {@code OBJECT ENCODING s} ({@code intset}), {@code SADD s x},
 * {@code OBJECT ENCODING s} ({@code hashtable}), {@code SREM s x}: still {@code hashtable}. {@code SUNIONSTORE t s}:
 * {@code intset} again, since a stored result starts afresh.
 */
package dev.miniredis.command.set;
