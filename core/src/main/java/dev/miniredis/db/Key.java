package dev.miniredis.db;

import java.util.Arrays;

/**
 * Binary bytes usable as a {@code HashMap} key: equality by content, hash computed once. A plain {@code byte[]} compares by
 * identity, and decoding it to a {@code String} would lose bytes that are not valid UTF-8.
 *
 * <p>The {@link Db} does not need this wrapper (its {@link Store} keeps key bytes in its records, and hashes and
 * compares them there); the pub/sub registry, which uses ordinary collections, does.
 */
public final class Key {
    private final byte[] bytes;
    private final int hash;

    /**
     * Wraps the bytes without copying them; they must not change afterwards, or the hash goes stale.
     *
     * @param bytes the key's bytes
     */
    public Key(byte[] bytes) {
        this.bytes = bytes;
        this.hash = KeyHash.hash(bytes); // seeded, so channel names cannot be chosen to collide (see KeyHash)
    }

    /**
     * The wrapped bytes.
     *
     * @return the array itself, not a copy
     */
    public byte[] bytes() {
        return bytes;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Key other && hash == other.hash && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
    }
}
