package dev.miniredis.db.types;

import dev.miniredis.db.EncodingLimits;
import dev.miniredis.db.HeapValue;

import java.util.Arrays;

/**
 * A big list: Redis's quicklist, a sequence of packed nodes, each a {@link Listpack} of a few kilobytes.
 *
 * <pre>
 *   nodes[]  (one array of pointers, in list order; Redis links its nodes, we keep them in an array)
 *   +------+------+------+------+
 *   |  0   |  1   |  2   |  3   |
 *   +--|---+--|---+--|---+--|---+
 *      v      v      v      v
 *   +-----+ +-----+ +-----+ +-----+      each node: a byte[] listpack, count | len a | len b | ...
 *   |a b c| |d e f| |g h i| |j k  |      at most list-max-listpack-size (8 KB by default, or N entries)
 *   +-----+ +-----+ +-----+ +-----+      used[i] says how much of node i's array is filled
 *
 *   LPUSH x: room in node 0? insert at its front : a new node 0      RPOP: the last entry of the last node
 *   LINDEX 7: skip whole nodes by their counts (from the nearer end), then walk inside one node
 * </pre>
 *
 * <b>Why nodes.</b> A linked list of one object per element costs some 40 bytes of headers and pointers for every
 * element and scatters them over the heap; one big array of packed entries is compact but every insertion moves the
 * whole list. Nodes of a few kilobytes get the best of both: an element costs its bytes plus one or two bytes of
 * length, a push or pop moves at most one node's bytes (a {@code memmove} of a few KB, as in Redis), and the collector
 * sees a handful of {@code byte[]}s per thousand elements, never one object per element.
 *
 * <p><b>The small list is one node.</b> A list that fits in a single node lives in its record, off the heap
 * ({@code LIST_PACKED}); only past that does it become a {@code QuickList} on the heap. The commands use the same code
 * for both: {@link #wrap} makes a reusable instance look at the packed bytes of a record (copied into a scratch array)
 * as a one-node list, the command runs, and if the list still has one node its bytes go back into the record; if it
 * grew a second node, {@link #copyOf} turns it into a real heap list. That conversion happens once; a list that
 * shrinks stays a QuickList (Redis 7.0 answers {@code quicklist} for both, so nobody can tell).
 *
 * <p><b>The cursor.</b> Reading commands move a cursor ({@link #seek}, {@link #next}, {@link #prev}) and read the
 * entry under it straight from the node ({@link #nodeBytes}, {@link #offset}, {@link #length}), so a reply is copied
 * from the node into the write buffer with no array in between. Our listpack entries store their length only in
 * front, so a node can be walked forwards but not backwards; to step back (RPOP, LPOS with a negative rank, LREM with a
 * negative count) the list remembers the position of every 16th entry of the node it last walked ({@link #STRIDE}).
 * An edit at entry {@code i} moves only entries after {@code i}, so the checkpoints before it stay good: repeated RPOPs
 * cost a few steps each, not a walk of the node.
 *
 * <p><b>Where we differ from Redis's quicklist, invisibly.</b> Redis links its nodes in a doubly linked list; we keep
 * them in one array, so finding a node by index is a walk over an array of counts rather than pointer chasing, and a
 * node inserted in the middle shifts a few thousand references at most. Redis can LZF-compress inner nodes
 * ({@code list-compress-depth}); we do not (the setting is fixed at its default, 0: no compression). Redis gives an
 * element over 1 GB a node of its own; our nodes simply take it. None of this changes a reply.
 *
 * <p>Only the loop thread touches a list, like everything in the {@code Db}.
 */
public final class QuickList implements HeapValue {
    /** A checkpoint every this many entries of the node walked last. */
    static final int STRIDE = 16;
    // Rough heap costs, the same rules as the other heap values: an array header, a compressed reference.
    private static final int ARRAY_HEADER = 16;
    private static final int REF = 4;
    private static final int OBJECT_BYTES = 64;

    private EncodingLimits limits;
    private byte[][] nodes = new byte[4][];
    private int[] used = new int[4];
    private int nodeCount;
    private long size;
    private long nodeBytes;            // sum of the node arrays' lengths plus headers, for memoryBytes()

    // The cursor: node, entry index in the node, byte position of the entry.
    private int curNode = -1;
    private int curIndex;
    private int curPos;

