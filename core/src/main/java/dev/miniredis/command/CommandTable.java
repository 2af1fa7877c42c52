package dev.miniredis.command;

import dev.miniredis.protocol.Resp;
import dev.miniredis.protocol.RespWriter;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;

/**
 * Maps command names to their specs and runs commands: find the spec, check the arity, check authentication and
 * subscribed mode, parse, execute.
 *
 * <p>Names are matched case-insensitively straight on the bytes the client sent (an open-addressing table keyed by a
 * lower-case hash), so looking a command up allocates nothing and never builds a {@code String}.
 *
 * <p>Arity follows Redis's convention: a positive arity is the exact argument count (name included), a negative one is a
 * minimum. {@code GET} is 2 ({@code GET key}); {@code DEL} is -2 ({@code DEL key [key ...]}). The other metadata (flags,
 * key positions, group, summary) is what COMMAND and COMMAND DOCS report, which redis-cli and cluster-aware clients read.
 */
public final class CommandTable {
    /**
     * One command's entry. {@code name} is lower case, as Redis prints it in error messages. {@code flags} are Redis's
     * command flags ({@code write}, {@code readonly}, {@code fast}, ...); {@code firstKey}, {@code lastKey} and
     * {@code keyStep} say where the keys are (0, 0, 0 for none; a negative last key counts from the end).
     *
     * @param name     the lower-case command name
     * @param arity    Redis's arity: exact count if positive, minimum if negative (the name counts)
     * @param flags    Redis's command flags, as COMMAND INFO reports them
     * @param firstKey index of the first key argument, 0 for none
     * @param lastKey  index of the last key argument; negative counts from the end
     * @param keyStep  distance between key arguments
     * @param group    the documentation group (string, generic, pubsub, connection, server)
     * @param summary  one-line description, as COMMAND DOCS reports it
     * @param since    the Redis version that introduced the command
     * @param parser   turns the arguments into a runnable command, or throws {@link CommandError}
     * @param container whether the first argument names a subcommand (CLIENT, CONFIG, COMMAND, PUBSUB)
     */
    public record Spec(String name, int arity, List<String> flags, int firstKey, int lastKey, int keyStep, String group,
                       String summary, String since, Function<Args, Command> parser, boolean container) {
        boolean acceptsArgCount(int count) {
            return arity > 0 ? count == arity : count >= -arity;
        }

        boolean allowedWhileSubscribed() {
            return SUBSCRIBED_MODE_COMMANDS.contains(name);
        }

        boolean allowedBeforeAuth() {
            return flags.contains("no_auth");
        }
    }

    /** The commands a RESP2 connection may still send while it has subscriptions. */
    /** Commands whose first argument is a subcommand; see {@link #execute}. */
    private static final java.util.Set<String> CONTAINERS = java.util.Set.of("client", "config", "command", "pubsub");

    private static final java.util.Set<String> SUBSCRIBED_MODE_COMMANDS = java.util.Set.of(
            "subscribe", "unsubscribe", "psubscribe", "punsubscribe", "ssubscribe", "sunsubscribe", "ping", "quit", "reset");

    private final Spec[] slots = new Spec[256];
    private final List<Spec> specs = new ArrayList<>();
    private final Args args = new Args();
    private long processed;

