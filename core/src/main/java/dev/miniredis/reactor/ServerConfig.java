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
    private long maxBulkBytes = Resp.DEFAULT_MAX_BULK_BYTES;
    // Redis's "client-output-buffer-limit pubsub 32mb 8mb 60".
    private long pubsubHardLimitBytes = 32L * 1024 * 1024;
    private long pubsubSoftLimitBytes = 8L * 1024 * 1024;
    private long pubsubSoftLimitSeconds = 60;
    private long queryBufferLimitBytes = 1024L * 1024 * 1024;
    private byte[] requirePass;
    private long idleTimeoutSeconds;
    private long shutdownTimeoutMillis = 5_000;

    public String bind() {
        return bind;
    }

    public ServerConfig bind(String address) {
        this.bind = address;
        return this;
    }

    public int port() {
        return port;
    }

    /** 0 asks the kernel for a free ephemeral port; {@link EventLoop#port()} tells which one it chose. */
    public ServerConfig port(int port) {
        this.port = port;
        return this;
    }

    public int maxClients() {
        return maxClients;
    }

    public ServerConfig maxClients(int maxClients) {
        this.maxClients = maxClients;
        return this;
    }

    /** Redis's {@code proto-max-bulk-len}: the largest single argument a client may send. */
    public long maxBulkBytes() {
        return maxBulkBytes;
    }

    public ServerConfig maxBulkBytes(long maxBulkBytes) {
        this.maxBulkBytes = maxBulkBytes;
        return this;
    }

    /** A subscriber with this many unsent bytes is disconnected at once; 0 means no hard limit. */
    public long pubsubHardLimitBytes() {
        return pubsubHardLimitBytes;
    }

    /** A subscriber above this many unsent bytes for longer than {@link #pubsubSoftLimitSeconds()} is disconnected. */
    public long pubsubSoftLimitBytes() {
        return pubsubSoftLimitBytes;
    }

    public long pubsubSoftLimitSeconds() {
        return pubsubSoftLimitSeconds;
    }

    /** Redis's {@code client-output-buffer-limit pubsub <hard> <soft> <soft-seconds>}. */
    public ServerConfig pubsubOutputLimit(long hardBytes, long softBytes, long softSeconds) {
        this.pubsubHardLimitBytes = hardBytes;
        this.pubsubSoftLimitBytes = softBytes;
        this.pubsubSoftLimitSeconds = softSeconds;
        return this;
    }

    /** Redis's {@code client-query-buffer-limit}: a client holding more unparsed bytes than this is closed. */
    public long queryBufferLimitBytes() {
        return queryBufferLimitBytes;
    }

    public ServerConfig queryBufferLimitBytes(long bytes) {
        this.queryBufferLimitBytes = bytes;
        return this;
    }

    /** The password AUTH must present, or null for none (the default). */
    public byte[] requirePass() {
        return requirePass;
    }

    public ServerConfig requirePass(String password) {
        this.requirePass = password == null ? null : password.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return this;
    }

    /** Redis's {@code timeout}: close clients idle for this many seconds; 0 (the default) never does. */
    public long idleTimeoutSeconds() {
        return idleTimeoutSeconds;
    }

    public ServerConfig idleTimeoutSeconds(long seconds) {
        this.idleTimeoutSeconds = seconds;
        return this;
    }

    /** How long a graceful shutdown may spend finishing received commands and sending their replies. */
    public long shutdownTimeoutMillis() {
        return shutdownTimeoutMillis;
    }

    public ServerConfig shutdownTimeoutMillis(long millis) {
        this.shutdownTimeoutMillis = millis;
        return this;
    }
}
