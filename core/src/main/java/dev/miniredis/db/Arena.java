package dev.miniredis.db;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Memory for the {@link Store}'s records, outside the Java heap: large direct {@link ByteBuffer} pages cut into records,
 * plus a side table of dedicated buffers for values too big for a page.
 *
 * <h2>Why direct buffers</h2>
 * A garbage collector's work grows with the number of live objects it must trace. Three objects per key (a node, the
 * key's array, the value's array) is ten million objects at three million keys, and G1 walks the part of them that young
 * collections touch on every pause. A direct buffer is one small object on the heap whose bytes live in native memory
 * the collector never looks into: thirty-two pages of 32 MiB are thirty-two objects, whatever they hold. Inside them, a
 * record is found by its <em>address</em>, a plain {@code long}, so the index and the expiry heap that point at records
 * are primitive arrays the collector skips as well. (Garnet and FASTER, on .NET, are built the same way; Java 22's
 * {@code MemorySegment} would do the same job with fewer bounds checks, but this project targets Java 17.)
 *
 * <h2>An address</h2>
 * Pages are numbered; an address is the page number and the offset inside it, packed as {@code page * pageBytes +
 * offset}, which reads as a position in one long virtual space:
 * <pre>
 *   63                     43 42            25 24                     0
 *   +-----------------------+----------------+------------------------+
 *   |        zero           |  page number   |  offset in the page    |   (32 MiB pages: 25 offset bits)
 *   +-----------------------+----------------+------------------------+
 * </pre>
 * Every record starts on an 8-byte boundary, so the low three bits are always zero and a record can store an address in
 * 40 bits (address / 8): that caps the arena at 8 TiB. Address 0, the start of page 0, is never handed out: it is
 * {@link #NIL}, the end of every chain.
 *
 * <h2>Size classes and free lists</h2>
 * Records are not allocated at their exact size but rounded up to a <em>size class</em>: 16, 24, 32, 40, 48, 56, 64, 80,
 * 96, 120, 144, ... each about 1.25 times the one before (steps of 8 bytes up to 64, then a quarter of the size, rounded
 * down to 8), up to {@link #maxRecordBytes}, a quarter of a page. Rounding wastes less than 8 bytes up to 64, and less
 * than a fifth of the class above; in return a freed record can be reused by any later record of the same class:
 * <pre>
 *   freeHeads[class 64] --&gt; [next free | (old bytes)...] --&gt; [next free | ...] --&gt; NIL
 * </pre>
 * The list is <em>intrusive</em>: a free record's first 8 bytes hold the address of the next free record of its class,
 * so the free lists cost no memory of their own. {@link #allocate} pops the head of the class's list and only carves new
 * space from the newest page (a bump pointer) when the list is empty. A long churn of puts and deletes of similar sizes
 * therefore keeps reusing the same bytes and the arena stops growing. When a request does not fit in what is left of
 * the newest page, that tail is cut into free records of the largest classes that fit, so it is not lost, and a new page
 * is taken.
 *
 * <p>Taking a page has a price: {@code allocateDirect} zeroes its 32 MiB, a pause of a few milliseconds once per 32 MiB
 * of new data, and it counts against the JVM's direct-memory limit ({@code -XX:MaxDirectMemorySize}, by default the
 * heap's maximum size), past which the JVM calls {@code System.gc()}, waits, and then throws {@link OutOfMemoryError}. A
 * server holding gigabytes off-heap must raise that limit.
 *
 * <p>Simplifications, honestly: free records are never split or merged (memory freed in one class only serves that
 * class; jemalloc, under Redis, is also organised by size class but returns empty runs to the system), and pages are
 * only given back by {@link #clear}. Records never cross a page, which is why the largest record is a quarter of a page:
 * a bigger one would leave big unusable tails.
 *
 * <h2>Values too big for a page</h2>
 * A value whose record would exceed {@link #maxRecordBytes} (8 MiB with 32 MiB pages; Redis accepts values up to 512
 * MB) gets a dedicated direct buffer of exactly its size. The record then holds a 4-byte <em>handle</em>, an index into
 * the side table {@code large}. Freeing drops the table's reference: the native memory comes back when the collector
 * finds the buffer object unreachable and runs its cleaner, which may be a while, but {@link #largeBytes} stops counting
 * it at once. (Freeing native memory on the spot needs {@code sun.misc.Unsafe.invokeCleaner}, an unsupported API.)
 *
 * <p>Only the loop thread touches an arena: no locks, no {@code volatile}.
 */
final class Arena {
    /** The address that means "no record": the end of a chain, an empty bucket, an empty free list. */
    static final long NIL = 0;
    /** 32 MiB pages. */
    static final int DEFAULT_PAGE_SHIFT = 25;
    /** Every record starts at a multiple of this, so an address fits in 40 bits as {@code address >>> 3}. */
    static final int ALIGNMENT = 8;
    /** The smallest class: room for the free-list link (8 bytes) and a minimal record. */
    static final int MIN_RECORD_BYTES = 16;
    /** One past the highest address a record can store in 40 bits of 8-byte units: 8 TiB. */
    static final long ADDRESS_LIMIT = 1L << 43;

    // Sizes up to this are mapped to their class through a table, bigger ones by binary search.
    private static final int SMALL_SIZES = 1024;

    final int pageShift;
    final int pageBytes;
    final int pageMask;
    final int maxRecordBytes;
    private final int[] classBytes;
    private final byte[] classBySmallSize; // index (size + 7) >>> 3

    ByteBuffer[] pages = new ByteBuffer[4]; // read directly by the Store on its hot paths
    private int pageCount;
    private long bump = NIL;                // the next unused byte of the newest page
    private long bumpEnd = NIL;             // the end of the newest page
    private final long[] freeHeads;         // per class: the first free record, or NIL
    private long liveRecordBytes;           // class bytes of allocated records

    private ByteBuffer[] large = new ByteBuffer[4];
    private int[] freeHandles = new int[4];
    private int freeHandleCount;
    private int handlesUsed;                // the highest handle ever given out, plus one
    private long largeBytes;

    /** An arena of 32 MiB pages. */
    Arena() {
        this(DEFAULT_PAGE_SHIFT);
    }

    /** An arena of {@code 1 << pageShift}-byte pages; tests use small pages to reach page boundaries cheaply. */
    Arena(int pageShift) {
        if (pageShift < 12 || pageShift > 30) throw new IllegalArgumentException("page shift " + pageShift);
        this.pageShift = pageShift;
        this.pageBytes = 1 << pageShift;
        this.pageMask = pageBytes - 1;
        this.maxRecordBytes = pageBytes / 4;
        this.classBytes = sizeClasses(maxRecordBytes);
        this.freeHeads = new long[classBytes.length];
        this.classBySmallSize = new byte[SMALL_SIZES / ALIGNMENT + 1];
        for (int i = 0; i < classBySmallSize.length; i++) {
            classBySmallSize[i] = (byte) searchClass(classBytes, Math.min(i * ALIGNMENT, maxRecordBytes));
        }
    }

    /** The class sizes: 16 to 64 in steps of 8, then steps of a quarter (rounded down to 8), ending at {@code max}. */
    static int[] sizeClasses(int max) {
        int[] sizes = new int[16];
        int n = 0;
        for (int size = MIN_RECORD_BYTES; size < max; size += Math.max(ALIGNMENT, (size / 4) & -ALIGNMENT)) {
            if (n == sizes.length) sizes = Arrays.copyOf(sizes, n * 2);
            sizes[n++] = size;
        }
        sizes = Arrays.copyOf(sizes, n + 1);
        sizes[n] = max;
        return sizes;
    }

    private static int searchClass(int[] classBytes, int size) {
        int i = Arrays.binarySearch(classBytes, size);
        return i >= 0 ? i : -i - 1; // the insertion point: the first class that is bigger
    }

    // ---- size classes ----------------------------------------------------------------------------------------------

    /** The smallest class whose records hold {@code size} bytes; {@code size} must be at most {@link #maxRecordBytes}. */
    int classFor(int size) {
        if (size <= SMALL_SIZES) return classBySmallSize[(size + ALIGNMENT - 1) >>> 3];
        return searchClass(classBytes, size);
    }

    /** The bytes a record of class {@code sizeClass} occupies. */
    int classBytes(int sizeClass) {
        return classBytes[sizeClass];
    }

    /** How many size classes there are. */
    int classCount() {
        return classBytes.length;
    }

    // ---- records ---------------------------------------------------------------------------------------------------

    /** The page that holds address {@code a}. */
    ByteBuffer page(long a) {
        return pages[(int) (a >>> pageShift)];
    }

    /** The offset of address {@code a} inside its page. */
    int offset(long a) {
        return (int) a & pageMask;
    }

    /**
     * A record of class {@code sizeClass}: a free one of that class if there is one, else new space from the newest page.
     * Its bytes are whatever was there before.
     */
    long allocate(int sizeClass) {
        int size = classBytes[sizeClass];
        long a = freeHeads[sizeClass];
        if (a != NIL) {
            freeHeads[sizeClass] = page(a).getLong(offset(a));
        } else {
            if (bump + size > bumpEnd) newPage();
            a = bump;
            bump += size;
        }
        liveRecordBytes += size;
        return a;
    }

    /** Gives a record of class {@code sizeClass} back: it heads its class's free list, linked through its first 8 bytes. */
    void free(long a, int sizeClass) {
        page(a).putLong(offset(a), freeHeads[sizeClass]);
        freeHeads[sizeClass] = a;
        liveRecordBytes -= classBytes[sizeClass];
    }

    private void newPage() {
        // The newest page's tail is too short for this request, but shorter records still fit: hand it out to the free
        // lists in the largest pieces that fit, so it is not lost. (At most 8 bytes, below the smallest class, remain.)
        while (bumpEnd - bump >= MIN_RECORD_BYTES) {
            int i = Arrays.binarySearch(classBytes, (int) (bumpEnd - bump));
            int sizeClass = i >= 0 ? i : -i - 2; // the largest class that is not bigger than the tail
            page(bump).putLong(offset(bump), freeHeads[sizeClass]);
            freeHeads[sizeClass] = bump;
            bump += classBytes[sizeClass];
        }
        long start = (long) pageCount << pageShift;
        if (start + pageBytes > ADDRESS_LIMIT) throw new OutOfMemoryError("the store's arena is full (8 TiB)");
        if (pageCount == pages.length) pages = Arrays.copyOf(pages, pageCount * 2);
        // Little-endian explicitly, so the layout is the same on every machine (and x86 and ARM read it natively).
        pages[pageCount++] = ByteBuffer.allocateDirect(pageBytes).order(ByteOrder.LITTLE_ENDIAN);
        bump = start == 0 ? ALIGNMENT : start; // the first 8 bytes of page 0 would be address 0: NIL
        bumpEnd = start + pageBytes;
    }

    // ---- values too big for a page -----------------------------------------------------------------------------------

    /** A dedicated buffer of exactly {@code length} bytes; returns its handle. */
    int allocateLarge(int length) {
        ByteBuffer buffer = ByteBuffer.allocateDirect(length);
        int handle = freeHandleCount > 0 ? freeHandles[--freeHandleCount] : handlesUsed++;
        if (handle == large.length) large = Arrays.copyOf(large, handle * 2);
        large[handle] = buffer;
        largeBytes += length;
        return handle;
    }

    /** The buffer behind {@code handle}. */
    ByteBuffer large(int handle) {
        return large[handle];
    }

    /** Drops the buffer behind {@code handle}; its native memory returns when the collector clears the buffer object. */
    void freeLarge(int handle) {
        largeBytes -= large[handle].capacity();
        large[handle] = null;
        if (freeHandleCount == freeHandles.length) freeHandles = Arrays.copyOf(freeHandles, freeHandleCount * 2);
        freeHandles[freeHandleCount++] = handle;
    }

    // ---- accounting --------------------------------------------------------------------------------------------------

    /** Bytes of pages taken from the system, used or not. */
    long pageBytesTotal() {
        return (long) pageCount * pageBytes;
    }

    /** Bytes of records in use, counted at their class size. */
    long liveRecordBytes() {
        return liveRecordBytes;
    }

    /** Bytes of the dedicated buffers of large values. */
    long largeBytes() {
        return largeBytes;
    }

    /** How many pages the arena holds. */
    int pageCount() {
        return pageCount;
    }

    /** Drops every page and large buffer; their native memory returns when the collector clears the buffer objects. */
    void clear() {
        pages = new ByteBuffer[4];
        pageCount = 0;
        bump = NIL;
        bumpEnd = NIL;
        Arrays.fill(freeHeads, NIL);
        liveRecordBytes = 0;
        large = new ByteBuffer[4];
        freeHandles = new int[4];
        freeHandleCount = 0;
        handlesUsed = 0;
        largeBytes = 0;
    }
}
