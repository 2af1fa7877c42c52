/**
 * The sorted-set commands: ZADD and ZINCRBY, ZREM, ZCARD, ZSCORE, ZMSCORE, ZRANK, ZREVRANK, ZCOUNT, ZLEXCOUNT, the
 * ZRANGE family and ZRANGESTORE, ZREMRANGEBY*, ZPOPMIN, ZPOPMAX, ZMPOP, ZUNION/ZINTER/ZDIFF and their STORE forms,
 * ZINTERCARD, ZRANDMEMBER and ZSCAN.
 *
 * <p><b>Read first:</b> {@link dev.miniredis.db.types.SkipList}, the lesson of this chapter (a linked list with express
 * lanes, and spans that make ranks O(log n)); then {@code ZSets}, which shows the one idea the commands share: every
 * range, by index, by score or by member, is turned into a range of ranks, and one method replies with a rank range
 * from either encoding; then {@code ZEdit}, a write to one set in whichever encoding it has, and the moment a packed
 * set converts to a skip list.
 *
 * <p><b>Two encodings.</b> A small set (at most {@code zset-max-listpack-entries} members, none longer than
 * {@code zset-max-listpack-value} bytes) is packed in its record: member, score, member, score ... in order
 * ({@link dev.miniredis.db.types.PackedZSet}), no objects at all. The first write that would pass a limit converts it
 * to a {@link dev.miniredis.db.types.SkipList} on the heap, for good, as Redis 7.0 does; OBJECT ENCODING answers
 * {@code listpack} or {@code skiplist} at the same moments Redis's would.
 *
 * <p><b>Scores</b> are parsed as C's {@code strtod} reads them ({@code Scores}) and printed as {@code printf("%.17g")}
 * prints them ({@link dev.miniredis.protocol.Numbers#formatDouble17g}), in RESP3 as the double type.
 *
 * <p><b>Try it:</b> {@code ZADD z 1 a 2 b 3 c}, {@code OBJECT ENCODING z} ({@code listpack}); {@code CONFIG SET
 * zset-max-listpack-entries 3}, {@code ZADD z 4 d}, {@code OBJECT ENCODING z} ({@code skiplist}); {@code ZRANGE z
 * (1 +inf BYSCORE WITHSCORES}.
 */
package dev.miniredis.command.zset;