    // Checkpoints of one node: positions[k] is where entry k * STRIDE starts in posNode, for k < posCount.
    private int[] positions = new int[8];
    private byte[] posNode;
    private int posCount;

    /**
     * An empty list.
     *
     * @param limits the node size limit ({@code list-max-listpack-size}), read at every insertion
     */
    public QuickList(EncodingLimits limits) {
        this.limits = limits;
    }

    /**
     * Makes this list a one-node view of packed bytes: how commands run on a small list kept in its record. The array
     * is used, not copied; if it has spare room past {@code length}, insertions use it before growing (the caller
     * sizes it so they need not grow).
     *
     * @param limits the node size limit
     * @param packed a listpack, from index 0
     * @param length its length in bytes
     * @return this list
     */
    public QuickList wrap(EncodingLimits limits, byte[] packed, int length) {
        this.limits = limits;
        Arrays.fill(nodes, 0, nodeCount, null);
        nodes[0] = packed;
        used[0] = length;
        nodeCount = 1;
        size = Listpack.count(packed);
        nodeBytes = ARRAY_HEADER + packed.length;
        curNode = -1;
        posNode = null;
        posCount = 0;
        return this;
    }

    @Override
    public HeapValue copy() {
        return copyOf(this);
    }

    /**
     * A heap list holding the same elements in nodes of their own (exactly sized): how a view that outgrew one node
     * becomes a key's value, and what COPY stores.
     *
     * @param source the list to copy (usually a {@link #wrap} view)
     * @return a new list, independent of the source's arrays
     */
    public static QuickList copyOf(QuickList source) {
        QuickList copy = new QuickList(source.limits);
        for (int i = 0; i < source.nodeCount; i++) {
            if (Listpack.count(source.nodes[i]) == 0) continue;
            copy.insertNode(copy.nodeCount, Arrays.copyOf(source.nodes[i], source.used[i]), source.used[i]);
        }
        copy.size = source.size;
        return copy;
    }

    // ---- size and nodes ---------------------------------------------------------------------------------------------

    /**
     * The number of elements.
     *
     * @return LLEN
     */
    public long size() {
        return size;
    }

    /**
     * The number of nodes.
     *
     * @return 1 for a list that fits one node
     */
    public int nodeCount() {
        return nodeCount;
    }

    /**
     * A node's array (for writing a one-node list back into its record).
     *
     * @param i the node's index
     * @return its listpack, valid up to {@link #nodeLength}
     */
    public byte[] node(int i) {
        return nodes[i];
    }

    /**
     * How many bytes of a node's array are filled.
     *
     * @param i the node's index
     * @return its listpack's length
     */
    public int nodeLength(int i) {
        return used[i];
    }

    /**
     * The list's heap bytes: its node arrays (spare room included), the two arrays indexing them, and the object. The
     * checkpoint array is left out: it is a cache of a few KB at most that reads may grow, and a read must not change
     * the size the keyspace was told.
     *
     * @return bytes, kept up to date by every edit
     */
    @Override
    public long memoryBytes() {
        return OBJECT_BYTES + 2L * ARRAY_HEADER + (long) nodes.length * (REF + 4) + nodeBytes;
    }

    /**
     * Whether node {@code i} is within the node size limit (a replace can take a node past it).
     *
     * @param i the node's index
     * @return true if {@code list-max-listpack-size} allows the node as it is
     */
    public boolean nodeFits(int i) {
        return limits.listNodeFits(Listpack.count(nodes[i]), used[i]);
    }

    // ---- pushing --------------------------------------------------------------------------------------------------

    /**
     * Adds an element at the head (LPUSH) or the tail (RPUSH): into the end node if it has room under the limit,
     * otherwise into a new node.
     *
     * @param head true for the head, false for the tail
     * @param src holds the element
     * @param off where it starts
     * @param len its length
     */
    public void push(boolean head, byte[] src, int off, int len) {
        int n = head ? 0 : nodeCount - 1;
        if (nodeCount == 0 || !fits(n, len)) {
            n = head ? 0 : nodeCount;
            if (nodeCount > 0) seal(head ? 0 : nodeCount - 1);
            insertNode(n, newNode(len), Listpack.HEADER_BYTES);
        }
        insertEntry(n, head ? 0 : Listpack.count(nodes[n]), head ? Listpack.HEADER_BYTES : used[n], src, off, len);
    }

