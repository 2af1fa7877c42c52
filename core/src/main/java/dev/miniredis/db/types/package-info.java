/**
 * How collections are laid out: {@link dev.miniredis.db.types.Listpack}, the packed form small lists, hashes and sorted
 * sets take inside their record, and the heap structures big ones convert to (each a
 * {@link dev.miniredis.db.HeapValue}). Read {@link dev.miniredis.db.Encoding} first: it says which lives where, and why.
 */
package dev.miniredis.db.types;