    /**
     * The table with every command this server implements.
     *
     * @return a new table; each event loop needs its own, since running commands is not thread-safe
     */
    public static CommandTable standard() {
        CommandTable t = new CommandTable();
        // connection
        t.register("ping", -1, "fast", 0, 0, 0, "connection", "Returns the server's liveliness response.", "1.0.0", Ping::parse);
        t.register("echo", 2, "fast", 0, 0, 0, "connection", "Returns the given string.", "1.0.0", Echo::parse);
        t.register("select", 2, "loading stale fast", 0, 0, 0, "connection", "Changes the selected database.", "1.0.0",
                Select::parse);
        t.register("quit", -1, "noscript loading stale fast no_auth allow_busy", 0, 0, 0, "connection",
                "Closes the connection.", "1.0.0", Quit::parse);
        t.register("auth", -2, "noscript loading stale fast no_auth allow_busy", 0, 0, 0, "connection",
                "Authenticates the connection.", "1.0.0", Auth::parse);
        t.register("hello", -1, "noscript loading stale fast no_auth allow_busy", 0, 0, 0, "connection",
                "Handshakes with the Redis server.", "6.0.0", Hello::parse);
        t.register("reset", 1, "noscript loading stale fast no_auth allow_busy", 0, 0, 0, "connection",
                "Resets the connection.", "6.2.0", Reset::parse);
        t.register("client", -2, "sentinel", 0, 0, 0, "connection", "A container for client connection commands.",
                "2.4.0", ClientCommand::parse);
        // strings
        t.register("get", 2, "readonly fast", 1, 1, 1, "string", "Returns the string value of a key.", "1.0.0", Get::parse);
        t.register("set", -3, "write denyoom", 1, 1, 1, "string",
                "Sets the string value of a key, ignoring its type. The key is created if it doesn't exist.", "1.0.0",
                Set::parse);
        t.register("setnx", 3, "write denyoom fast", 1, 1, 1, "string",
                "Set the string value of a key only when the key doesn't exist.", "1.0.0", SetNx::parse);
        t.register("getdel", 2, "write fast", 1, 1, 1, "string",
                "Returns the string value of a key after deleting the key.", "6.2.0", GetDel::parse);
        t.register("getex", -2, "write fast", 1, 1, 1, "string",
                "Returns the string value of a key after setting its expiration time.", "6.2.0", GetEx::parse);
        t.register("mget", -2, "readonly fast", 1, -1, 1, "string",
                "Atomically returns the string values of one or more keys.", "1.0.0", MGet::parse);
        t.register("mset", -3, "write denyoom", 1, -1, 2, "string",
                "Atomically creates or modifies the string values of one or more keys.", "1.0.1", MSet::parse);
        t.register("incr", 2, "write denyoom fast", 1, 1, 1, "string",
                "Increments the integer value of a key by one. Uses 0 as initial value if the key doesn't exist.", "1.0.0",
                a -> IncrBy.parse(a, 1));
        t.register("decr", 2, "write denyoom fast", 1, 1, 1, "string",
                "Decrements the integer value of a key by one. Uses 0 as initial value if the key doesn't exist.", "1.0.0",
                a -> IncrBy.parse(a, -1));
        t.register("incrby", 3, "write denyoom fast", 1, 1, 1, "string",
                "Increments the integer value of a key by a number. Uses 0 as initial value if the key doesn't exist.",
                "1.0.0", a -> IncrBy.parse(a, 1));
        t.register("decrby", 3, "write denyoom fast", 1, 1, 1, "string",
                "Decrements a number from the integer value of a key. Uses 0 as initial value if the key doesn't exist.",
                "1.0.0", a -> IncrBy.parse(a, -1));
        t.register("append", 3, "write denyoom fast", 1, 1, 1, "string",
                "Appends a string to the value of a key. Creates the key if it doesn't exist.", "2.0.0", Append::parse);
        t.register("strlen", 2, "readonly fast", 1, 1, 1, "string", "Returns the length of a string value.", "2.2.0",
                Strlen::parse);
        // keys
        t.register("del", -2, "write", 1, -1, 1, "generic", "Deletes one or more keys.", "1.0.0", Del::parse);
        t.register("exists", -2, "readonly fast", 1, -1, 1, "generic", "Determines whether one or more keys exist.",
                "1.0.0", Exists::parse);
        t.register("type", 2, "readonly fast", 1, 1, 1, "generic", "Determines the type of value stored at a key.",
                "1.0.0", Type::parse);
        t.register("keys", 2, "readonly", 0, 0, 0, "generic", "Returns all key names that match a pattern.", "1.0.0",
                Keys::parse);
        t.register("scan", -2, "readonly", 0, 0, 0, "generic", "Iterates over the key names in the database.", "2.8.0",
                Scan::parse);
        t.register("expire", -3, "write fast", 1, 1, 1, "generic",
                "Sets the expiration time of a key in seconds.", "1.0.0", a -> Expire.parse(a, Expire.Variant.EXPIRE));
        t.register("pexpire", -3, "write fast", 1, 1, 1, "generic",
                "Sets the expiration time of a key in milliseconds.", "2.6.0", a -> Expire.parse(a, Expire.Variant.PEXPIRE));
        t.register("expireat", -3, "write fast", 1, 1, 1, "generic",
                "Sets the expiration time of a key to a Unix timestamp.", "1.2.0",
                a -> Expire.parse(a, Expire.Variant.EXPIREAT));
        t.register("pexpireat", -3, "write fast", 1, 1, 1, "generic",
                "Sets the expiration time of a key to a Unix milliseconds timestamp.", "2.6.0",
                a -> Expire.parse(a, Expire.Variant.PEXPIREAT));
        t.register("ttl", 2, "readonly fast", 1, 1, 1, "generic", "Returns the expiration time in seconds of a key.",
                "1.0.0", a -> Ttl.parse(a, false));
        t.register("pttl", 2, "readonly fast", 1, 1, 1, "generic", "Returns the expiration time in milliseconds of a key.",
                "2.6.0", a -> Ttl.parse(a, true));
        t.register("persist", 2, "write fast", 1, 1, 1, "generic", "Removes the expiration time of a key.", "2.2.0",
                Persist::parse);
        // pub/sub
        t.register("subscribe", -2, "pubsub noscript loading stale", 0, 0, 0, "pubsub",
                "Listens for messages published to channels.", "2.0.0", Subscribe::parse);
        t.register("unsubscribe", -1, "pubsub noscript loading stale", 0, 0, 0, "pubsub",
                "Stops listening to messages posted to channels.", "2.0.0", Unsubscribe::parse);
        t.register("psubscribe", -2, "pubsub noscript loading stale", 0, 0, 0, "pubsub",
                "Listens for messages published to channels that match one or more patterns.", "2.0.0", PSubscribe::parse);
        t.register("punsubscribe", -1, "pubsub noscript loading stale", 0, 0, 0, "pubsub",
                "Stops listening to messages published to channels that match one or more patterns.", "2.0.0",
                PUnsubscribe::parse);
        t.register("publish", 3, "pubsub loading stale fast", 0, 0, 0, "pubsub", "Posts a message to a channel.",
                "2.0.0", Publish::parse);
        t.register("pubsub", -2, "", 0, 0, 0, "pubsub", "A container for Pub/Sub commands.", "2.8.0",
                PubSubCommand::parse);
        // server
        t.register("dbsize", 1, "readonly fast", 0, 0, 0, "server", "Returns the number of keys in the database.",
                "1.0.0", DbSize::parse);
        t.register("flushdb", -1, "write", 0, 0, 0, "server", "Remove all keys from the current database.", "1.0.0",
                FlushDb::parse);
        t.register("flushall", -1, "write", 0, 0, 0, "server", "Removes all keys from all databases.", "1.0.0",
                FlushDb::parse);
        t.register("shutdown", -1, "admin noscript loading stale no_multi sentinel allow_busy", 0, 0, 0, "server",
                "Synchronously saves the database(s) to disk and shuts down the Redis server.", "1.0.0", Shutdown::parse);
        t.register("info", -1, "loading stale sentinel", 0, 0, 0, "server",
                "Returns information and statistics about the server.", "1.0.0", Info::parse);
        t.register("config", -2, "", 0, 0, 0, "server", "A container for server configuration commands.", "2.0.0",
                ConfigCommand::parse);
        t.register("command", -1, "loading stale sentinel", 0, 0, 0, "server",
                "Returns detailed information about all commands.", "2.8.13", a -> CommandCommand.parse(a, t));
        return t;
    }

