package dev.miniredis.reactor;

import dev.miniredis.command.CommandError;
import dev.miniredis.command.Settings;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * {@link ServerConfig} seen through Redis's parameter names, for CONFIG GET and CONFIG SET. A parameter is either live
 * (it reads the config, and SET changes what the loop does from its next turn on) or a constant describing how this
 * server works (no persistence, no eviction, one database).
 */
final class ConfigSettings implements Settings {
    private record Param(Supplier<String> get, Function<String, String> set) {
    }

    private static final String NOT_AN_INTEGER = "argument couldn't be parsed into an integer";

    private final Map<String, Param> params = new LinkedHashMap<>();

    ConfigSettings(ServerConfig config, Runnable onClientLimitChange, Runnable onIdleTimeoutChange) {
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
        constant("databases", "1");
        constant("save", "");
        constant("appendonly", "no");
        constant("appendfsync", "everysec");
        constant("maxmemory", "0");
        constant("maxmemory-policy", "noeviction");
        constant("tcp-backlog", "511");
        constant("tcp-keepalive", "0");
        constant("hz", "10");
        constant("io-threads", "1");
        constant("cluster-enabled", "no");
        constant("notify-keyspace-events", "");
        constant("lazyfree-lazy-user-flush", "no");
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
