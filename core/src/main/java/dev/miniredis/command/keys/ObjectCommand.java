package dev.miniredis.command.keys;

import dev.miniredis.command.Args;
import dev.miniredis.command.Category;
import dev.miniredis.command.Command;
import dev.miniredis.command.CommandError;
import dev.miniredis.command.CommandSpec;
import dev.miniredis.command.Context;
import dev.miniredis.command.Flag;
import dev.miniredis.db.Db;
import dev.miniredis.db.Eviction;
import dev.miniredis.protocol.Numbers;

/**
 * {@code OBJECT ENCODING | FREQ | IDLETIME | REFCOUNT key} and {@code OBJECT HELP}: what Redis knows about a stored value
 * beyond the value itself. IDLETIME and FREQ read the clock bits in the key's record that eviction uses (see
 * {@link Eviction}); looking does not count as an access. A missing key answers nil.
 *
 * <p>ENCODING follows the rules Redis applies when a string is stored: {@code int} for a decimal integer that fits a
 * long in at most 20 bytes, {@code embstr} up to 44 bytes, {@code raw} above. (Redis also turns a string that APPEND or
 * SETRANGE grew into {@code raw} whatever its length; we keep no such history, so such a short string says
 * {@code embstr}.)
 */
record ObjectCommand(String subcommand, byte[] key) implements Command {
    /** Redis's OBJ_SHARED_REFCOUNT: what REFCOUNT says for the shared integers 0 to 9999. */
    private static final int SHARED_REFCOUNT = Integer.MAX_VALUE;
    private static final int SHARED_INTEGERS = 10_000;

    private static final String[] HELP_LINES = {
            "OBJECT <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
            "ENCODING <key>",
            "    Return the kind of internal representation used in order to store the value",
            "    associated with a <key>.",
            "FREQ <key>",
            "    Return the access frequency index of the <key>. The returned integer is",
            "    proportional to the logarithm of the recent access frequency of the key.",
            "IDLETIME <key>",
            "    Return the idle time of the <key>, that is the approximated number of",
            "    seconds elapsed since the last access to the key.",
            "REFCOUNT <key>",
            "    Return the number of references of the value associated with the specified",
            "    <key>.",
            "HELP",
            "    Prints this help.",
    };

    static final CommandSpec ENCODING = sub("encoding", "2.2.3", "Returns the internal encoding of a Redis object.");
    static final CommandSpec FREQ = sub("freq", "4.0.0", "Returns the logarithmic access frequency counter of a Redis object.");
    static final CommandSpec IDLETIME = sub("idletime", "2.2.3", "Returns the time since the last access to a Redis object.");
    static final CommandSpec REFCOUNT = sub("refcount", "2.2.3", "Returns the reference count of a value of a key.");
    static final CommandSpec HELP = CommandSpec.of("object|help", 2, Flag.LOADING, Flag.STALE)
            .categories(Category.KEYSPACE).group("generic").since("6.2.0")
            .summary("Returns helpful text about the different subcommands.")
            .parser(args -> ctx -> ctx.reply().simpleLines(HELP_LINES));

    static final CommandSpec SPEC = CommandSpec.of("object", -2)
            .group("generic").since("2.2.3").summary("A container for object introspection commands.")
            .subcommands(ENCODING, FREQ, IDLETIME, REFCOUNT, HELP);

    private static CommandSpec sub(String name, String since, String summary) {
        return CommandSpec.of("object|" + name, 3, Flag.READONLY).keys(2, 2, 1).categories(Category.KEYSPACE)
                .group("generic").since(since).summary(summary).parser(args -> parse(name, args));
    }

    static Command parse(String subcommand, Args args) {
        return new ObjectCommand(subcommand, args.get(2));
    }

    @Override
    public void execute(Context ctx) {
        Db db = ctx.db();
        long a = db.getQuietly(key, ctx.now()); // counted in INFO as in Redis, but no "keymiss" and no touch
        if (a == Db.NIL) {
            ctx.reply().nil();
            return;
        }
        Eviction eviction = db.eviction();
        switch (subcommand) {
            case "encoding" -> ctx.reply().bulk(encoding(db, a));
            case "refcount" -> ctx.reply().integer(sharedInteger(db, a, ctx.keyspace().maxMemoryBytes()) ? SHARED_REFCOUNT : 1);
            case "idletime" -> {
                if (eviction.policy().usesLfu()) {
                    throw new CommandError("ERR An LFU maxmemory policy is selected, idle time not tracked. Please note"
                            + " that when switching between policies at runtime LRU and LFU data will take some time to"
                            + " adjust.");
                }
                ctx.reply().integer(eviction.idleMillis(a, ctx.now()) / 1000);
            }
            default -> {
                if (!eviction.policy().usesLfu()) {
                    throw new CommandError("ERR An LFU maxmemory policy is not selected, access frequency not tracked."
                            + " Please note that when switching between policies at runtime LRU and LFU data will take"
                            + " some time to adjust.");
                }
                ctx.reply().integer(eviction.frequency(a, ctx.now()));
            }
        }
    }

    private static String encoding(Db db, long a) {
        if (db.type(a) != Db.TYPE_STRING) return dev.miniredis.db.Encoding.name(db.type(a));
        int length = db.valueLength(a);
        if (length <= 20 && integerValue(db, a) != null) return "int";
        return length <= 44 ? "embstr" : "raw";
    }

    // Redis keeps the integers 0 to 9999 as shared objects, except under an LRU or LFU limit (each key needs its own
    // clock bits then).
    private static boolean sharedInteger(Db db, long a, long maxMemoryBytes) {
        if (db.type(a) != Db.TYPE_STRING || db.valueLength(a) > 20) return false;
        Long n = integerValue(db, a);
        if (n == null || n < 0 || n >= SHARED_INTEGERS) return false;
        Eviction.Policy policy = db.eviction().policy();
        boolean perKeyClocks = policy == Eviction.Policy.ALLKEYS_LRU || policy == Eviction.Policy.VOLATILE_LRU
                || policy.usesLfu();
        return maxMemoryBytes == 0 || !perKeyClocks;
    }

    private static Long integerValue(Db db, long a) {
        try {
            return Numbers.parseLong(db.value(a));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