    /**
     * Registers a command with only the metadata the server itself needs (tests use it for made-up commands).
     *
     * @param name the command name, lower case
     * @param arity the exact argument count if positive, the minimum if negative (name included)
     * @param parser turns the arguments into a runnable command, or throws {@link CommandError}
     */
    public void register(String name, int arity, Function<Args, Command> parser) {
        register(name, arity, "", 0, 0, 0, "generic", "", "0.0.0", parser);
    }

    /**
     * Registers a command with everything COMMAND and COMMAND DOCS report about it.
     *
     * @param name the command name, lower case
     * @param arity the exact argument count if positive, the minimum if negative (name included)
     * @param flags Redis's command flags, space-separated ({@code "write denyoom"}); empty for none
     * @param firstKey the position of the first key argument, 0 if there are no keys
     * @param lastKey the position of the last key, negative to count from the end
     * @param keyStep the distance between keys ({@code MSET}'s is 2)
     * @param group the documentation group, such as {@code string} or {@code pubsub}
     * @param summary one sentence for COMMAND DOCS
     * @param since the Redis version that introduced the command
     * @param parser turns the arguments into a runnable command, or throws {@link CommandError}
     * @throws IllegalArgumentException if the name is already registered
     */
    public void register(String name, int arity, String flags, int firstKey, int lastKey, int keyStep, String group,
                         String summary, String since, Function<Args, Command> parser) {
        List<String> flagList = flags.isEmpty() ? List.of() : List.of(flags.split(" "));
        Spec spec = new Spec(name, arity, flagList, firstKey, lastKey, keyStep, group, summary, since, parser,
                CONTAINERS.contains(name));
        byte[] bytes = Resp.ascii(name);
        int i = hash(bytes, bytes.length) & (slots.length - 1);
        while (slots[i] != null) {
            if (slots[i].name.equals(name)) throw new IllegalArgumentException("duplicate command " + name);
            i = (i + 1) & (slots.length - 1);
        }
        slots[i] = spec;
        specs.add(spec);
    }

