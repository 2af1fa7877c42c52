package dev.miniredis.persist;

/**
 * One field of a hash and its value, as the RDB writer takes them and the reader hands them over.
 *
 * @param field the field's bytes
 * @param value the value's bytes
 */
public record FieldValue(byte[] field, byte[] value) {
}