    // Whether node n may take one more element of len bytes.
    private boolean fits(int n, int len) {
        return limits.listNodeFits(Listpack.count(nodes[n]) + 1, (long) used[n] + Listpack.entryBytes(len));
    }

    private static byte[] newNode(int firstLen) {
        byte[] b = new byte[Math.max(64, Listpack.HEADER_BYTES + Listpack.entryBytes(firstLen))];
        Listpack.init(b);
        return b;
    }

    // A full node gets no more pushes: give back its spare room (one copy per node's worth of pushes).
    private void seal(int n) {
        if (nodes[n].length > used[n] + 16) setNodeArray(n, Arrays.copyOf(nodes[n], used[n]));
    }

    // ---- the cursor -------------------------------------------------------------------------------------------------

    /**
     * Puts the cursor on element {@code index}, skipping whole nodes from the nearer end.
     *
     * @param index 0 to {@code size() - 1}
     * @return false (and no cursor) if the index is out of range
     */
    public boolean seek(long index) {
        if (index < 0 || index >= size) {
            curNode = -1;
            return false;
        }
        int n;
        long first;                        // the list index of node n's first entry
        if (index < size / 2) {
            n = 0;
            first = 0;
            while (index >= first + Listpack.count(nodes[n])) first += Listpack.count(nodes[n++]);
        } else {
            n = nodeCount - 1;
            first = size - Listpack.count(nodes[n]);
            while (index < first) first -= Listpack.count(nodes[--n]);
        }
        curNode = n;
        curIndex = (int) (index - first);
        curPos = position(n, curIndex);
        return true;
    }

    /**
     * Whether the cursor is on an element.
     *
     * @return false before the first {@link #seek}, after stepping off either end, or after removing the last element
     */
    public boolean valid() {
        return curNode >= 0;
    }

    /**
     * Moves the cursor one element towards the tail.
     *
     * @return false if it stepped off the tail (the cursor is then invalid)
     */
    public boolean next() {
        if (++curIndex < Listpack.count(nodes[curNode])) {
            curPos = Listpack.next(nodes[curNode], curPos);
            return true;
        }
        if (++curNode == nodeCount) {
            curNode = -1;
            return false;
        }
        curIndex = 0;
        curPos = Listpack.HEADER_BYTES;
        return true;
    }

    /**
     * Moves the cursor one element towards the head.
     *
     * @return false if it stepped off the head (the cursor is then invalid)
     */
    public boolean prev() {
        if (curIndex == 0) {
            if (curNode == 0) {
                curNode = -1;
                return false;
            }
            curNode--;
            curIndex = Listpack.count(nodes[curNode]);
        }
        curIndex--;
        curPos = position(curNode, curIndex);
        return true;
    }

    /**
     * The array holding the element under the cursor.
     *
     * @return the node's array (read it at {@link #offset}, {@link #length}; do not keep it)
     */
    public byte[] nodeBytes() {
        return nodes[curNode];
    }

    /**
     * Where the element under the cursor starts in {@link #nodeBytes}.
     *
     * @return an index into the node's array
     */
    public int offset() {
        return Listpack.data(nodes[curNode], curPos);
    }

    /**
     * The length of the element under the cursor.
     *
     * @return bytes
     */
    public int length() {
        return Listpack.length(nodes[curNode], curPos);
    }

    /**
     * Whether the element under the cursor is exactly {@code value}.
     *
     * @param value the bytes to compare with
     * @return true if equal
     */
    public boolean matches(byte[] value) {
        return Listpack.equalsAt(nodes[curNode], curPos, value, 0, value.length);
    }

    // ---- editing at the cursor --------------------------------------------------------------------------------------

    /**
     * Removes the element under the cursor. Afterwards the cursor is on the element that followed it
     * ({@code forward}) or the one before it, or invalid if there is none.
     *
     * @param forward which neighbour the cursor moves to
     */
    public void remove(boolean forward) {
        int n = curNode;
        byte[] b = nodes[n];
        forget(b, curIndex);
        used[n] = Listpack.delete(b, used[n], curPos, 1);
        int count = Listpack.count(b) - 1;
        Listpack.setCount(b, count);
        size--;
        if (count == 0) {
            removeNode(n);
            if (forward) {
                if (n == nodeCount) curNode = -1;
                else {
                    curIndex = 0;
                    curPos = Listpack.HEADER_BYTES;
                }
            } else if (n == 0) {
                curNode = -1;
            } else {
                curNode = n - 1;
                curIndex = Listpack.count(nodes[curNode]) - 1;
                curPos = position(curNode, curIndex);
            }
        } else if (forward) {
            if (curIndex == count) {                 // removed the node's last entry: go to the next node
                if (n + 1 == nodeCount) curNode = -1;
                else {
                    curNode = n + 1;
                    curIndex = 0;
                    curPos = Listpack.HEADER_BYTES;
                }
            }                                        // else the next entry slid into curPos
        } else {
            curNode = n;                             // prev() from the removed entry's index
            prev();
        }
    }

