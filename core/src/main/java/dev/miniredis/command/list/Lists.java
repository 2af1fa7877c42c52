package dev.miniredis.command.list;

import dev.miniredis.command.Context;
import dev.miniredis.pubsub.Notifications;
import dev.miniredis.command.CommandError;
import dev.miniredis.db.Db;
import dev.miniredis.db.Encoding;
import dev.miniredis.db.types.Listpack;
import dev.miniredis.db.types.QuickList;
import dev.miniredis.protocol.RespWriter;

/**
 * What the list commands share: the type check, and opening a list and storing it back whichever of its two homes it
 * lives in.
 *
 * <p><b>One code path for both encodings.</b> A small list is a packed node inside its record ({@code LIST_PACKED}); a
 * big one is a {@link QuickList} on the heap ({@code LIST}). {@link #open} copies a packed list into a scratch array and
 * returns a reusable {@link QuickList} <em>view</em> of it ({@link QuickList#wrap}), so every command is written once,
 * against the QuickList's cursor and edits. {@link #store} then puts the result where it belongs: an emptied list
 * deletes its key (as in Redis); a view that still fits one node goes back into the record; a view that grew a second
 * node becomes a heap QuickList, once (the conversion); a heap list only reports its new size.
 *
 * <p>The views are per thread: the loop thread owns its {@code Db} and its scratch arrays, and these two objects go
 * with them (a ThreadLocal rather than a field of the {@code Db}, which knows nothing about commands). Two, because
 * LMOVE has a source and a destination open at once; scratch slot 0 backs view 0, slot 1 view 1, and slot 2 holds an
 * element in flight.
 */
final class Lists {
    private Lists() {
    }

    /** Scratch slot for an element copied out of a list while lists are edited (LMOVE). */
    static final int ELEMENT_SLOT = 2;

    private static final ThreadLocal<QuickList[]> VIEWS =
            ThreadLocal.withInitial(() -> new QuickList[] {new QuickList(null), new QuickList(null)});

    // Packed lists never need more room than a node may hold; past that, pre-sizing the scratch array is pointless.
    private static final int MAX_PRESIZE_BYTES = 1 << 16;

    /**
     * Redis's WRONGTYPE check for list commands; {@link Db#NIL} passes, so callers test for it afterwards.
     *
     * @return {@code a}
     */
    static long requireList(Db db, long a) {
        if (a != Db.NIL) {
            byte type = db.type(a);
            if (type != Encoding.LIST_PACKED && type != Encoding.LIST) throw CommandError.WRONG_TYPE;
        }
        return a;
    }

    /**
     * The list at {@code a}: its heap QuickList, or view {@code slot} over a copy of its packed bytes with
     * {@code extraBytes} of spare room behind them (what the command will add), so that the edits need no new array.
     */
    static QuickList open(Db db, long a, int slot, long extraBytes) {
        if (db.type(a) == Encoding.LIST) return (QuickList) db.object(a);
        int length = db.valueLength(a);
        byte[] b = db.readPacked(a, slot);
        if (extraBytes > 0) b = db.scratch(slot, length + (int) Math.min(extraBytes, MAX_PRESIZE_BYTES));
        return VIEWS.get()[slot].wrap(db.limits(), b, length);
    }

    /** An empty list for a key about to be created: view {@code slot} over an empty pack with room for {@code extraBytes}. */
    static QuickList create(Db db, int slot, long extraBytes) {
        byte[] b = db.scratch(slot, Listpack.HEADER_BYTES + (int) Math.min(extraBytes, MAX_PRESIZE_BYTES));
        return VIEWS.get()[slot].wrap(db.limits(), b, Listpack.init(b));
    }

    /** The number of elements of the list at {@code a}, without copying a packed one (its count is its first bytes). */
    static long length(Db db, long a) {
        if (db.type(a) == Encoding.LIST) return ((QuickList) db.object(a)).size();
        byte[] b = db.scratch(0, Listpack.HEADER_BYTES);
        db.copyValue(a, b, 0, Listpack.HEADER_BYTES);
        return Listpack.count(b);
    }

    /**
     * Puts an edited list back under {@code key}: deletes the key if the list is empty; writes a one-node view into the
     * record; converts a view that grew past one node (or whose one node is past the limit: an LSET, a lowered
     * {@code list-max-listpack-size}) into a heap QuickList; or tells the keyspace a heap list's new size.
     *
     * @param a the key's address when the list was opened ({@link Db#NIL} for a new key), with no keyspace write since
     */
    static void store(Db db, byte[] key, long a, QuickList list, long now) {
        if (list.size() == 0) {
            if (a != Db.NIL) db.delete(a);
        } else if (a != Db.NIL && db.type(a) == Encoding.LIST) {
            db.resized(a);
        } else if (list.nodeCount() == 1 && list.nodeFits(0)) {
            db.putPacked(key, Encoding.LIST_PACKED, list.node(0), list.nodeLength(0), now);
        } else {
            db.putObject(key, Encoding.LIST, QuickList.copyOf(list), now);
        }
    }

    /**
     * The keyspace notifications of a list command, after its change, in Redis's order: the command's own event, then
     * {@code del} if it emptied the list (and so deleted the key).
     *
     * @param ctx the command's context
     * @param key the list's key
     * @param event Redis's name for the event ({@code "lpush"}, {@code "rpop"}, ...)
     * @param list the list as stored: empty if the key was deleted
     */
    static void notify(Context ctx, byte[] key, String event, QuickList list) {
        ctx.notify(Notifications.LIST, event, key);
        if (list.size() == 0) ctx.notify(Notifications.GENERIC, "del", key);
    }

    /** The element under the list's cursor as a bulk reply, copied from the node straight into the write buffer. */
    static void reply(RespWriter out, QuickList list) {
        out.bulk(list.nodeBytes(), list.offset(), list.length());
    }

    /**
     * Pops {@code n} elements (at most the list's size) from the head or the tail, replying with an array of them in
     * the order they were popped: LPOP/RPOP with a count, LMPOP.
     */
    static void popRange(RespWriter out, QuickList list, boolean head, long n) {
        n = Math.min(n, list.size());
        out.array((int) n);
        boolean on = list.seek(head ? 0 : list.size() - 1);
        for (long i = 0; i < n && on; i++) {
            reply(out, list);
            on = head ? list.next() : list.prev();
        }
        if (head) list.removeFirst(n);
        else list.removeLast(n);
    }

    /**
     * Parses LEFT or RIGHT (LMOVE, LMPOP), any case.
     *
     * @return true for LEFT (the head)
     * @throws CommandError a syntax error for anything else
     */
    static boolean side(byte[] arg) {
        if (dev.miniredis.command.Args.equalsIgnoreCase(arg, "left")) return true;
        if (dev.miniredis.command.Args.equalsIgnoreCase(arg, "right")) return false;
        throw CommandError.SYNTAX;
    }
}
