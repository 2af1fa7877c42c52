package dev.miniredis.command;

import dev.miniredis.command.connection.ConnectionFamily;
import dev.miniredis.command.hash.HashFamily;
import dev.miniredis.command.keys.KeysFamily;
import dev.miniredis.command.list.ListFamily;
import dev.miniredis.command.pubsub.PubSubFamily;
import dev.miniredis.command.server.ServerFamily;
import dev.miniredis.command.set.SetFamily;
import dev.miniredis.command.string.StringFamily;
import dev.miniredis.command.tx.Transaction;
import dev.miniredis.command.tx.TxFamily;
import dev.miniredis.command.zset.ZSetFamily;
import dev.miniredis.db.KeyTooLongException;
import dev.miniredis.protocol.Resp;
import dev.miniredis.time.Clock;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Function;

/**
 * Collects the commands' specs and runs commands: find the spec, check the arity, check authentication and subscribed
 * mode, parse, execute. The commands themselves know nothing of these checks; each declares a {@link CommandSpec} and
 * this class applies the rules to all of them in one place, in Redis's order.
 *
 * <p>Names are matched case-insensitively straight on the bytes the client sent (an open-addressing table keyed by a
 * lower-case hash), so looking a command up allocates nothing and never builds a {@code String}. A container's
 * subcommand is found the same way in the container's own table. A name that matches nothing resolves to
 * {@link Unknown}, which is a command like any other: it answers with Redis's error.
 */
public final class CommandTable {
    /** The Redis version this server presents itself as (HELLO, INFO): clients decide from it which commands to send. */
    public static final String REDIS_VERSION = "7.0.15";

    private final SpecIndex commands = new SpecIndex();
    private final Args args = new Args(this);
    private long processed;
    private final CommandStats stats = new CommandStats();
    private final SlowLog slowLog = new SlowLog();
    private final LatencyMonitor latency = new LatencyMonitor();
    private final Monitors monitors = new Monitors();
    private Clock clock = Clock.SYSTEM_NANOS;
    /** The reading that ended the previous command of this pipeline, or {@link #NO_READING}; see {@link #run}. */
    private long chainedNanos = NO_READING;
    private static final long NO_READING = Long.MIN_VALUE;

    /**
     * The table with every command this server implements.
     *
     * @return a new table; each event loop needs its own, since running commands is not thread-safe
     */
    public static CommandTable standard() {
        CommandTable t = new CommandTable();
        for (List<CommandSpec> family : List.of(ConnectionFamily.specs(), StringFamily.specs(), KeysFamily.specs(),
                ListFamily.specs(), HashFamily.specs(), SetFamily.specs(), ZSetFamily.specs(),
                PubSubFamily.specs(), TxFamily.specs(), ServerFamily.specs())) {
            for (CommandSpec spec : family) t.register(spec);
        }
        return t;
    }

    /**
     * Adds a command.
     *
     * @param spec the command's spec; a container brings its subcommands along
     * @throws IllegalArgumentException if the name is already registered, or names a subcommand
     */
    public void register(CommandSpec spec) {
        if (spec.name().indexOf('|') >= 0) throw new IllegalArgumentException(spec.name() + " is a subcommand");
        commands.add(spec);
    }

    /**
     * Adds a command with only what the server itself needs to run it (tests use it for made-up commands).
     *
     * @param name the command name, lower case
     * @param arity the exact argument count if positive, the minimum if negative (name included)
     * @param parser turns the arguments into a runnable command, or throws {@link CommandError}
     */
    public void register(String name, int arity, Function<Args, Command> parser) {
        register(CommandSpec.of(name, arity).parser(parser));
    }

