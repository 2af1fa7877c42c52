package dev.miniredis.db.types;

import dev.miniredis.db.HeapValue;

import java.util.Arrays;

/**
 * A big sorted set: a skip list ordered by (score, member) for ranges and ranks, plus a hash table from member to node
 * for ZSCORE in O(1). It is Redis's {@code zset} ({@code zskiplist} + {@code dict}), and this comment is the lesson.
 *
 * <h2>A linked list with express lanes</h2>
 * A sorted linked list finds an element in O(n): walk until you pass it. A skip list gives some nodes extra "express"
 * links that jump over many nodes at once. Every node has level 0; a quarter of them also have level 1, a quarter of
 * those level 2, and so on (a coin with p = 1/4 is tossed once per node, at insertion; at most 32 levels). A search
 * starts at the top level of the header, runs right while the next node is still before the target, and drops a level
 * when it would overshoot:
 * <pre>
 *   level 2   H ------------------------------------> 40 --------------------------> nil
 *   level 1   H ----------------> 20 ---------------> 40 ------------> 60 ---------> nil
 *   level 0   H ----> 10 -------> 20 -------> 30 ---> 40 ----> 50 ---> 60 ---> 70 -> nil
 *   span      (lvl 2: H->40 = 4) (lvl 1: H->20 = 2, 20->40 = 2, 40->60 = 2, 60->nil = 2)
 *                      &lt;-------    &lt;-------    &lt;----- backward links, for ZREVRANGE
 * </pre>
 * Finding 50: level 2 runs H to 40 (the next, nil, is past), level 1 sees 60 &gt; 50 and drops, level 0 steps to 50.
 * On average that is O(log n) steps, like a balanced tree, without any rebalancing: an insertion only splices the
 * new node into the lanes of its own height.
 *
 * <h2>Spans: ranks in O(log n)</h2>
 * Each link also records its <em>span</em>, the number of level-0 steps it jumps. Summing the spans of the links a
 * search follows gives the rank of the node it reaches: ZRANK, ZRANGE by index (walk until the sum reaches the
 * index) and ZCOUNT (the rank where a score range starts and ends) are all O(log n). An insertion or deletion fixes the
 * span of the links that pass over it: the search already collected them, one per level, in {@code update[]}.
 *
 * <h2>Two structures, one member array</h2>
 * The skip list answers "what is at rank 5", "where do scores 1 to 10 start"; the {@link BytesMap} answers "what is
 * the score of alice" in O(1). The member's {@code byte[]} is shared by both, so each element is that array, one node
 * (with two small level arrays for the one node in four that has upper levels) and a map entry. Scores compare as C
 * doubles ({@code <}, {@code ==}), so -0 and 0 tie and the member decides, exactly as in Redis; members compare as
 * unsigned bytes (memcmp).
 *
 * <p>Loop thread only.
 */
public final class SkipList implements HeapValue {
    /** The most levels a node can have, as in Redis ({@code ZSKIPLIST_MAXLEVEL}). */
    public static final int MAX_LEVEL = 32;

    /**
     * One element. Level 0's link is a field: three nodes in four have no other level, and need nothing more. The
     * links of levels 1 and up, and their spans, are in two small arrays, {@code up[i - 1]} and {@code upSpan[i - 1]}.
     * Level 0's span is always 1 (it links neighbours), so it is not stored. That makes the common node one object of
     * 40 bytes plus its member: less than Redis's node of 48 to 64 bytes.
     */
    public static final class Node {
        private final byte[] member;
        private double score;
        private Node backward;
        private Node next0;
        private final Node[] up;       // null for a level-1 node
        private final int[] upSpan;

        private Node(byte[] member, double score, int level) {
            this.member = member;
            this.score = score;
            this.up = level > 1 ? new Node[level - 1] : null;
            this.upSpan = level > 1 ? new int[level - 1] : null;
        }

        private int level() {
            return up == null ? 1 : up.length + 1;
        }

        private Node next(int i) {
            return i == 0 ? next0 : up[i - 1];
        }

        private void setNext(int i, Node x) {
            if (i == 0) next0 = x;
            else up[i - 1] = x;
        }

        private int span(int i) {
            return i == 0 ? 1 : upSpan[i - 1];
        }

        private void setSpan(int i, int span) {
            if (i != 0) upSpan[i - 1] = span;
        }

        /**
         * The member.
         *
         * @return its bytes (do not change them)
         */
        public byte[] member() {
            return member;
        }

        /**
         * The score.
         *
         * @return the score
         */
        public double score() {
            return score;
        }

        /**
         * The following node in order.
         *
         * @return the next node, or null after the last
         */
        public Node next() {
            return next0;
        }

        /**
         * The preceding node in order.
         *
         * @return the previous node, or null before the first
         */
        public Node previous() {
            return backward;
        }
    }

