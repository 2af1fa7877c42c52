/**
 * The hash commands: HSET, HGET and the rest, one per file. Read {@link dev.miniredis.command.hash.Hashes} first: a
 * hash's two forms (fields and values packed in the record, as Redis's listpack, or a heap
 * {@link dev.miniredis.db.types.HashTable} past Redis's thresholds), and the one write path that decides between them.
 * Then {@link dev.miniredis.command.hash.HSet} and {@link dev.miniredis.command.hash.HGet}; then
 * {@link dev.miniredis.command.hash.HScan} (SCAN's cursor inside one key) and
 * {@link dev.miniredis.command.hash.HRandField} (uniform sampling, with and without repeats);
 * {@link dev.miniredis.command.hash.HIncrByFloat} shows why Redis's numbers need
 * {@link dev.miniredis.command.LongDoubles}.
 */
package dev.miniredis.command.hash;
