package dev.miniredis.db;

/**
 * What a record holds, in the six type bits of its header: Redis's type (string, list, hash, set, zset) and its
 * encoding together, since the encoding decides where the value lives.
 *
 * <pre>
 *   encoding          Redis type   OBJECT ENCODING   the record's value bytes hold
 *   STRING            string       int/embstr/raw    the string itself
 *   LIST_PACKED       list         quicklist         one packed node (a listpack): the whole list, small
 *   LIST              list         quicklist         a 4-byte handle to a heap QuickList
 *   HASH_PACKED       hash         listpack          field, value, field, value ... packed
 *   HASH              hash         hashtable         a handle to a heap hash table
 *   SET_INTSET        set          intset            sorted integers of one width
 *   SET               set          hashtable         a handle to a heap hash table
 *   ZSET_PACKED       zset         listpack          member, score ... packed, in score order
 *   ZSET              zset         skiplist          a handle to a heap skip list + member map
 * </pre>
 *
 * <b>Two homes for a collection.</b> A small one is a packed blob in the record itself, off the heap, like Redis's
 * listpacks: it costs the collector nothing, and a change rewrites it whole (it is small, and Redis memmoves its
 * listpacks just the same). Past the thresholds Redis uses ({@link EncodingLimits}) it converts, once, to an ordinary
 * Java object on the heap, and the record keeps a 4-byte handle to it: big collections need pointers and in-place
 * changes, which is what the heap is good at. This is the split Microsoft Garnet makes between its main store of raw
 * bytes and its object store. Millions of small hashes stay out of the collector's sight; a few big ones are a few
 * objects each.
 *
 * <p>Redis 7.0 keeps every list as a quicklist (a linked list of listpacks), so both list encodings answer
 * {@code quicklist}; and a set of strings is a hashtable from its first member (7.0 has no listpack sets).
 */
public final class Encoding {
    private Encoding() {
    }

    /** A string: the value bytes. */
    public static final byte STRING = 0;
    /** A small list: one packed node in the record. */
    public static final byte LIST_PACKED = 1;
    /** A big list: a handle to a heap object. */
    public static final byte LIST = 2;
    /** A small hash: fields and values packed in the record. */
    public static final byte HASH_PACKED = 3;
    /** A big hash: a handle to a heap object. */
    public static final byte HASH = 4;
    /** A small set of integers: an intset in the record. */
    public static final byte SET_INTSET = 5;
    /** Any other set: a handle to a heap object. */
    public static final byte SET = 6;
    /** A small sorted set: members and scores packed in the record. */
    public static final byte ZSET_PACKED = 7;
    /** A big sorted set: a handle to a heap object. */
    public static final byte ZSET = 8;

    private static final String[] TYPE_NAMES = {"string", "list", "list", "hash", "hash", "set", "set", "zset", "zset"};
    private static final String[] ENCODING_NAMES = {"raw", "quicklist", "quicklist", "listpack", "hashtable", "intset",
            "hashtable", "listpack", "skiplist"};

    /** The encodings whose record holds a handle to a heap object, as a bit mask the store tests in one instruction. */
    static final long ON_HEAP = 1L << LIST | 1L << HASH | 1L << SET | 1L << ZSET;

    /**
     * Redis's name for the type: what TYPE answers and SCAN ... TYPE matches.
     *
     * @param encoding one of this class's constants
     * @return {@code string}, {@code list}, {@code hash}, {@code set} or {@code zset}
     */
    public static String typeName(byte encoding) {
        return TYPE_NAMES[encoding];
    }

    /**
     * Redis's name for the encoding, as OBJECT ENCODING answers for a collection (strings decide theirs from the bytes:
     * {@code int}, {@code embstr} or {@code raw}).
     *
     * @param encoding one of this class's constants
     * @return {@code quicklist}, {@code listpack}, {@code hashtable}, {@code intset} or {@code skiplist}
     */
    public static String name(byte encoding) {
        return ENCODING_NAMES[encoding];
    }

    /**
     * Whether the record holds a handle to a heap object ({@link Db#object}) rather than the value's bytes.
     *
     * @param encoding one of this class's constants
     * @return true for LIST, HASH, SET and ZSET
     */
    public static boolean onHeap(byte encoding) {
        return (ON_HEAP & 1L << encoding) != 0;
    }

    /**
     * Whether two encodings are of the same Redis type (LIST_PACKED and LIST are both lists).
     *
     * @param a one encoding
     * @param b another
     * @return true if TYPE would answer the same for both
     */
    public static boolean sameType(byte a, byte b) {
        return TYPE_NAMES[a].equals(TYPE_NAMES[b]);
    }
}