    private final Node header = new Node(null, 0, MAX_LEVEL);
    private Node tail;
    private int length;
    private int level = 1;
    private final BytesMap<Node> members = new BytesMap<>();
    private long nodeBytes;
    private long random = 0x9E3779B97F4A7C15L;          // xorshift state for node levels
    private final Node[] update = new Node[MAX_LEVEL];  // reused by every insert and delete: no garbage per change
    private final int[] rank = new int[MAX_LEVEL];

    /**
     * Elements held.
     *
     * @return the count
     */
    public int size() {
        return length;
    }

    /**
     * The node of {@code member}, through the hash table.
     *
     * @param member the member's bytes
     * @return its node, or null
     */
    public Node find(byte[] member) {
        return members.get(member);
    }

    /**
     * The member-to-node table, for ZSCAN (its reverse-binary cursor) and ZRANDMEMBER (its random entry).
     *
     * @return the table itself: read it, do not change it
     */
    public BytesMap<Node> members() {
        return members;
    }

    /**
     * The first node.
     *
     * @return the lowest element, or null if empty
     */
    public Node first() {
        return header.next(0);
    }

    /**
     * The last node.
     *
     * @return the highest element, or null if empty
     */
    public Node last() {
        return tail;
    }

    // Level 1 + one per pair of zero bits at the bottom of a random long: each further level has probability 1/4.
    private int randomLevel() {
        long x = random;
        x ^= x << 13;
        x ^= x >>> 7;
        x ^= x << 17;
        random = x;
        return Math.min(MAX_LEVEL, 1 + Long.numberOfTrailingZeros(x) / 2);
    }

    private static boolean before(Node x, double score, byte[] member) {
        return x.score < score || x.score == score && Arrays.compareUnsigned(x.member, member) < 0;
    }

    /**
     * Adds a member that is not present ({@link #find} said null).
     *
     * @param member the member's bytes; kept, not copied
     * @param score its score, not NaN
     * @return the new node
     */
    public Node insert(byte[] member, double score) {
        Node x = link(member, score);
        members.add(member, x);
        return x;
    }

    // Splices a new node into the list (not the table): find the last node before it on every level, then link.
    private Node link(byte[] member, double score) {
        Node x = header;
        for (int i = level - 1; i >= 0; i--) {
            rank[i] = i == level - 1 ? 0 : rank[i + 1]; // the rank of update[i]
            while (x.next(i) != null && before(x.next(i), score, member)) {
                rank[i] += x.span(i);
                x = x.next(i);
            }
            update[i] = x;
        }
        int lvl = randomLevel();
        if (lvl > level) {
            for (int i = level; i < lvl; i++) {
                rank[i] = 0;
                update[i] = header;
                header.setSpan(i, length); // an unused header lane spans the whole list
            }
            level = lvl;
        }
        x = new Node(member, score, lvl);
        for (int i = 0; i < lvl; i++) {
            x.setNext(i, update[i].next(i));
            update[i].setNext(i, x);
            // update[i] jumped span[i] steps; the new node sits (rank[0] - rank[i]) + 1 steps after it.
            x.setSpan(i, update[i].span(i) - (rank[0] - rank[i]));
            update[i].setSpan(i, rank[0] - rank[i] + 1);
        }
        for (int i = lvl; i < level; i++) update[i].setSpan(i, update[i].span(i) + 1); // higher links pass over x
        x.backward = update[0] == header ? null : update[0];
        if (x.next(0) != null) x.next(0).backward = x;
        else tail = x;
        length++;
        nodeBytes += nodeBytes(lvl);
        return x;
    }

    /**
     * Removes a member.
     *
     * @param member the member's bytes
     * @return true if it was present
     */
    public boolean remove(byte[] member) {
        int e = members.find(member);
        if (e < 0) return false;
        unlink(members.value(e));
        members.removeEntry(e);
        return true;
    }

    /**
     * Removes the node of {@code n}, found by {@link #find} or a walk.
     *
     * @param n a live node
     */
    public void remove(Node n) {
        unlink(n);
        members.remove(n.member);
    }

    // Finds update[] for an existing node and takes it out of the list.
    private void unlink(Node n) {
        Node x = header;
        for (int i = level - 1; i >= 0; i--) {
            while (x.next(i) != null && before(x.next(i), n.score, n.member)) x = x.next(i);
            update[i] = x;
        }
        deleteNode(n);
    }

    // Redis's zslDeleteNode: links that pointed at n jump its span too; links that passed over it get one shorter.
    private void deleteNode(Node n) {
        for (int i = 0; i < level; i++) {
            if (update[i].next(i) == n) {
                update[i].setSpan(i, update[i].span(i) + n.span(i) - 1);
                update[i].setNext(i, n.next(i));
            } else {
                update[i].setSpan(i, update[i].span(i) - 1);
            }
        }
        if (n.next(0) != null) n.next(0).backward = n.backward;
        else tail = n.backward;
        while (level > 1 && header.next(level - 1) == null) level--;
        length--;
        nodeBytes -= nodeBytes(n.level());
    }

