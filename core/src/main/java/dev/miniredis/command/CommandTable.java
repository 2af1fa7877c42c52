package dev.miniredis.command;

import dev.miniredis.protocol.Resp;
import dev.miniredis.protocol.RespWriter;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;

/**
 * Maps command names to their specs and runs commands: find the spec, check the arity, parse, execute.
 *
 * <p>Names are matched case-insensitively straight on the bytes the client sent (an open-addressing table keyed by a
 * lower-case hash), so looking a command up allocates nothing and never builds a {@code String}.
 *
 * <p>Arity follows Redis's convention: a positive arity is the exact argument count (name included), a negative one is a
 * minimum. {@code GET} is 2 ({@code GET key}); {@code DEL} is -2 ({@code DEL key [key ...]}).
 */
public final class CommandTable {
    /** One command's entry. {@code name} is lower case, as Redis prints it in error messages. */
    public record Spec(String name, int arity, Function<Args, Command> parser, boolean allowedWhileSubscribed,
                       boolean allowedBeforeAuth) {
        boolean acceptsArgCount(int count) {
            return arity > 0 ? count == arity : count >= -arity;
        }
    }

    private final Spec[] slots = new Spec[256];
    private final List<Spec> specs = new ArrayList<>();
    private final Args args = new Args();

    /** The table with every command this server implements. */
    public static CommandTable standard() {
        CommandTable t = new CommandTable();
        // connection
        t.register("ping", -1, Ping::parse);
        t.register("echo", 2, Echo::parse);
        t.register("select", 2, Select::parse);
        t.register("quit", -1, Quit::parse);
        t.register("auth", -2, Auth::parse);
        // strings
        t.register("get", 2, Get::parse);
        t.register("set", -3, Set::parse);
        t.register("setnx", 3, SetNx::parse);
        t.register("getdel", 2, GetDel::parse);
        t.register("getex", -2, GetEx::parse);
        t.register("mget", -2, MGet::parse);
        t.register("mset", -3, MSet::parse);
        t.register("incr", 2, a -> IncrBy.parse(a, 1));
        t.register("decr", 2, a -> IncrBy.parse(a, -1));
        t.register("incrby", 3, a -> IncrBy.parse(a, 1));
        t.register("decrby", 3, a -> IncrBy.parse(a, -1));
        t.register("append", 3, Append::parse);
        t.register("strlen", 2, Strlen::parse);
        // keys
        t.register("del", -2, Del::parse);
        t.register("exists", -2, Exists::parse);
        t.register("type", 2, Type::parse);
        t.register("keys", 2, Keys::parse);
        t.register("scan", -2, Scan::parse);
        t.register("expire", -3, a -> Expire.parse(a, Expire.Variant.EXPIRE));
        t.register("pexpire", -3, a -> Expire.parse(a, Expire.Variant.PEXPIRE));
        t.register("expireat", -3, a -> Expire.parse(a, Expire.Variant.EXPIREAT));
        t.register("pexpireat", -3, a -> Expire.parse(a, Expire.Variant.PEXPIREAT));
        t.register("ttl", 2, a -> Ttl.parse(a, false));
        t.register("pttl", 2, a -> Ttl.parse(a, true));
        t.register("persist", 2, Persist::parse);
        // pub/sub
        t.register("subscribe", -2, Subscribe::parse);
        t.register("unsubscribe", -1, Unsubscribe::parse);
        t.register("psubscribe", -2, PSubscribe::parse);
        t.register("punsubscribe", -1, PUnsubscribe::parse);
        t.register("publish", 3, Publish::parse);
        t.register("pubsub", -2, PubSubCommand::parse);
        // server
        t.register("dbsize", 1, DbSize::parse);
        t.register("flushdb", -1, FlushDb::parse);
        t.register("flushall", -1, FlushDb::parse);
        t.register("shutdown", -1, Shutdown::parse);
        return t;
    }

    /** The commands a RESP2 connection may still send while it has subscriptions. */
    private static final java.util.Set<String> SUBSCRIBED_MODE_COMMANDS = java.util.Set.of(
            "subscribe", "unsubscribe", "psubscribe", "punsubscribe", "ssubscribe", "sunsubscribe", "ping", "quit", "reset");

    public void register(String name, int arity, Function<Args, Command> parser) {
        Spec spec = new Spec(name, arity, parser, SUBSCRIBED_MODE_COMMANDS.contains(name),
                name.equals("auth") || name.equals("hello") || name.equals("quit"));
        byte[] bytes = Resp.ascii(name);
        int i = hash(bytes, bytes.length) & (slots.length - 1);
        while (slots[i] != null) {
            if (slots[i].name.equals(name)) throw new IllegalArgumentException("duplicate command " + name);
            i = (i + 1) & (slots.length - 1);
        }
        slots[i] = spec;
        specs.add(spec);
    }

    /** Every registered command, in registration order. */
    public List<Spec> specs() {
        return Collections.unmodifiableList(specs);
    }

    /** The spec for a name as the client sent it, in any case; null if unknown. */
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
     */
    public void execute(byte[][] argv, Context ctx) {
        RespWriter out = ctx.reply();
        Spec spec = lookup(argv[0]);
        if (spec == null) {
            Unknown.reply(argv, out);
            return;
        }
        if (!spec.acceptsArgCount(argv.length)) {
            out.error(CommandError.wrongArity(spec.name).getMessage());
            return;
        }
        // The checks come in Redis's order: unknown name, arity, authentication, subscribed mode.
        if (!spec.allowedBeforeAuth && !ctx.session().authenticated()) {
            out.error("NOAUTH Authentication required.");
            return;
        }
        if (!spec.allowedWhileSubscribed && ctx.session().inSubscribedMode()) {
            out.error("ERR Can't execute '" + spec.name + "': only (P|S)SUBSCRIBE / (P|S)UNSUBSCRIBE / PING / QUIT / RESET"
                    + " are allowed in this context");
            return;
        }
        try {
            spec.parser.apply(args.reset(argv)).execute(ctx);
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
