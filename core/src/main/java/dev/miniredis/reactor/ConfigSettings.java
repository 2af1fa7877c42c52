package dev.miniredis.reactor;

import dev.miniredis.command.CommandError;
import dev.miniredis.command.Settings;
import dev.miniredis.db.Keyspace;
import dev.miniredis.db.EncodingLimits;
import dev.miniredis.db.Eviction;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * {@link ServerConfig} seen through Redis's parameter names: the one table behind CONFIG GET and CONFIG SET, the lines
 * of a config file and the {@code --name value} flags (see {@link ConfigFile}), so all of them accept and refuse the
 * same values with the same words. A parameter is one of four kinds:
 * <ul>
 *   <li><b>live</b>: it reads the config or the keyspace, and SET changes what the loop does from its next turn on;</li>
 *   <li><b>constant</b> and <b>fixed</b>: something Redis can change while running but this server cannot (no
 *       persistence, one listening socket). GET tells what this server does; SET accepts that same value, so every
 *       value GET prints goes back through SET, refuses what Redis refuses with Redis's words, and anything else with
 *       our own;</li>
 *   <li><b>immutable</b>: Redis's own start-only parameters ({@code databases}, {@code tcp-backlog}): SET answers
 *       "can't set immutable config", as Redis; a config file may state the value this server has
 *       ({@link #setAtStart}).</li>
 * </ul>
 * Only the loop thread calls it once the server runs (CONFIG runs on the loop); before that, the thread that builds
 * the loop. {@link #defaults()} builds a scratch copy, for checking config file lines and for CONFIG REWRITE.
 */
final class ConfigSettings implements Settings {
    /**
     * One parameter: how to read it, and how to change it (null for a parameter Redis itself cannot change while
     * running). {@code set} returns null on success or Redis's reason for refusing the value.
     */
    private record Param(Supplier<String> get, Function<String, String> set) {
    }

    /** Redis's {@code client-output-buffer-limit} for replicas: kept and printed (there are no replicas here). */
    private String replicaLimits = "268435456 67108864 60";

    private static final String NOT_AN_INTEGER = "argument couldn't be parsed into an integer";

    private final Map<String, Param> params = new LinkedHashMap<>();
    private final ServerConfig config;

    ConfigSettings(ServerConfig config, Keyspace keyspace, dev.miniredis.pubsub.Notifications notifications,
                   Runnable onClientLimitChange, Runnable onIdleTimeoutChange, dev.miniredis.command.CommandTable commands) {
        this.config = config;
        fixed("port", () -> String.valueOf(config.port()));
        fixed("bind", config::bind);
        live("protected-mode", () -> config.protectedMode() ? "yes" : "no", v -> {
            Boolean on = yesNo(v);
            if (on == null) return YES_OR_NO;
            config.protectedMode(on);
            return null;
        });
        live("loglevel", config::logLevel, v -> {
            String level = v.toLowerCase(java.util.Locale.ROOT);
            if (!List.of("debug", "verbose", "notice", "warning").contains(level)) {
                return "argument(s) must be one of the following: debug, verbose, notice, warning";
            }
            config.logLevel(level);
            return null;
        });
        live("maxclients", () -> String.valueOf(config.maxClients()), v -> {
            long n = parseLong(v);
            if (n == Long.MIN_VALUE) return NOT_AN_INTEGER;
            if (n < 1 || n > 4294967295L) return "argument must be between 1 and 4294967295 inclusive";
            config.maxClients((int) Math.min(n, Integer.MAX_VALUE));
            onClientLimitChange.run();
            return null;
        });
        live("timeout", () -> String.valueOf(config.idleTimeoutSeconds()), v -> {
            long n = parseLong(v);
            if (n == Long.MIN_VALUE) return NOT_AN_INTEGER;
            if (n < 0 || n > Integer.MAX_VALUE) return "argument must be between 0 and 2147483647 inclusive";
            config.idleTimeoutSeconds(n);
            onIdleTimeoutChange.run();
            return null;
        });
        live("shutdown-timeout", () -> String.valueOf(config.shutdownTimeoutMillis() / 1000), v -> {
            long n = parseLong(v);
            if (n == Long.MIN_VALUE) return NOT_AN_INTEGER;
            if (n < 0 || n > Integer.MAX_VALUE) return "argument must be between 0 and 2147483647 inclusive";
            config.shutdownTimeoutMillis(n * 1000);
            return null;
        });
        live("requirepass", () -> config.requirePass() == null ? "" : new String(config.requirePass(),
                java.nio.charset.StandardCharsets.UTF_8), v -> {
            config.requirePass(v.isEmpty() ? null : v);
            return null;
        });
        // Read by each new connection's parser (proto-max-bulk-len) and after each read (the query buffer limit).
        live("proto-max-bulk-len", () -> String.valueOf(config.maxBulkBytes()), v -> {
            Long n = ServerConfig.memoryValue(v);
            if (n == null) return "argument must be a memory value";
            if (n < 1024 * 1024) return "argument must be between 1048576 and 9223372036854775807 inclusive";
            config.maxBulkBytes(n);
            return null;
        });
        live("client-query-buffer-limit", () -> String.valueOf(config.queryBufferLimitBytes()), v -> {
            Long n = ServerConfig.memoryValue(v);
            if (n == null) return "argument must be a memory value";
            if (n < 1024 * 1024) return "argument must be between 1048576 and 9223372036854775807 inclusive";
            config.queryBufferLimitBytes(n);
            return null;
        });
        live("client-output-buffer-limit", () -> "normal 0 0 0 slave " + replicaLimits + " pubsub "
                + config.pubsubHardLimitBytes() + " " + config.pubsubSoftLimitBytes() + " "
                + config.pubsubSoftLimitSeconds(), v -> outputBufferLimit(config, v));
        immutable("databases", String.valueOf(keyspace.count()));
        constant("save", "");
        constantChoice("appendonly", "no", YES_OR_NO, "yes", "no");
        constantChoice("appendfsync", "everysec",
                "argument(s) must be one of the following: everysec, always, no", "everysec", "always", "no");
        live("maxmemory", () -> Long.toUnsignedString(keyspace.maxMemoryBytes()), v -> {
            Long bytes = ServerConfig.memoryValue(v);
            if (bytes == null) return "argument must be a memory value";
            keyspace.maxMemoryBytes(bytes);
            config.maxMemoryBytes(bytes);
            return null;
        });
        live("maxmemory-policy", () -> keyspace.eviction().policy().configName(), v -> {
            Eviction.Policy policy = Eviction.Policy.parse(v);
            if (policy == null) {
                return "argument(s) must be one of the following: volatile-lru, volatile-lfu, volatile-random,"
                        + " volatile-ttl, allkeys-lru, allkeys-lfu, allkeys-random, noeviction";
            }
            keyspace.policy(policy);
            config.maxMemoryPolicy(policy.configName());
            return null;
        });
        live("maxmemory-samples", () -> String.valueOf(keyspace.eviction().samples()), v -> {
            long n = parseLong(v);
            if (n == Long.MIN_VALUE) return NOT_AN_INTEGER;
            if (n < 1 || n > Integer.MAX_VALUE) return "argument must be between 1 and 2147483647 inclusive";
            keyspace.samples((int) n);
            return null;
        });
        constantInt("maxmemory-eviction-tenacity", 10, 0, 100);
        constant("maxmemory-clients", "0");
        live("lfu-log-factor", () -> String.valueOf(keyspace.eviction().lfuLogFactor()), v -> {
            long n = parseLong(v);
            if (n == Long.MIN_VALUE) return NOT_AN_INTEGER;
            if (n < 0 || n > Integer.MAX_VALUE) return "argument must be between 0 and 2147483647 inclusive";
            keyspace.lfuLogFactor((int) n);
            return null;
        });
        live("lfu-decay-time", () -> String.valueOf(keyspace.eviction().lfuDecayMinutes()), v -> {
            long n = parseLong(v);
            if (n == Long.MIN_VALUE) return NOT_AN_INTEGER;
            if (n < 0 || n > Integer.MAX_VALUE) return "argument must be between 0 and 2147483647 inclusive";
            keyspace.lfuDecayMinutes((int) n);
            return null;
        });
        // When packed collections convert (see EncodingLimits). Redis 7.0 still answers to the 6.x "ziplist" names as
        // aliases, and CONFIG GET * lists both.
        EncodingLimits limits = keyspace.limits();
        sizeParam("hash-max-listpack-entries", "hash-max-ziplist-entries", () -> limits.hashMaxListpackEntries,
                n -> limits.hashMaxListpackEntries = n);
        memoryParam("hash-max-listpack-value", "hash-max-ziplist-value", () -> limits.hashMaxListpackValue,
                n -> limits.hashMaxListpackValue = n);
        sizeParam("set-max-intset-entries", null, () -> limits.setMaxIntsetEntries, n -> limits.setMaxIntsetEntries = n);
        sizeParam("zset-max-listpack-entries", "zset-max-ziplist-entries", () -> limits.zsetMaxListpackEntries,
                n -> limits.zsetMaxListpackEntries = n);
        memoryParam("zset-max-listpack-value", "zset-max-ziplist-value", () -> limits.zsetMaxListpackValue,
                n -> limits.zsetMaxListpackValue = n);
        Param listSize = new Param(() -> String.valueOf(limits.listMaxListpackSize), v -> {
            long n = parseLong(v);
            if (n == Long.MIN_VALUE) return NOT_AN_INTEGER;
            if (n < Integer.MIN_VALUE || n > Integer.MAX_VALUE) {
                return "argument must be between -2147483648 and 2147483647 inclusive";
            }
            limits.listMaxListpackSize = (int) n;
            return null;
        });
        params.put("list-max-listpack-size", listSize);
        params.put("list-max-ziplist-size", listSize);
        constantInt("list-compress-depth", 0, 0, Integer.MAX_VALUE);
        immutable("tcp-backlog", "511");
        constantInt("tcp-keepalive", 0, 0, Integer.MAX_VALUE);
        constantInt("hz", 10, 0, Integer.MAX_VALUE);
        immutable("io-threads", "1");
        immutable("cluster-enabled", "no");
        live("notify-keyspace-events", notifications::get, notifications::set);
        constantChoice("lazyfree-lazy-user-flush", "no", YES_OR_NO, "yes", "no");
        // Introspection: the command table measures every command; these decide what it keeps.
        dev.miniredis.command.SlowLog slowLog = commands.slowLog();
        live("slowlog-log-slower-than", () -> String.valueOf(slowLog.slowerThanMicros()), v -> {
            long n = parseLong(v);
            if (n == Long.MIN_VALUE) return NOT_AN_INTEGER;
            if (n < -1) return "argument must be between -1 and 9223372036854775807 inclusive";
            slowLog.slowerThanMicros(n);
            return null;
        });
        live("slowlog-max-len", () -> String.valueOf(slowLog.maxLen()), v -> {
            long n = parseLong(v);
            if (n == Long.MIN_VALUE) return NOT_AN_INTEGER;
            if (n < 0) return "argument must be between 0 and 9223372036854775807 inclusive";
            slowLog.maxLen(n);
            return null;
        });
        live("latency-monitor-threshold", () -> String.valueOf(commands.latency().thresholdMillis()), v -> {
            long n = parseLong(v);
            if (n == Long.MIN_VALUE) return NOT_AN_INTEGER;
            if (n < 0) return "argument must be between 0 and 9223372036854775807 inclusive";
            commands.latency().thresholdMillis(n);
            return null;
        });
    }

    // A size_t parameter of Redis's: a plain non-negative integer.
    private void sizeParam(String name, String alias, LongSupplier get, LongConsumer set) {
        Param p = new Param(() -> String.valueOf(get.getAsLong()), v -> {
            long n = parseLong(v);
            if (n == Long.MIN_VALUE) return NOT_AN_INTEGER;
            if (n < 0) return "argument must be between 0 and 9223372036854775807 inclusive";
            set.accept(n);
            return null;
        });
        params.put(name, p);
        if (alias != null) params.put(alias, p);
    }

    // A memory parameter of Redis's: a size with an optional unit (1k, 1kb, 1gb), as maxmemory takes.
    private void memoryParam(String name, String alias, LongSupplier get, LongConsumer set) {
        Param p = new Param(() -> String.valueOf(get.getAsLong()), v -> {
            Long n = ServerConfig.memoryValue(v);
            if (n == null) return "argument must be a memory value";
            if (n < 0) return "argument must be between 0 and 9223372036854775807 inclusive"; // 2^63 and up, unsigned
            set.accept(n);
            return null;
        });
        params.put(name, p);
        if (alias != null) params.put(alias, p);
    }

    private void live(String name, Supplier<String> get, Function<String, String> set) {
        params.put(name, new Param(get, set));
    }

    /**
     * A parameter Redis can change while running but this server cannot (no persistence; one listening socket): it
     * reports what this server does, and CONFIG SET accepts that same value, so every value CONFIG GET prints goes back
     * through CONFIG SET, and a config file may state it. Any other value is refused with our own reason.
     */
    private void constant(String name, String value) {
        params.put(name, new Param(() -> value, v -> v.equals(value) ? null : CANNOT_CHANGE));
    }

    /** The same for an integer: a value Redis would refuse gets Redis's reason, any other value but ours our own. */
    private void constantInt(String name, long value, long min, long max) {
        params.put(name, new Param(() -> String.valueOf(value), v -> {
            long n = parseLong(v);
            if (n == Long.MIN_VALUE) return NOT_AN_INTEGER;
            if (n < min || n > max) return "argument must be between " + min + " and " + max + " inclusive";
            return n == value ? null : CANNOT_CHANGE;
        }));
    }

    /** The same for one of a few words, in any case. */
    private void constantChoice(String name, String value, String redisError, String... choices) {
        params.put(name, new Param(() -> value, v -> {
            if (!List.of(choices).contains(v.toLowerCase(java.util.Locale.ROOT))) return redisError;
            return v.equalsIgnoreCase(value) ? null : CANNOT_CHANGE;
        }));
    }

    private static final String YES_OR_NO = "argument must be 'yes' or 'no'";

    private void fixed(String name, Supplier<String> get) {
        params.put(name, new Param(get, v -> v.equals(get.get()) ? null : CANNOT_CHANGE));
    }

    /** A parameter Redis itself only takes at start: CONFIG SET refuses it, a config file may state its value. */
    private void immutable(String name, String value) {
        params.put(name, new Param(() -> value, null));
        startOnly.put(name, v -> v.equals(value) ? null : CANNOT_CHANGE);
    }

    private static final String CANNOT_CHANGE = "this server cannot change this parameter (see the guide's chapter on"
            + " configuration)";

    private final Map<String, Function<String, String>> startOnly = new LinkedHashMap<>();

    private static Boolean yesNo(String v) {
        if (v.equalsIgnoreCase("yes")) return Boolean.TRUE;
        if (v.equalsIgnoreCase("no")) return Boolean.FALSE;
        return null;
    }

    /**
     * {@code class hard soft seconds [class hard soft seconds ...]}, Redis's checks and words: every class given is
     * checked before any changes. Normal clients have no output limit here, so only {@code normal 0 0 0} is taken.
     */
    private String outputBufferLimit(ServerConfig config, String v) {
        List<String> args = ConfigFile.splitArgs(v);
        if (args != null && args.isEmpty()) return null;               // Redis: an empty value changes nothing
        if (args == null || args.size() % 4 != 0) {
            return "Wrong number of arguments in buffer limit configuration.";
        }
        long[][] limits = new long[args.size() / 4][];
        for (int i = 0; i < args.size(); i += 4) {
            String type = args.get(i).toLowerCase(java.util.Locale.ROOT);
            if (!List.of("normal", "slave", "replica", "pubsub").contains(type)) {
                return "Invalid client class specified in buffer limit configuration.";
            }
            Long hard = ServerConfig.memoryValue(args.get(i + 1));
            Long soft = ServerConfig.memoryValue(args.get(i + 2));
            long seconds = parseLong(args.get(i + 3));
            if (hard == null || soft == null || hard < 0 || soft < 0 || seconds < 0) {
                return "Error in hard, soft or soft_seconds setting in buffer limit configuration.";
            }
            if (type.equals("normal") && (hard != 0 || soft != 0)) return CANNOT_CHANGE;
            limits[i / 4] = new long[] {hard, soft, seconds};
        }
        for (int i = 0; i < args.size(); i += 4) {
            long[] l = limits[i / 4];
            switch (args.get(i).toLowerCase(java.util.Locale.ROOT)) {
                case "pubsub" -> config.pubsubOutputLimit(l[0], l[1], l[2]);
                case "slave", "replica" -> replicaLimits = l[0] + " " + l[1] + " " + l[2];
                default -> { }
            }
        }
        return null;
    }

    private static long parseLong(String v) {
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            return Long.MIN_VALUE;
        }
    }

    @Override
    public List<String> names() {
        return new ArrayList<>(params.keySet());
    }

    @Override
    public String get(String name) {
        Param p = params.get(name);
        return p == null ? null : p.get.get();
    }

    @Override
    public String rewriteConfigFile() {
        if (config.configFile() == null) return Settings.super.rewriteConfigFile();
        try {
            ConfigRewriter.rewrite(config.configFile(), this, defaults());
            return null;
        } catch (java.io.IOException | RuntimeException e) {
            return "Rewriting config file: " + (e instanceof java.nio.file.AccessDeniedException
                    ? "Permission denied" : String.valueOf(e.getMessage()));
        }
    }

    @Override
    public boolean mutable(String name) {
        Param p = params.get(name);
        return p != null && p.set != null;
    }

    /**
     * Sets a parameter before the server starts (a config file line or a flag): like {@link #set}, and a parameter
     * CONFIG SET may not change may still be stated, with the value this server has.
     *
     * @param name the parameter name, lower case
     * @param value the value as text
     * @return null on success, otherwise Redis's reason for refusing the value
     * @throws CommandError for an unknown parameter
     */
    String setAtStart(String name, String value) {
        Function<String, String> start = startOnly.get(name);
        return start != null ? start.apply(value) : set(name, value);
    }

    /** Every parameter at its built-in default: a server's settings before any file, flag or CONFIG SET. */
    static ConfigSettings defaults() {
        ServerConfig fresh = new ServerConfig();
        return new ConfigSettings(fresh, new Keyspace(fresh.databases()),
                new dev.miniredis.pubsub.Notifications(new dev.miniredis.pubsub.PubSub()), () -> { }, () -> { },
                dev.miniredis.command.CommandTable.standard());
    }

    @Override
    public String set(String name, String value) {
        Param p = params.get(name);
        if (p == null) {
            throw new CommandError("ERR Unknown option or number of arguments for CONFIG SET - '" + name + "'");
        }
        if (p.set == null) throw new CommandError("ERR CONFIG SET failed (possibly related to argument '" + name
                + "') - can't set immutable config");
        return p.set.apply(value);
    }
}