    /**
     * Changes a member's score. If the node still sits between its neighbours (strictly, by score) only its score
     * changes, with no search at all: the common ZINCRBY of a leaderboard moves few places, often none. Otherwise it
     * is taken out and put back where the new score belongs, as Redis's {@code zslUpdateScore} does.
     *
     * @param n the member's node
     * @param score the new score, not NaN
     * @return the member's node from now on
     */
    public Node update(Node n, double score) {
        if ((n.backward == null || n.backward.score < score) && (n.next(0) == null || n.next(0).score > score)) {
            n.score = score;
            return n;
        }
        int e = members.find(n.member);
        unlink(n);
        Node x = link(n.member, score);
        members.value(e, x);
        return x;
    }

    /**
     * The 0-based rank of a node: the spans summed on the way to it.
     *
     * @param n a live node
     * @return its rank, 0 for the lowest
     */
    public int rank(Node n) {
        Node x = header;
        int r = 0;
        for (int i = level - 1; i >= 0; i--) {
            while (x.next(i) != null && (x.next(i).score < n.score
                    || x.next(i).score == n.score && Arrays.compareUnsigned(x.next(i).member, n.member) <= 0)) {
                r += x.span(i);
                x = x.next(i);
            }
            if (x == n) return r - 1;
        }
        throw new IllegalStateException("node not in list");
    }

    /**
     * The node at a 0-based rank: follow links while their spans do not overshoot.
     *
     * @param r 0 to {@link #size()} - 1
     * @return the node
     */
    public Node byRank(int r) {
        int target = r + 1;
        Node x = header;
        int traversed = 0;
        for (int i = level - 1; i >= 0; i--) {
            while (x.next(i) != null && traversed + x.span(i) <= target) {
                traversed += x.span(i);
                x = x.next(i);
            }
            if (traversed == target) return x;
        }
        throw new IndexOutOfBoundsException(r);
    }

    /**
     * How many elements have a score below {@code bound} ({@code orEqual}: at most {@code bound}): the rank where a
     * score range starts or ends, in O(log n).
     *
     * @param bound the score
     * @param orEqual whether elements equal to the bound count too
     * @return the count
     */
    public int countScoreBelow(double bound, boolean orEqual) {
        Node x = header;
        int r = 0;
        for (int i = level - 1; i >= 0; i--) {
            while (x.next(i) != null && (x.next(i).score < bound || orEqual && x.next(i).score == bound)) {
                r += x.span(i);
                x = x.next(i);
            }
        }
        return r;
    }

    /**
     * How many elements have a member below {@code bound} ({@code orEqual}: at most), in the list's order; meaningful
     * when all scores are equal, as ZRANGEBYLEX asks of its users.
     *
     * @param bound the member bytes
     * @param orEqual whether an equal member counts too
     * @return the count
     */
    public int countMemberBelow(byte[] bound, boolean orEqual) {
        Node x = header;
        int r = 0;
        for (int i = level - 1; i >= 0; i--) {
            while (x.next(i) != null) {
                int c = Arrays.compareUnsigned(x.next(i).member, bound);
                if (c > 0 || c == 0 && !orEqual) break;
                r += x.span(i);
                x = x.next(i);
            }
        }
        return r;
    }

    /**
     * A copy for COPY: the same members and scores in a new list (new levels drawn), sharing the members' arrays,
     * which no operation changes in place.
     *
     * @return the copy
     */
    @Override
    public HeapValue copy() {
        SkipList copy = new SkipList();
        for (Node n = first(); n != null; n = n.next()) copy.insert(n.member(), n.score());
        return copy;
    }

    /**
     * Removes the elements of ranks {@code [from, to)}: one search to the first, then a walk that unlinks as it goes
     * (the search's {@code update[]} still precedes every following node).
     *
     * @param from the first rank removed, 0-based
     * @param to the rank after the last removed
     */
    public void removeRanks(int from, int to) {
        Node x = header;
        int traversed = 0;
        for (int i = level - 1; i >= 0; i--) {
            while (x.next(i) != null && traversed + x.span(i) <= from) {
                traversed += x.span(i);
                x = x.next(i);
            }
            update[i] = x;
        }
        x = x.next(0);
        for (int n = to - from; n > 0 && x != null; n--) {
            Node following = x.next(0);
            deleteNode(x);
            members.remove(x.member);
            x = following;
        }
    }

    // A node object (header, four references, a double: 40 bytes) and, above level 1, its two level arrays.
    private static long nodeBytes(int level) {
        if (level == 1) return 40;
        long arrays = (16L + 4L * (level - 1) + 7) & ~7L;
        return 40 + 2 * arrays;
    }

    @Override
    public long memoryBytes() {
        return 64 + nodeBytes + members.memoryBytes();
    }
}
