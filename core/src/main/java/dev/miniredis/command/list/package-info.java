/**
 * The list commands: LPUSH, RPUSH and their X forms, LPOP and RPOP (with a count), LLEN, LRANGE, LINDEX, LSET,
 * LINSERT, LREM, LTRIM, LPOS, LMOVE and RPOPLPUSH, LMPOP. One command per file, with its spec, parsing, effect and
 * reply; Redis variants that differ only in a direction share a file ({@code Push}, {@code Pop}, {@code LMove}).
 *
 * <p>Read {@code Lists} first: a list lives either packed in its record (small) or as a
 * {@link dev.miniredis.db.types.QuickList} on the heap (big), and {@code Lists.open} lets every command run the same
 * code on both, through a QuickList <em>view</em> of the packed bytes; {@code Lists.store} puts the result back and is
 * where a list converts, and where an emptied list deletes its key. Then {@code Push} and {@code Pop} for the hot path
 * (no garbage: the packed bytes are edited in a scratch array, replies are copied straight from the nodes), and
 * {@code LPos} for the one place where Redis's C arithmetic, overflow included, shows through.
 *
 * <p>The blocking forms (BLPOP, BRPOP, BLMOVE, BLMPOP) come with blocked clients; the key-ready hook they will wait on
 * is already called when a push creates a list ({@code Db.putPacked} / {@code Db.putObject}).
 */
package dev.miniredis.command.list;
