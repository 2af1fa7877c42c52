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
 * {@link ServerConfig} seen through Redis's parameter names, for CONFIG GET and CONFIG SET. A parameter is either live
 * (it reads the config, and SET changes what the loop does from its next turn on) or a constant describing how this
 * server works (no persistence, one database).
 */
final class ConfigSettings implements Settings {
    private record Param(Supplier<String> get, Function<String, String> set) {
    }

    private static final String NOT_AN_INTEGER = "argument couldn't be parsed into an integer";

    private final Map<String, Param> params = new LinkedHashMap<>();

    ConfigSettings(ServerConfig config, Keyspace keyspace, dev.miniredis.pubsub.Notifications notifications, Runnable onClientLimitChange, Runnable onIdleTimeoutChange,
                   dev.miniredis.command.CommandTable commands) {
        live("port", () -> String.valueOf(config.port()), null);
        live("bind", config::bind, null);
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
        live("requirepass", () -> config.requirePass() == null ? "" : new String(config.requirePass(),
                java.nio.charset.StandardCharsets.UTF_8), v -> {
            config.requirePass(v.isEmpty() ? null : v);
            return null;
        });
        live("proto-max-bulk-len", () -> String.valueOf(config.maxBulkBytes()), null);
        live("client-query-buffer-limit", () -> String.valueOf(config.queryBufferLimitBytes()), null);
        live("client-output-buffer-limit", () -> "normal 0 0 0 slave 268435456 67108864 60 pubsub "
                + config.pubsubHardLimitBytes() + " " + config.pubsubSoftLimitBytes() + " "
                + config.pubsubSoftLimitSeconds(), null);
        constant("databases", String.valueOf(keyspace.count()));
        constant("save", "");
        constant("appendonly", "no");
        constant("appendfsync", "everysec");
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
        constant("maxmemory-eviction-tenacity", "10");
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
        constant("list-compress-depth", "0");
        constant("tcp-backlog", "511");
        constant("tcp-keepalive", "0");
        constant("hz", "10");
        constant("io-threads", "1");
        constant("cluster-enabled", "no");
        live("notify-keyspace-events", notifications::get, notifications::set);
        constant("lazyfree-lazy-user-flush", "no");
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
            if (n == null || n < 0) return "argument must be a memory value";
            set.accept(n);
            return null;
        });
        params.put(name, p);
        if (alias != null) params.put(alias, p);
    }

    private void live(String name, Supplier<String> get, Function<String, String> set) {
        params.put(name, new Param(get, set));
    }

    private void constant(String name, String value) {
        params.put(name, new Param(() -> value, null));
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
