package dev.miniredis.reactor;

import dev.miniredis.protocol.Resp;

/**
 * The server's settings, with Redis's defaults. Plain fields with fluent setters: the server-app fills them from its
 * command-line flags, and tests set what they need (port 0 for an ephemeral port).
 */
public final class ServerConfig {
    private String bind = "127.0.0.1";
    private int port = 6379;
    private int maxClients = 10_000;
    private int databases = dev.miniredis.db.Keyspace.DEFAULT_DATABASES;
    private long maxBulkBytes = Resp.DEFAULT_MAX_BULK_BYTES;
    // Redis's "client-output-buffer-limit pubsub 32mb 8mb 60".
    private long pubsubHardLimitBytes = 32L * 1024 * 1024;
    private long pubsubSoftLimitBytes = 8L * 1024 * 1024;
    private long pubsubSoftLimitSeconds = 60;
    private long queryBufferLimitBytes = 1024L * 1024 * 1024;
    private byte[] requirePass;
    private long idleTimeoutSeconds;
    private long shutdownTimeoutMillis = 5_000;
    private long maxMemoryBytes;
    private String maxMemoryPolicy = "noeviction";
    private boolean protectedMode = true;
    private String logLevel = "notice";
    private java.util.function.Consumer<String> logLevelListener = level -> { };
    private java.nio.file.Path configFile;
    private final java.util.List<Setting> settings = new java.util.ArrayList<>();

    /**
     * One parameter given by name before the start: from a config file line or a {@code --name value} flag.
     *
     * @param name the parameter's name as given, lower case
     * @param value its value, as CONFIG SET takes it
     * @param origin the config file line it came from, or null for a flag or a call of {@link #setting}
     */
    public record Setting(String name, String value, ConfigFile.Line origin) {
    }

    /**
     * The address the listening socket binds to.
     *
     * @return an IP address or host name; {@code 127.0.0.1} by default, so only local clients can connect
     */
    public String bind() {
        return bind;
    }

    /**
     * Sets the listening address; {@code 0.0.0.0} accepts clients on every interface.
     *
     * @param address an IP address or host name
     * @return this config, for chaining
     */
    public ServerConfig bind(String address) {
        this.bind = address;
        return this;
    }

    /**
     * The configured TCP port, 6379 by default.
     *
     * @return the port as configured, possibly 0
     */
    public int port() {
        return port;
    }

    /**
     * 0 asks the kernel for a free ephemeral port; {@link EventLoop#port()} tells which one it chose.
     *
     * @param port the TCP port to listen on
     * @return this config, for chaining
     */
    public ServerConfig port(int port) {
        this.port = port;
        return this;
    }

    /**
     * Redis's {@code databases}: how many numbered databases SELECT can choose from. Fixed once the server starts.
     *
     * @return the count, 16 by default
     */
    public int databases() {
        return databases;
    }

    /**
     * Sets {@code databases}.
     *
     * @param count at least 1
     */
    public void databases(int count) {
        if (count < 1) throw new IllegalArgumentException("databases must be at least 1");
        this.databases = count;
    }

    /**
     * Redis's {@code maxclients}: at this many open connections the loop stops accepting, and new clients wait in the
     * kernel's listen backlog until one closes.
     *
     * @return the limit, 10000 by default
     */
    public int maxClients() {
        return maxClients;
    }

    /**
     * Sets {@code maxclients}.
     *
     * @param maxClients the most connections served at once
     * @return this config, for chaining
     */
    public ServerConfig maxClients(int maxClients) {
        this.maxClients = maxClients;
        return this;
    }

    /**
     * Redis's {@code proto-max-bulk-len}: the largest single argument a client may send.
     *
     * @return the limit in bytes, 512 MB by default
     */
    public long maxBulkBytes() {
        return maxBulkBytes;
    }

    /**
     * Sets {@code proto-max-bulk-len}.
     *
     * @param maxBulkBytes the largest argument in bytes
     * @return this config, for chaining
     */
    public ServerConfig maxBulkBytes(long maxBulkBytes) {
        this.maxBulkBytes = maxBulkBytes;
        return this;
    }

    /**
     * A subscriber with this many unsent bytes is disconnected at once; 0 means no hard limit.
     *
     * @return the hard limit in bytes, 32 MB by default
     */
    public long pubsubHardLimitBytes() {
        return pubsubHardLimitBytes;
    }

    /**
     * A subscriber above this many unsent bytes for longer than {@link #pubsubSoftLimitSeconds()} is disconnected.
     *
     * @return the soft limit in bytes, 8 MB by default; 0 means none
     */
    public long pubsubSoftLimitBytes() {
        return pubsubSoftLimitBytes;
    }