    /**
     * Replaces the element under the cursor (LSET). The node may end up over the size limit, as a quicklist node can in
     * Redis after a replace; the cursor stays on the new element.
     *
     * @param src holds the new bytes
     * @param off where they start
     * @param len how many
     */
    public void replace(byte[] src, int off, int len) {
        int n = curNode;
        int grow = Listpack.entryBytes(len) - (Listpack.next(nodes[n], curPos) - curPos);
        if (grow > 0) ensureRoom(n, used[n] + grow);
        forget(nodes[n], curIndex + 1);
        used[n] = Listpack.replace(nodes[n], used[n], curPos, src, off, len);
    }

    /**
     * Inserts an element before or after the one under the cursor (LINSERT). If the node is full it is split at that
     * point and the element goes into whichever half has room, or into a node of its own between them. The cursor is
     * invalid afterwards.
     *
     * @param after true to insert after the cursor's element, false before it
     * @param src holds the new element
     * @param off where it starts
     * @param len its length
     */
    public void insert(boolean after, byte[] src, int off, int len) {
        int n = curNode;
        int index = after ? curIndex + 1 : curIndex;
        int pos = after ? Listpack.next(nodes[n], curPos) : curPos;
        curNode = -1;
        if (fits(n, len)) {
            insertEntry(n, index, pos, src, off, len);
            return;
        }
        int count = Listpack.count(nodes[n]);
        if (index == 0 || index == count) {
            // At an edge of a full node: the neighbour on that side may have room, else a new node.
            int m = index == 0 ? n - 1 : n + 1;
            if (m >= 0 && m < nodeCount && fits(m, len)) {
                insertEntry(m, index == 0 ? Listpack.count(nodes[m]) : 0,
                        index == 0 ? used[m] : Listpack.HEADER_BYTES, src, off, len);
            } else {
                int at = index == 0 ? n : n + 1;
                insertNode(at, newNode(len), Listpack.HEADER_BYTES);
                insertEntry(at, 0, Listpack.HEADER_BYTES, src, off, len);
            }
            return;
        }
        split(n, index, pos);                        // node n: entries before index; node n + 1: the rest
        if (fits(n, len)) {
            insertEntry(n, index, used[n], src, off, len);
        } else if (fits(n + 1, len)) {
            insertEntry(n + 1, 0, Listpack.HEADER_BYTES, src, off, len);
        } else {
            insertNode(n + 1, newNode(len), Listpack.HEADER_BYTES);
            insertEntry(n + 1, 0, Listpack.HEADER_BYTES, src, off, len);
        }
    }

    // Splits node n before entry `index` (at byte `pos`): the tail goes into a new node n + 1.
    private void split(int n, int index, int pos) {
        byte[] b = nodes[n];
        int count = Listpack.count(b);
        int tailBytes = used[n] - pos;
        byte[] tail = new byte[Listpack.HEADER_BYTES + tailBytes];
        System.arraycopy(b, pos, tail, Listpack.HEADER_BYTES, tailBytes);
        Listpack.setCount(tail, count - index);
        forget(b, index);
        Listpack.setCount(b, index);
        used[n] = pos;
        insertNode(n + 1, tail, tail.length);
    }

    // ---- removing from the ends -------------------------------------------------------------------------------------

    /**
     * Removes {@code n} elements from the head (LTRIM, LPOP with a count): whole nodes first, then part of one.
     *
     * @param n how many, at most {@link #size}
     */
    public void removeFirst(long n) {
        curNode = -1;
        while (n > 0) {
            int count = Listpack.count(nodes[0]);
            if (count <= n) {
                removeNode(0);
                n -= count;
                size -= count;
            } else {
                byte[] b = nodes[0];
                forget(b, 0);
                used[0] = Listpack.delete(b, used[0], Listpack.HEADER_BYTES, (int) n);
                Listpack.setCount(b, count - (int) n);
                size -= n;
                n = 0;
            }
        }
    }

