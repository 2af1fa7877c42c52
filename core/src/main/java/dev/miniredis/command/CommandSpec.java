package dev.miniredis.command;

import dev.miniredis.protocol.Resp;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Everything about one command except what it does: its name, its arity, its flags, where its keys are, how COMMAND
 * DOCS describes it, and the parser that turns its arguments into a runnable {@link Command}. Each command declares its
 * spec in its own file, next to its {@code parse} and {@code execute}:
 *
 * <pre>{@code
 * static final CommandSpec SPEC = CommandSpec.of("setnx", 3, Flag.WRITE, Flag.DENYOOM, Flag.FAST)
 *         .keys(1, 1, 1).categories(Category.STRING).group("string").since("1.0.0")
 *         .summary("Set the string value of a key only when the key doesn't exist.").parser(SetNx::parse);
 * }</pre>
 *
 * This is one row of Redis's {@code commands.def}, spelled in Java. The {@link CommandTable} collects specs and reads them
 * for the checks every command passes before it runs (arity, authentication, subscribed mode); COMMAND reports them.
 *
 * <h2>Arity</h2>
 * Redis's convention: a positive arity is the exact argument count, the command name included; a negative one is a
 * minimum. {@code GET key} is 2; {@code DEL key [key ...]} is -2.
 *
 * <h2>Containers</h2>
 * A container (CLIENT, CONFIG, COMMAND, PUBSUB) is a spec with {@linkplain #subcommands(CommandSpec...) subcommands}:
 * the client's second argument names one, and from then on the subcommand is a command of its own, with its own arity,
 * flags and parser, and a full name such as {@code client|list} that Redis prints in errors and COMMAND INFO. Subcommand
 * specs are declared with that full name. CLIENT, CONFIG and PUBSUB have an arity of -2, so the table always goes on to a
 * subcommand and they need no parser of their own; COMMAND, arity -1, also runs bare.
 *
 * <h2>Building</h2>
 * A spec is configured once, in the static initializer of the class that declares it, by chaining the methods that
 * return {@code this}; after that it is only read, by any number of tables on any number of threads. The flags are given
 * to {@link #of} and never change, because the checks derived from them are worked out there, once, rather than on
 * every command.
 */
public final class CommandSpec {
    private static final Function<Args, Command> NO_PARSER = args -> {
        throw new IllegalStateException("no parser for " + new String(args.get(0), StandardCharsets.ISO_8859_1));
    };

    private final String name;
    private final String word;
    private final byte[] wordBytes;
    private final int arity;
    private final EnumSet<Flag> flags;
    private final Set<Flag> flagsView;
    private final boolean allowedBeforeAuth;
    // Flags the command table asks about for every command, looked up once here (see CommandTable.afterCall).
    private final boolean skipsSlowLog;
    private final boolean hiddenFromMonitor;
    private final boolean mayWrite;
    private final boolean touchesKeyspace;
    private final EnumSet<Category> categories = EnumSet.noneOf(Category.class);
    private int firstKey;
    private int lastKey;
    private int keyStep;
    private String group = "generic";
    private String since = "0.0.0";
    private String summary = "";
    private Function<Args, Command> parser = NO_PARSER;
    private SpecIndex subcommands;
    private boolean allowedWhileSubscribed;
    private boolean counted = true;
    /** This spec's row in every table's {@link CommandStats}: specs are shared by all tables, the counters are not. */
    private final int statsSlot = NEXT_STATS_SLOT.getAndIncrement();
    private static final java.util.concurrent.atomic.AtomicInteger NEXT_STATS_SLOT = new java.util.concurrent.atomic.AtomicInteger();

    private CommandSpec(String name, int arity, Flag... flags) {
        int bar = name.indexOf('|');
        if (name.isEmpty() || !name.equals(name.toLowerCase(java.util.Locale.ROOT)) || bar == 0
                || bar == name.length() - 1 || name.indexOf('|', bar + 1) >= 0) {
            throw new IllegalArgumentException("not a lower-case command name or container|subcommand: " + name);
        }
        this.name = name;
        this.word = name.substring(bar + 1);
        this.wordBytes = Resp.ascii(word);
        this.arity = arity;
        this.flags = flags.length == 0 ? EnumSet.noneOf(Flag.class) : EnumSet.copyOf(Arrays.asList(flags));
        this.flagsView = Collections.unmodifiableSet(this.flags);
        this.allowedBeforeAuth = this.flags.contains(Flag.NO_AUTH);
        this.skipsSlowLog = this.flags.contains(Flag.SKIP_SLOWLOG);
        this.hiddenFromMonitor = this.flags.contains(Flag.ADMIN) || this.flags.contains(Flag.SKIP_MONITOR);
        this.mayWrite = this.flags.contains(Flag.WRITE) || this.flags.contains(Flag.MAY_REPLICATE);
        this.touchesKeyspace = mayWrite || this.flags.contains(Flag.READONLY);
    }

    /**
     * Starts a spec.
     *
     * @param name the name in lower case; for a subcommand, the full name {@code container|subcommand}
     * @param arity the exact argument count if positive, the minimum if negative (the name counts, and for a subcommand
     *              the container's name too: {@code CLIENT SETNAME name} is 3)
     * @param flags Redis's flags for the command
     * @return the new spec, to be configured by chaining
     * @throws IllegalArgumentException if the name is not lower case or has more than one {@code |}
     */
    public static CommandSpec of(String name, int arity, Flag... flags) {
        return new CommandSpec(name, arity, flags);
    }

    /**
     * Where the keys are, by position: 0, 0, 0 for a command without keys; a negative last position counts from the end
     * ({@code MGET} is 1, -1, 1; {@code MSET}, with values between its keys, is 1, -1, 2).
     *
     * @param first the position of the first key
     * @param last the position of the last key
     * @param step the distance between keys
     * @return this spec
     */
    public CommandSpec keys(int first, int last, int step) {
        this.firstKey = first;
        this.lastKey = last;
        this.keyStep = step;
        return this;
    }

    /**
     * The ACL categories Redis lists for the command itself ({@code @string}, {@code @keyspace}, {@code @dangerous},
     * ...); the ones its flags imply are added by {@link #categories()}.
     *
     * @param explicit the categories
     * @return this spec
     */
    public CommandSpec categories(Category... explicit) {
        categories.addAll(Arrays.asList(explicit));
        return this;
    }

    /**
     * The documentation group, as COMMAND DOCS reports it.
     *
     * @param group {@code string}, {@code generic}, {@code connection}, {@code pubsub}, {@code server}, ...
     * @return this spec
     */
    public CommandSpec group(String group) {
        this.group = group;
        return this;
    }

    /**
     * The Redis version that introduced the command.
     *
     * @param version such as {@code 1.0.0}
     * @return this spec
     */
    public CommandSpec since(String version) {
        this.since = version;
        return this;
    }

    /**
     * One sentence for COMMAND DOCS.
     *
     * @param text the summary
     * @return this spec
     */
    public CommandSpec summary(String text) {
        this.summary = text;
        return this;
    }

    /**
     * What turns the arguments into a runnable command. It runs only after the arity, authentication and subscribed-mode
     * checks passed, and reports a client's mistake by throwing {@link CommandError}.
     *
     * @param parser usually a method reference to the command's static {@code parse(Args)}
     * @return this spec
     */
    public CommandSpec parser(Function<Args, Command> parser) {
        this.parser = parser;
        return this;
    }

    /**
     * Makes this spec a container of the given subcommands.
     *
     * @param specs subcommand specs, each named {@code thisname|subcommand}
     * @return this spec
     * @throws IllegalArgumentException if a subcommand is not named after this container, or is named twice
     */
    public CommandSpec subcommands(CommandSpec... specs) {
        if (subcommands == null) subcommands = new SpecIndex();
        for (CommandSpec sub : specs) {
            if (!sub.name.equals(name + "|" + sub.word)) {
                throw new IllegalArgumentException(sub.name + " is not a subcommand of " + name);
            }
            subcommands.add(sub);
        }
        return this;
    }

    /**
     * Lets a RESP2 connection in subscribed mode run this command. Redis allows (P|S)(UN)SUBSCRIBE, PING, QUIT and RESET
     * there, a list written into its {@code processCommand}, not a flag; so this is not a {@link Flag} either, and
     * COMMAND does not report it.
     *
     * @return this spec
     */
    public CommandSpec allowWhileSubscribed() {
        this.allowedWhileSubscribed = true;
        return this;
    }

    /**
     * Leaves the command out of {@code total_commands_processed}: for {@link Unknown}, since Redis counts only the
     * commands it runs, and rejects an unknown name before running anything.
     */
    CommandSpec notCounted() {
        this.counted = false;
        return this;
    }

    /**
     * The full name, lower case, as Redis prints it in errors and COMMAND INFO.
     *
     * @return {@code get}, or for a subcommand {@code client|list}
     */
    public String name() {
        return name;
    }

    /** The name the client types to reach this spec: the command name, or the part after {@code |} for a subcommand. */
    String word() {
        return word;
    }

    byte[] wordBytes() {
        return wordBytes;
    }

    /**
     * Redis's arity.
     *
     * @return the exact argument count if positive, the minimum if negative
     */
    public int arity() {
        return arity;
    }

    /**
     * Whether a command with this many arguments passes the arity check.
     *
     * @param count the argument count, name included
     * @return true if it has the exact count (positive arity) or at least the minimum (negative arity)
     */
    public boolean acceptsArgCount(int count) {
        return arity > 0 ? count == arity : count >= -arity;
    }

    /**
     * Whether the command has a flag.
     *
     * @param flag the flag
     * @return true if it was given to {@link #of}
     */
    public boolean has(Flag flag) {
        return flags.contains(flag);
    }

    /**
     * The flags, in Redis's order; {@link Flag#reported()} says which ones COMMAND INFO shows.
     *
     * @return an unmodifiable view
     */
    public Set<Flag> flags() {
        return flagsView;
    }

    /**
     * The command's ACL categories, in Redis's order: the ones named by {@link #categories(Category...)} plus the ones
     * its flags imply, worked out as Redis's {@code setImplicitACLCategories} does.
     *
     * @return a new set
     */
    public Set<Category> categories() {
        EnumSet<Category> all = EnumSet.copyOf(categories);
        if (has(Flag.WRITE)) all.add(Category.WRITE);
        if (has(Flag.READONLY) && !categories.contains(Category.SCRIPTING)) all.add(Category.READ);
        if (has(Flag.ADMIN)) {
            all.add(Category.ADMIN);
            all.add(Category.DANGEROUS);
        }
        if (has(Flag.PUBSUB)) all.add(Category.PUBSUB);
        if (has(Flag.FAST)) all.add(Category.FAST);
        if (has(Flag.BLOCKING)) all.add(Category.BLOCKING);
        if (!all.contains(Category.FAST)) all.add(Category.SLOW);   // "if it's not @fast it's @slow in this binary world"
        return all;
    }

    /**
     * The position of the first key, 0 if the command takes none.
     *
     * @return the position
     */
    public int firstKey() {
        return firstKey;
    }

    /**
     * The position of the last key; negative counts from the end.
     *
     * @return the position
     */
    public int lastKey() {
        return lastKey;
    }

    /**
     * The distance between keys.
     *
     * @return the step, 0 if the command takes no keys
     */
    public int keyStep() {
        return keyStep;
    }

    /**
     * The documentation group.
     *
     * @return such as {@code string}
     */
    public String group() {
        return group;
    }

    /**
     * The Redis version that introduced the command.
     *
     * @return such as {@code 1.0.0}
     */
    public String since() {
        return since;
    }

    /**
     * The one-sentence description.
     *
     * @return the summary
     */
    public String summary() {
        return summary;
    }

    /**
     * Whether the command may run before the connection authenticates: the {@link Flag#NO_AUTH} flag, looked up once.
     *
     * @return true for AUTH, HELLO, QUIT and RESET
     */
    public boolean allowedBeforeAuth() {
        return allowedBeforeAuth;
    }

    /**
     * Whether a RESP2 connection in subscribed mode may run the command; see {@link #allowWhileSubscribed()}.
     *
     * @return true for the pub/sub commands, PING, QUIT and RESET
     */
    public boolean allowedWhileSubscribed() {
        return allowedWhileSubscribed;
    }

    boolean counted() {
        return counted;
    }

    int statsSlot() {
        return statsSlot;
    }

    /** SKIP_SLOWLOG: kept out of the slow log and the latency monitor. */
    boolean skipsSlowLog() {
        return skipsSlowLog;
    }

    /** ADMIN or SKIP_MONITOR: not shown to MONITOR. */
    boolean hiddenFromMonitor() {
        return hiddenFromMonitor;
    }

    /** WRITE or MAY_REPLICATE: held back by CLIENT PAUSE WRITE. */
    boolean mayWrite() {
        return mayWrite;
    }

    /** WRITE, MAY_REPLICATE or READONLY: refused on a monitor, which Redis counts as a replica. */
    boolean touchesKeyspace() {
        return touchesKeyspace;
    }

    /**
     * Whether the command is a container of subcommands.
     *
     * @return true for CLIENT, CONFIG, COMMAND and PUBSUB
     */
    public boolean isContainer() {
        return subcommands != null;
    }

    /**
     * The subcommand a client named, in any letter case, found without allocating.
     *
     * @param word the subcommand name as sent
     * @return its spec, or null if this container has no such subcommand (or is not a container)
     */
    public CommandSpec subcommand(byte[] word) {
        return subcommands == null ? null : subcommands.find(word);
    }

    /**
     * The subcommands, in the order they were declared.
     *
     * @return an unmodifiable list, empty if this is not a container
     */
    public List<CommandSpec> subcommands() {
        return subcommands == null ? List.of() : subcommands.all();
    }

    /** Runs the parser; the arity and mode checks have passed. */
    Command parse(Args args) {
        return parser.apply(args);
    }

    @Override
    public String toString() {
        return name;
    }
}