    /**
     * How long a subscriber may stay above the soft limit before it is disconnected.
     *
     * @return seconds, 60 by default
     */
    public long pubsubSoftLimitSeconds() {
        return pubsubSoftLimitSeconds;
    }

    /**
     * Redis's {@code client-output-buffer-limit pubsub <hard> <soft> <soft-seconds>}.
     *
     * @param hardBytes see {@link #pubsubHardLimitBytes()}
     * @param softBytes see {@link #pubsubSoftLimitBytes()}
     * @param softSeconds see {@link #pubsubSoftLimitSeconds()}
     * @return this config, for chaining
     */
    public ServerConfig pubsubOutputLimit(long hardBytes, long softBytes, long softSeconds) {
        this.pubsubHardLimitBytes = hardBytes;
        this.pubsubSoftLimitBytes = softBytes;
        this.pubsubSoftLimitSeconds = softSeconds;
        return this;
    }

    /**
     * Redis's {@code client-query-buffer-limit}: a client holding more unparsed bytes than this is closed.
     *
     * @return the limit in bytes, 1 GB by default
     */
    public long queryBufferLimitBytes() {
        return queryBufferLimitBytes;
    }

    /**
     * Sets {@code client-query-buffer-limit}.
     *
     * @param bytes the most bytes of an unfinished command a client may have us hold
     * @return this config, for chaining
     */
    public ServerConfig queryBufferLimitBytes(long bytes) {
        this.queryBufferLimitBytes = bytes;
        return this;
    }

    /**
     * The password AUTH must present, or null for none (the default).
     *
     * @return the password as UTF-8 bytes, or null
     */
    public byte[] requirePass() {
        return requirePass;
    }

    /**
     * Sets Redis's {@code requirepass}.
     *
     * @param password the password, or null to require none
     * @return this config, for chaining
     */
    public ServerConfig requirePass(String password) {
        this.requirePass = password == null ? null : password.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return this;
    }

    /**
     * Redis's {@code timeout}: close clients idle for this many seconds; 0 (the default) never does.
     *
     * @return the idle timeout in seconds
     */
    public long idleTimeoutSeconds() {
        return idleTimeoutSeconds;
    }

    /**
     * Sets Redis's {@code timeout}. Subscribers are exempt, as in Redis.
     *
     * @param seconds the idle time after which a client is closed; 0 for never
     * @return this config, for chaining
     */
    public ServerConfig idleTimeoutSeconds(long seconds) {
        this.idleTimeoutSeconds = seconds;
        return this;
    }

    /**
     * How long a graceful shutdown may spend finishing received commands and sending their replies.
     *
     * @return milliseconds, 5000 by default
     */
    public long shutdownTimeoutMillis() {
        return shutdownTimeoutMillis;
    }

    /**
     * Sets the graceful-shutdown deadline.
     *
     * @param millis how long draining may take before the remaining connections are closed anyway
     * @return this config, for chaining
     */
    public ServerConfig shutdownTimeoutMillis(long millis) {
        this.shutdownTimeoutMillis = millis;
        return this;
    }

    /**
     * Redis's {@code maxmemory}: the keyspace's memory limit.
     *
     * @return bytes, 0 for no limit
     */
    public long maxMemoryBytes() {
        return maxMemoryBytes;
    }

    /**
     * Sets {@code maxmemory}; CONFIG SET changes the keyspace's limit while the server runs.
     *
     * @param bytes the limit, 0 for none
     * @return this config, for chaining
     */
    public ServerConfig maxMemoryBytes(long bytes) {
        this.maxMemoryBytes = bytes;
        return this;
    }

    /**
     * Redis's {@code maxmemory-policy}.
     *
     * @return a policy name such as {@code allkeys-lru}
     */
    public String maxMemoryPolicy() {
        return maxMemoryPolicy;
    }

    /**
     * Sets {@code maxmemory-policy}.
     *
     * @param policy a name {@link dev.miniredis.db.Eviction.Policy#parse} accepts
     * @return this config, for chaining
     * @throws IllegalArgumentException if there is no such policy
     */
    public ServerConfig maxMemoryPolicy(String policy) {
        if (dev.miniredis.db.Eviction.Policy.parse(policy) == null) {
            throw new IllegalArgumentException("unknown maxmemory-policy '" + policy + "'");
        }
        this.maxMemoryPolicy = policy.toLowerCase(java.util.Locale.ROOT);
        return this;
    }