    /**
     * Every registered command, in registration order.
     *
     * @return an unmodifiable view
     */
    public List<Spec> specs() {
        return Collections.unmodifiableList(specs);
    }

    /**
     * Commands run so far (INFO's total_commands_processed).
     *
     * @return commands that passed the arity, auth and subscribed-mode checks and were parsed and run
     */
    public long processed() {
        return processed;
    }

    /**
     * The spec for a name as the client sent it, in any case; null if unknown.
     *
     * @param name the command name's raw bytes
     * @return the matching spec, or null
     */
    public Spec lookup(byte[] name) {
        int i = hash(name, name.length) & (slots.length - 1);
        for (Spec s = slots[i]; s != null; s = slots[i = (i + 1) & (slots.length - 1)]) {
            if (Args.equalsIgnoreCase(name, s.name)) return s;
        }
        return null;
    }

    /**
     * Runs one command and writes its reply to the context's connection. Client mistakes become error replies here;
     * nothing escapes to the event loop. A command must throw {@link CommandError} before it writes any part of a reply.
     *
     * @param argv the command as parsed from the wire, name first
     * @param ctx the context, already pointed at the sending connection
     */
    public void execute(byte[][] argv, Context ctx) {
        RespWriter out = ctx.reply();
        Spec spec = lookup(argv[0]);
        if (spec == null && (Args.equalsIgnoreCase(argv[0], "post") || Args.equalsIgnoreCase(argv[0], "host:"))) {
            SecurityWarning.close(ctx);   // an HTTP request: close without a word (not a listed command, as in Redis)
            return;
        }
        if (spec == null) {
            Unknown.reply(argv, out);
            return;
        }
        // The checks come in Redis's order: unknown name, arity, authentication, subscribed mode.
        if (!spec.acceptsArgCount(argv.length)) {
            out.error(CommandError.wrongArity(spec.name).getMessage());
            return;
        }
        // A container command (CLIENT, CONFIG, COMMAND, PUBSUB) names its subcommand in the next argument. Redis
        // resolves the subcommand, and checks its existence and arity, as part of looking the command up: before
        // authentication. Our container parsers check exactly that, so for them parsing comes first.
        Command parsed = null;
        if (spec.container) {
            try {
                parsed = spec.parser.apply(args.reset(argv));
            } catch (CommandError e) {
                out.error(e.getMessage());
                return;
            }
        }
        // Cheap checks first: a connection's own flags, and only then the spec's flag lists.
        if (ctx.session().authRequired() && !spec.allowedBeforeAuth()) {
            out.error("NOAUTH Authentication required.");
            return;
        }
        if (ctx.session().inSubscribedMode() && !spec.allowedWhileSubscribed()) {
            String name = parsed == null || argv.length < 2 ? spec.name
                    : spec.name + "|" + new String(argv[1], java.nio.charset.StandardCharsets.ISO_8859_1)
                            .toLowerCase(java.util.Locale.ROOT);
            out.error("ERR Can't execute '" + name + "': only (P|S)SUBSCRIBE / (P|S)UNSUBSCRIBE / PING / QUIT / RESET"
                    + " are allowed in this context");
            return;
        }
        processed++;
        try {
            (parsed != null ? parsed : spec.parser.apply(args.reset(argv))).execute(ctx);
        } catch (CommandError e) {
            out.error(e.getMessage());
        }
    }

    // Lower-case polynomial hash over ASCII letters, so "GET" and "get" land in the same slot.
    private static int hash(byte[] name, int length) {
        int h = 0;
        for (int i = 0; i < length; i++) {
            int b = name[i];
            if (b >= 'A' && b <= 'Z') b += 32;
            h = 31 * h + b;
        }
        return h ^ (h >>> 7);
    }
}