    /**
     * Every registered command (not their subcommands), in registration order.
     *
     * @return an unmodifiable list
     */
    public List<CommandSpec> specs() {
        return commands.all();
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
     * Where command durations come from: the event loop passes its clock, so tests measure with a manual one.
     *
     * @param clock the clock whose {@link Clock#nanos()} times each command
     */
    public void clock(Clock clock) {
        this.clock = clock;
    }

    /**
     * Per-command and per-error counters (INFO commandstats, errorstats, total_error_replies).
     *
     * @return this table's counters
     */
    public CommandStats stats() {
        return stats;
    }

    /**
     * The slow log (SLOWLOG, and the slowlog-* settings).
     *
     * @return this table's slow log
     */
    public SlowLog slowLog() {
        return slowLog;
    }

    /**
     * The latency monitor (LATENCY, and latency-monitor-threshold).
     *
     * @return this table's latency monitor
     */
    public LatencyMonitor latency() {
        return latency;
    }

    /**
     * The connections in MONITOR mode.
     *
     * @return this table's monitors
     */
    public Monitors monitors() {
        return monitors;
    }

    /** CONFIG RESETSTAT's part: commands processed, per-command and per-error counters back to zero. */
    public void resetStats() {
        processed = 0;
        stats.reset();
    }

    /**
     * The command for a name as the client sent it, in any case; null if unknown.
     *
     * @param name the command name's raw bytes
     * @return the matching spec, or null
     */
    public CommandSpec lookup(byte[] name) {
        return commands.find(name);
    }

    /**
     * A command or subcommand by the full name Redis gives it ({@code get}, {@code client|list}), in any case, as COMMAND
     * INFO and COMMAND DOCS take them.
     *
     * @param fullName the name's raw bytes
     * @return the spec, or null if there is none by that name
     */
    public CommandSpec lookupFullName(byte[] fullName) {
        String name = new String(fullName, StandardCharsets.ISO_8859_1);
        int bar = name.indexOf('|');
        if (bar < 0) return lookup(fullName);
        if (name.indexOf('|', bar + 1) >= 0) return null;
        CommandSpec container = lookup(name.substring(0, bar).getBytes(StandardCharsets.ISO_8859_1));
        return container == null ? null : container.subcommand(name.substring(bar + 1).getBytes(StandardCharsets.ISO_8859_1));
    }

    /** Keys evicted before one command at most; a command that finds the keyspace still over the limit evicts more. */
    static final int MAX_EVICTIONS_PER_COMMAND = 1000;

    /**
     * Runs one command and writes its reply to the context's connection. Client mistakes become error replies here;
     * nothing escapes to the event loop. A command must throw {@link CommandError} before it writes any part of a reply.
     *
     * <p>This is also the one place every command is measured: one {@link Clock#nanos()} reading per command (see
     * {@link #startPipeline()}), from which come INFO commandstats, the slow log and the latency monitor; and the one
     * place MONITOR is fed.
     *
     * @param argv the command as parsed from the wire, name first
     * @param ctx the context, already pointed at the sending connection
     * @return true if the command ran or was refused; false if it must wait (CLIENT PAUSE): nothing was written, and the
     *         caller parks the connection and calls again with the same {@code argv} when the pause ends
     */
    public boolean execute(byte[][] argv, Context ctx) {
        Session session = ctx.session();
        // The checks come in Redis's order: the name (and a container's subcommand), arity, authentication, maxmemory,
        // subscribed mode, CLIENT PAUSE. Only then does the command's own parser look at its arguments. Inside MULTI a
        // command that passes them is queued instead of run, and one that fails them spoils the transaction (see
        // reject).
        CommandSpec spec = resolve(argv);
        Transaction tx = session.transactionOrNull();
        boolean queuing = tx != null && tx.queuing();
        if (spec == Unknown.COMMAND || spec == Unknown.SUBCOMMAND) {
            session.lastCommand(null);
            if (queuing) tx.flagAbort();
            run(spec, argv, ctx);                                // writes the unknown-command error
            return true;
        }
        session.lastCommand(spec);
        if (!spec.acceptsArgCount(argv.length)) {
            reject(ctx, spec, tx, CommandError.wrongArity(spec.name()).getMessage());
            return true;
        }
        // Cheap checks first: a connection's own state, and only then the spec. authRequired() is the server's one
        // authentication predicate, the same one the parser's pre-AUTH limits ask.
        if (session.authRequired() && !spec.allowedBeforeAuth()) {
            reject(ctx, spec, tx, "NOAUTH Authentication required.");
            return true;
        }
        // maxmemory, as Redis's processCommand does it: evict first (under the policy), then refuse a command that may
        // add memory if the keyspace is still over the limit. One comparison per command while no limit is set. Inside
        // MULTI every command but EXEC, DISCARD, QUIT and RESET counts as adding memory (the queue grows), and EXEC does
        // if a queued command does.
        if (ctx.keyspace().maxMemoryBytes() != 0 && !ctx.keyspace().evictIfNeeded(ctx.now(), MAX_EVICTIONS_PER_COMMAND)
                && (spec.has(Flag.DENYOOM) || (queuing && (isExec(spec) ? tx.deniesOom() : !endsQueuing(spec))))) {
            reject(ctx, spec, tx, "OOM command not allowed when used memory > 'maxmemory'.");
            return true;
        }
        // A monitor counts as a replica in Redis, and a replica may not touch the keyspace.
        if (spec.touchesKeyspace() && session.monitoring()) {
            reject(ctx, spec, tx, "ERR Replica can't interact with the keyspace");
            return true;
        }
        if (session.inSubscribedMode() && !spec.allowedWhileSubscribed()) {
            reject(ctx, spec, tx, "ERR Can't execute '" + spec.name() + "': only (P|S)SUBSCRIBE / (P|S)UNSUBSCRIBE / PING"
                    + " / QUIT / RESET are allowed in this context");
            return true;
        }
        // CLIENT PAUSE: the command waits, unread, until the pause ends (the caller parks the connection). Under WRITE
        // only what may change data or reach replicas waits, as Redis 7.0 decides it: the write and may_replicate flags.
        // Monitors are replicas to Redis, and replicas are never paused. EXEC waits if a queued command would.
        int pause = ctx.server().clientPause();
        if (pause != ServerControl.PAUSE_NONE && !session.monitoring()
                && (pause == ServerControl.PAUSE_ALL || spec.mayWrite()
                    || (queuing && isExec(spec) && tx.mayWrite()))) {
            return false;
        }
        if (queuing && spec.has(Flag.NO_MULTI)) {
            reject(ctx, spec, tx, "ERR Command not allowed inside a transaction");
            return true;
        }
        if (queuing && !endsQueuing(spec) && !isNamed(spec, "multi") && !isNamed(spec, "watch")) {
            tx.queue(spec, argv);
            ctx.reply().raw(QUEUED);
            return true;
        }
        run(spec, argv, ctx);
        // A blocking command that found nothing registered its client and wrote nothing: the loop parks it, and runs
        // this argv again when one of its keys comes into being, its timeout passes, or CLIENT UNBLOCK frees it.
        return !ctx.blocking().takeJustBlocked(session);
    }

    private static final byte[] QUEUED = "+QUEUED\r\n".getBytes(StandardCharsets.US_ASCII);

    /**
     * Runs a command EXEC took from its queue: no checks again (they ran when it was queued), as Redis's {@code call}.
     *
     * @param spec the command's spec, resolved when it was queued
     * @param argv the queued arguments
     * @param ctx the context, pointed at the connection running EXEC
     */
    public void runQueued(CommandSpec spec, byte[][] argv, Context ctx) {
        ctx.inExec(true);                 // blocking commands answer as if they timed out at once, as in Redis
        try {
            run(spec, argv, ctx);
        } finally {
            ctx.inExec(false);
        }
    }

    /**
     * The loop calls this before it runs the commands of one read (or of one resumed connection): the next command's
     * duration starts from a fresh clock reading, not from the end of a command of another connection.
     */
    public void startPipeline() {
        chainedNanos = NO_READING;
    }

    // Timing costs one clock reading per command, not two: System.nanoTime is about 25 ns, and two of them were 3% of a
    // pipelined GET. The reading that ends a command starts the next one of the same pipeline, so a duration also holds
    // the checks and the argument parsing of its own command (tens of nanoseconds for the usual command; Redis times its
    // call() alone). Only the first command after startPipeline() reads the clock twice.
    private void run(CommandSpec spec, byte[][] argv, Context ctx) {
        if (spec.counted()) processed++;
        long errorsBefore = stats.totalErrorReplies();
        long startNanos = chainedNanos != NO_READING ? chainedNanos : clock.nanos();
        try {
            spec.parse(args.reset(argv)).execute(ctx);
        } catch (CommandError | KeyTooLongException e) {
            ctx.reply().error(e.getMessage());
        }
        long endNanos = clock.nanos();
        chainedNanos = endNanos;
        long durationMicros = (endNanos - startNanos) / 1000;
        if (spec != Unknown.COMMAND && spec != Unknown.SUBCOMMAND) {
            afterCall(spec, argv, ctx, durationMicros, stats.totalErrorReplies() != errorsBefore);
        }
    }

    // What Redis's call() does once a command returns: count it, maybe log it as slow, maybe sample its latency, feed
    // the monitors. Each costs one comparison unless it has something to do.
    private void afterCall(CommandSpec spec, byte[][] argv, Context ctx, long durationMicros, boolean failed) {
        stats.called(spec, durationMicros, failed);
        if (!spec.skipsSlowLog()) {
            if (latency.thresholdMillis() != 0) {
                latency.sampleIfNeeded(spec.has(Flag.FAST) ? "fast-command" : "command", durationMicros / 1000,
                        ctx.now() / 1000);
            }
            if (slowLog.wants(durationMicros)) {
                Session s = ctx.session();
                slowLog.add(redacted(spec, argv), ctx.now() / 1000, durationMicros, s.address(), s.name());
            }
        }
        if (!monitors.isEmpty() && !spec.hiddenFromMonitor()) {
            // Redis stamps the line with the time it is written, in microseconds; we have the turn's millisecond.
            monitors.feed(ctx.now() * 1000, ctx.session().db(), ctx.session().address(), redacted(spec, argv));
        }
    }

    private static final byte[] REDACTED = Resp.ascii("(redacted)");

    /**
     * The arguments as the slow log and MONITOR may show them: AUTH's and HELLO ... AUTH's username and password replaced
     * by {@code (redacted)}, as Redis's {@code redactClientCommandArgument} does. Other commands come back as they are.
     */
    static byte[][] redacted(CommandSpec spec, byte[][] argv) {
        String name = spec.name();
        if (name.equals("auth")) {
            byte[][] copy = argv.clone();
            for (int i = 1; i < copy.length; i++) copy[i] = REDACTED;
            return copy;
        }
        if (!name.equals("hello")) return argv;
        byte[][] copy = argv;
        for (int j = 2; j < argv.length; j++) {
            String option = new String(argv[j], StandardCharsets.ISO_8859_1);
            if (option.equalsIgnoreCase("auth") && j + 2 < argv.length) {
                if (copy == argv) copy = argv.clone();
                copy[j + 1] = REDACTED;
                copy[j + 2] = REDACTED;
                j += 2;
            } else if (option.equalsIgnoreCase("setname") && j + 1 < argv.length) {
                j++;
            } else {
                break;
            }
        }
        return copy;
    }

    // Redis's rejectCommand: the error, and inside MULTI the transaction is spoiled. A rejected EXEC (even outside
    // MULTI) ends any transaction at once and answers EXECABORT with the reason; Redis drops the "ERR " of the errors it
    // formats there (arity, subscribed mode) but keeps the code of its shared ones (NOAUTH, OOM).
    // Every refusal also counts as a rejected call on the command's row (INFO commandstats), as in Redis.
    private void reject(Context ctx, CommandSpec spec, Transaction tx, String error) {
        stats.rejected(spec);
        if (isExec(spec)) {
            if (tx != null) {
                ctx.watches().unwatchAll(tx);
                tx.discardQueue();
            }
            ctx.reply().error("EXECABORT Transaction discarded because of: "
                    + (error.startsWith("ERR ") ? error.substring(4) : error));
            return;
        }
        if (tx != null) tx.flagAbort();
        ctx.reply().error(error);
    }

    private static boolean isExec(CommandSpec spec) {
        return isNamed(spec, "exec");
    }

    // The commands that run even inside MULTI: they end (or reset) the transaction, or leave the connection.
    private static boolean endsQueuing(CommandSpec spec) {
        return isNamed(spec, "exec") || isNamed(spec, "discard") || isNamed(spec, "quit") || isNamed(spec, "reset");
    }

    private static boolean isNamed(CommandSpec spec, String name) {
        return spec.name().equals(name);
    }

    /**
     * The spec that answers this command. A container's subcommand is part of the name, as in Redis's
     * {@code lookupCommand}: {@code CLIENT SETNAME x} resolves to {@code client|setname}, with its own arity, before
     * authentication is even checked. Never null: what matches nothing resolves to one of {@link Unknown}'s specs.
     */
    private CommandSpec resolve(byte[][] argv) {
        CommandSpec spec = commands.find(argv[0]);
        if (spec == null) return Unknown.COMMAND;
        if (argv.length < 2 || !spec.isContainer()) return spec;
        CommandSpec sub = spec.subcommand(argv[1]);
        return sub != null ? sub : Unknown.SUBCOMMAND;
    }
}
