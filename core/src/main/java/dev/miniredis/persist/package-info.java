/**
 * Durability, starting with its file format: RDB, Redis's snapshot file, read and written exactly as Redis 7.0.15
 * does, so data moves between this server and real Redis in both directions.
 *
 * <h2>Reading order</h2>
 * <ol>
 *   <li>{@link dev.miniredis.persist.Rdb}: the format's numbers (opcodes, value types, length encodings) and the
 *       one rule both directions share: which strings are integers.</li>
 *   <li>{@link dev.miniredis.persist.RdbWriter}: the file's layout in its class comment, then one small named method
 *       per encoding, as {@code rdb.c} has them ({@code writeLength}, {@code writeString}, {@code writeInteger},
 *       {@code writeCompressed}, ...).</li>
 *   <li>{@link dev.miniredis.persist.ListpackCodec}: the packed form Redis 7.0 uses for small hashes, sorted sets
 *       and list nodes, byte by byte; {@link dev.miniredis.persist.IntsetCodec} for small integer sets.</li>
 *   <li>{@link dev.miniredis.persist.RdbReader} and {@link dev.miniredis.persist.RdbSink}: one pass through a bounded
 *       buffer, every length checked against what is left of the file before anything is allocated; the keys go to
 *       a sink, so the reader builds nothing of its own.</li>
 *   <li>The older forms Redis 7.0 still loads: {@link dev.miniredis.persist.ZiplistCodec},
 *       {@link dev.miniredis.persist.ZipmapCodec}; and the two algorithms: {@link dev.miniredis.persist.Lzf}
 *       (compression) and {@link dev.miniredis.persist.Crc64} (the checksum).</li>
 *   <li>{@link dev.miniredis.persist.DumpPayload}: the same encoders in DUMP and RESTORE's framing, one value and a
 *       footer.</li>
 * </ol>
 * Nothing here touches the keyspace or the loop: the writer takes plain arrays and lists and the reader hands out
 * plain arrays and lists, so both can run on a background thread (STYLE.md section 7). Guide chapter 18 tells the
 * story with diagrams.
 */
package dev.miniredis.persist;
