package dev.miniredis.persist;

/**
 * One member of a sorted set and its score, as the RDB writer takes them and the reader hands them over.
 *
 * @param member the member's bytes
 * @param score its score (never NaN in a sorted set)
 */
public record ScoredMember(byte[] member, double score) {
}
