package dev.miniredis.command.string;

import dev.miniredis.command.Args;
import dev.miniredis.command.Category;
import dev.miniredis.command.Command;
import dev.miniredis.command.CommandSpec;
import dev.miniredis.command.Context;
import dev.miniredis.command.Flag;
import dev.miniredis.db.Db;
import dev.miniredis.protocol.Resp;

/**
 * {@code GETRANGE key start end} (and its old name {@code SUBSTR}): the bytes from {@code start} to {@code end}, both
 * included, where a negative index counts from the end ({@code -1} is the last byte). A missing key is the empty
 * string.
 *
 * <p>Redis's order of clamping matters and is kept exactly: two negative indexes with {@code start > end} are empty at
 * once; then negatives become {@code length + index}, what is still negative becomes 0, an end past the string becomes
 * its last byte, and {@code start > end} is empty. So {@code GETRANGE k -100 -50} of {@code "hello"} is {@code "h"}
 * (both clamp to 0) while {@code GETRANGE k -1 -2} is empty.
 *
 * <p>The range goes from the store straight into the write buffer, as GET's value does.
 */
record GetRange(byte[] key, long start, long end) implements Command {
    static final CommandSpec GETRANGE = CommandSpec.of("getrange", 4, Flag.READONLY).keys(1, 1, 1)
            .categories(Category.STRING).group("string").since("2.4.0")
            .summary("Returns a substring of the string stored at a key.").parser(GetRange::parse);
    static final CommandSpec SUBSTR = CommandSpec.of("substr", 4, Flag.READONLY).keys(1, 1, 1)
            .categories(Category.STRING).group("string").since("1.0.0")
            .summary("Returns a substring from a string value.").parser(GetRange::parse);

    private static final byte[] EMPTY_BULK = Resp.ascii("$0\r\n\r\n");

    static Command parse(Args args) {
        return new GetRange(args.get(1), args.longAt(2), args.longAt(3));
    }

    @Override
    public void execute(Context ctx) {
        Db db = ctx.db();
        long a = Strings.requireString(db, db.get(key, ctx.now()));
        long length = Strings.length(db, a);
        long from = start;
        long to = end;
        if (from < 0 && to < 0 && from > to) {
            ctx.reply().raw(EMPTY_BULK);
            return;
        }
        if (from < 0) from += length;
        if (to < 0) to += length;
        if (from < 0) from = 0;
        if (to < 0) to = 0;
        if (to >= length) to = length - 1;
        if (from > to || length == 0) {
            ctx.reply().raw(EMPTY_BULK);
            return;
        }
        int offset = (int) from;
        // A small object per call for the copy (the offset has to travel with it); the bytes are not copied twice.
        ctx.reply().bulk((handle, dst, at, n) -> db.copyValue(handle, offset, dst, at, n), a, (int) (to - from + 1));
    }
}