    /**
     * Removes {@code n} elements from the tail (LTRIM, RPOP with a count).
     *
     * @param n how many, at most {@link #size}
     */
    public void removeLast(long n) {
        curNode = -1;
        while (n > 0) {
            int last = nodeCount - 1;
            int count = Listpack.count(nodes[last]);
            if (count <= n) {
                removeNode(last);
                n -= count;
                size -= count;
            } else {
                int keep = count - (int) n;
                byte[] b = nodes[last];
                int pos = position(last, keep);
                forget(b, keep);
                used[last] = pos;                   // the kept entries end where entry `keep` started
                Listpack.setCount(b, keep);
                size -= n;
                n = 0;
            }
        }
    }

    // ---- nodes and checkpoints --------------------------------------------------------------------------------------

    // Inserts an entry into node n as entry `index` at byte `pos`, growing the node's array if needed.
    private void insertEntry(int n, int index, int pos, byte[] src, int off, int len) {
        ensureRoom(n, used[n] + Listpack.entryBytes(len));
        byte[] b = nodes[n];
        forget(b, index);
        used[n] = Listpack.insert(b, used[n], pos, src, off, len);
        Listpack.setCount(b, Listpack.count(b) + 1);
        size++;
    }

    // Grows node n's array to hold `bytes`: by half again (up to the node limit), so a run of pushes copies rarely.
    private void ensureRoom(int n, int bytes) {
        byte[] b = nodes[n];
        if (b.length >= bytes) return;
        int target = Math.max(bytes, Math.min(b.length + (b.length >> 1) + 16, nodeLimitBytes()));
        setNodeArray(n, Arrays.copyOf(b, target));
    }

    private int nodeLimitBytes() {
        int size = limits.listMaxListpackSize;
        return size >= 0 ? (int) EncodingLimits.SAFETY_BYTES : 4096 << (Math.min(-size, 5) - 1);
    }

    private void setNodeArray(int n, byte[] b) {
        if (posNode == nodes[n]) posNode = b;        // same entries at the same positions
        nodeBytes += b.length - nodes[n].length;
        nodes[n] = b;
    }

    private void insertNode(int at, byte[] b, int length) {
        if (nodeCount == nodes.length) {
            nodes = Arrays.copyOf(nodes, nodeCount * 2);
            used = Arrays.copyOf(used, nodeCount * 2);
        }
        System.arraycopy(nodes, at, nodes, at + 1, nodeCount - at);
        System.arraycopy(used, at, used, at + 1, nodeCount - at);
        nodes[at] = b;
        used[at] = length;
        nodeCount++;
        nodeBytes += ARRAY_HEADER + b.length;
    }

    private void removeNode(int at) {
        if (posNode == nodes[at]) posNode = null;
        nodeBytes -= ARRAY_HEADER + nodes[at].length;
        System.arraycopy(nodes, at + 1, nodes, at, nodeCount - at - 1);
        System.arraycopy(used, at + 1, used, at, nodeCount - at - 1);
        nodes[--nodeCount] = null;
    }

    // An edit at entry `index` of node b: entries before it keep their positions, so do checkpoints up to it.
    private void forget(byte[] b, int index) {
        if (posNode == b) posCount = Math.min(posCount, (index + STRIDE - 1) / STRIDE);
    }

    /**
     * Where entry {@code index} of node {@code n} starts: from the nearest checkpoint at or before it, walking at most
     * {@link #STRIDE} - 1 entries, adding checkpoints on the way.
     */
    private int position(int n, int index) {
        byte[] b = nodes[n];
        if (posNode != b) {
            posNode = b;
            posCount = 0;
        }
        if (posCount == 0) {
            positions[0] = Listpack.HEADER_BYTES;
            posCount = 1;
        }
        int k = Math.min(index / STRIDE, posCount - 1);
        int pos = positions[k];
        int at = k * STRIDE;
        while (at < index) {
            pos = Listpack.next(b, pos);
            if (++at % STRIDE == 0 && at / STRIDE == posCount) {
                if (posCount == positions.length) positions = Arrays.copyOf(positions, posCount * 2);
                positions[posCount++] = pos;
            }
        }
        return pos;
    }
}