    /**
     * Redis's memory values ({@code memtoull}), as CONFIG SET reads them: decimal digits (none means 0) and then a unit,
     * none or {@code b} (bytes), {@code k} (1000), {@code kb} (1024), {@code m}/{@code mb}, {@code g}/{@code gb}, in any
     * case. The result is an unsigned 64-bit number; as in Redis, digits past 2^64 - 1 saturate there and a product
     * past 2^64 wraps around.
     *
     * @param text the value
     * @return the bytes, as the bits of an unsigned long, or null if the text is not a memory value
     */
    public static Long memoryValue(String text) {
        int digits = 0;
        while (digits < text.length() && text.charAt(digits) >= '0' && text.charAt(digits) <= '9') digits++;
        long unit;
        switch (text.substring(digits).toLowerCase(java.util.Locale.ROOT)) {
            case "", "b" -> unit = 1;
            case "k" -> unit = 1_000L;
            case "kb" -> unit = 1L << 10;
            case "m" -> unit = 1_000_000L;
            case "mb" -> unit = 1L << 20;
            case "g" -> unit = 1_000_000_000L;
            case "gb" -> unit = 1L << 30;
            default -> {
                return null;
            }
        }
        if (digits == 0) return 0L;
        if (digits >= 128) return null;  // Redis copies the digits into a 128-byte buffer first
        long value;
        try {
            value = Long.parseUnsignedLong(text.substring(0, digits));
        } catch (NumberFormatException outOfRange) {
            value = -1L;                  // strtoull saturates at 2^64 - 1, and Redis takes that
        }
        return value * unit;
    }

    /**
     * Sets any parameter CONFIG SET knows, by its Redis name, before the server starts: how {@code --hash-max-listpack-entries 64}
     * on the command line works, as {@code redis-server --name value} does. Checked when the server starts, with CONFIG
     * SET's own rules; a name CONFIG SET does not know, or a value it refuses, stops the start.
     *
     * @param name the parameter's name, as CONFIG GET lists it
     * @param value its value, as CONFIG SET takes it
     */
    public void setting(String name, String value) {
        settings.add(new Setting(name, value, null));
    }

    /**
     * The same, for a line of a config file: an error names the line, as Redis's start-up errors do.
     *
     * @param name the parameter's name, lower case
     * @param value its value (a directive's arguments joined by single spaces)
     * @param origin the line it came from
     */
    public void setting(String name, String value, ConfigFile.Line origin) {
        settings.add(new Setting(name, value, origin));
    }

    /**
     * The parameters given with {@link #setting}, by name, the last value given winning (as Redis reads its file and
     * then its flags, in order).
     *
     * @return a new map, in the order the names were first given
     */
    public java.util.Map<String, String> settings() {
        java.util.Map<String, String> byName = new java.util.LinkedHashMap<>();
        for (Setting s : settings) byName.put(s.name(), s.value());
        return byName;
    }

    /**
     * The parameters given with {@link #setting}, every one in the order given: the server applies them in this order,
     * so a parameter given twice ends with its last value, and lines that each set part of a parameter (one
     * {@code client-output-buffer-limit} class per line) all count.
     *
     * @return an unmodifiable view
     */
    public java.util.List<Setting> settingLines() {
        return java.util.Collections.unmodifiableList(settings);
    }

    /**
     * Redis's {@code protected-mode}: while on and no password is set, only clients connecting from 127.0.0.1 or ::1
     * are served; everyone else gets Redis's DENIED error and is closed (see {@link ProtectedMode}).
     *
     * @return true by default
     */
    public boolean protectedMode() {
        return protectedMode;
    }

    /**
     * Sets {@code protected-mode}.
     *
     * @param on whether to refuse clients from other addresses while no password is set
     * @return this config, for chaining
     */
    public ServerConfig protectedMode(boolean on) {
        this.protectedMode = on;
        return this;
    }

    /**
     * Redis's {@code loglevel}.
     *
     * @return debug, verbose, notice (the default) or warning
     */
    public String logLevel() {
        return logLevel;
    }

    /**
     * Sets {@code loglevel} and tells the listener (the server-app's logger), so CONFIG SET loglevel takes effect.
     *
     * @param level debug, verbose, notice or warning
     * @return this config, for chaining
     */
    public ServerConfig logLevel(String level) {
        this.logLevel = level;
        logLevelListener.accept(level);
        return this;
    }

    /**
     * Who applies {@code loglevel} (logging is the application's business: core only logs through System.Logger).
     *
     * @param listener called on the loop thread with the new level name
     * @return this config, for chaining
     */
    public ServerConfig logLevelListener(java.util.function.Consumer<String> listener) {
        this.logLevelListener = listener;
        return this;
    }

    /**
     * The config file the server was started with, which CONFIG REWRITE writes back to; null if none.
     *
     * @return the file's absolute path, or null
     */
    public java.nio.file.Path configFile() {
        return configFile;
    }

    /**
     * Remembers the config file (set by {@link ConfigFile#load}).
     *
     * @param file the file's path
     * @return this config, for chaining
     */
    public ServerConfig configFile(java.nio.file.Path file) {
        this.configFile = file == null ? null : file.toAbsolutePath();
        return this;
    }
}
