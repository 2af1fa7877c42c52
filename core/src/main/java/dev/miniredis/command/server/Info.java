package dev.miniredis.command.server;

import dev.miniredis.command.Args;
import dev.miniredis.command.Category;
import dev.miniredis.command.Command;
import dev.miniredis.command.CommandSpec;
import dev.miniredis.command.CommandTable;
import dev.miniredis.command.Context;
import dev.miniredis.command.Flag;
import dev.miniredis.command.ServerStats;
import dev.miniredis.command.Session;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * {@code INFO [section ...]}: the server's figures as {@code field:value} lines grouped under {@code # Section} headers,
 * in one bulk string (a verbatim string in RESP3). Sections: server, clients, memory, stats, keyspace; with no argument,
 * or {@code default}, {@code all} or {@code everything}, all of them. ioredis reads this on connect.
 */
record Info(java.util.Set<String> sections) implements Command {
    static final CommandSpec SPEC = CommandSpec.of("info", -1, Flag.LOADING, Flag.STALE, Flag.SENTINEL)
            .categories(Category.DANGEROUS).group("server").since("1.0.0")
            .summary("Returns information and statistics about the server.").parser(Info::parse);

    private static final java.util.List<String> ALL = java.util.List.of("server", "clients", "memory", "stats", "keyspace");

    static Command parse(Args args) {
        java.util.Set<String> sections = new java.util.LinkedHashSet<>();
        for (int i = 1; i < args.count(); i++) {
            String s = new String(args.get(i), StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
            if (s.equals("default") || s.equals("all") || s.equals("everything")) sections.addAll(ALL);
            else sections.add(s);
        }
        if (args.count() == 1) sections.addAll(ALL);
        return new Info(sections);
    }

    @Override
    public void execute(Context ctx) {
        StringBuilder text = new StringBuilder();
        ServerStats stats = ctx.server().stats();
        long now = ctx.now();
        for (String section : ALL) {
            if (!sections.contains(section)) continue;
            if (text.length() > 0) text.append("\r\n");
            switch (section) {
                case "server" -> {
                    text.append("# Server\r\n");
                    line(text, "redis_version", CommandTable.REDIS_VERSION);
                    line(text, "mini_redis_version", "0.1.0");
                    line(text, "redis_mode", "standalone");
                    line(text, "os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                            + System.getProperty("os.arch"));
                    line(text, "arch_bits", System.getProperty("sun.arch.data.model", "64"));
                    line(text, "multiplexing_api", "java.nio.channels.Selector");
                    line(text, "java_version", System.getProperty("java.version"));
                    line(text, "process_id", ProcessHandle.current().pid());
                    line(text, "tcp_port", stats.port());
                    line(text, "server_time_usec", now * 1000);
                    long uptime = Math.max(0, (now - stats.startedAtMillis()) / 1000);
                    line(text, "uptime_in_seconds", uptime);
                    line(text, "uptime_in_days", uptime / 86400);
                    line(text, "io_threads_active", 0);
                }
                case "clients" -> {
                    text.append("# Clients\r\n");
                    line(text, "connected_clients", stats.connectedClients());
                    line(text, "maxclients", ctx.server().settings().get("maxclients"));
                    line(text, "blocked_clients", 0);
                    line(text, "pubsub_clients", subscribers(ctx));
                }
                case "memory" -> {
                    Runtime rt = Runtime.getRuntime();
                    long used = ctx.keyspace().usedMemoryBytes();
                    long max = ctx.keyspace().maxMemoryBytes();
                    text.append("# Memory\r\n");
                    // What maxmemory counts: the keyspace's live records, index and expiry heap, off the Java heap.
                    line(text, "used_memory", used);
                    line(text, "used_memory_human", human(used));
                    long rss = residentBytes();
                    line(text, "used_memory_rss", rss);
                    line(text, "used_memory_rss_human", human(rss));
                    line(text, "used_memory_dataset", used);
                    line(text, "used_memory_heap", rt.totalMemory() - rt.freeMemory());
                    line(text, "used_memory_heap_committed", rt.totalMemory());
                    line(text, "used_memory_heap_max", rt.maxMemory());
                    line(text, "maxmemory", Long.toUnsignedString(max));
                    line(text, "maxmemory_human", human(max < 0 ? Long.MAX_VALUE : max));
                    line(text, "maxmemory_policy", ctx.keyspace().eviction().policy().configName());
                }
                case "stats" -> {
                    text.append("# Stats\r\n");
                    line(text, "total_connections_received", stats.totalConnectionsReceived());
                    line(text, "total_commands_processed", stats.totalCommandsProcessed());
                    line(text, "rejected_connections", stats.rejectedConnections());
                    line(text, "expired_keys", ctx.keyspace().expiredKeys());
                    line(text, "evicted_keys", ctx.keyspace().evictedKeys());
                    line(text, "keyspace_hits", ctx.keyspace().hits());
                    line(text, "keyspace_misses", ctx.keyspace().misses());
                    line(text, "pubsub_channels", ctx.pubsub().activeChannels(null).size());
                    line(text, "pubsub_patterns", ctx.pubsub().patternCount());
                    // Bytes the event-loop thread has allocated since it started (INFO runs on that thread). Benchmarks
                    // divide its growth by the requests served to get the garbage made per request.
                    line(text, "event_loop_allocated_bytes", allocatedByThisThread());
                }
                default -> {
                    text.append("# Keyspace\r\n");
                    for (int i = 0; i < ctx.keyspace().count(); i++) {
                        dev.miniredis.db.Db db = ctx.keyspace().db(i);
                        if (db.size() == 0) continue;
                        text.append("db").append(i).append(":keys=").append(db.size()).append(",expires=")
                                .append(db.keysWithDeadline()).append(",avg_ttl=0\r\n");
                    }
                }
            }
        }
        ctx.reply().verbatim("txt", text.toString().getBytes(StandardCharsets.UTF_8));
    }

    // The process's resident set, as Redis's used_memory_rss: from /proc on Linux, 0 where there is none.
    private static long residentBytes() {
        try {
            String statm = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/self/statm"));
            return Long.parseLong(statm.split(" ")[1]) * 4096;
        } catch (java.io.IOException | RuntimeException e) {
            return 0;
        }
    }

    private static long allocatedByThisThread() {
        if (java.lang.management.ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean t) {
            return t.getCurrentThreadAllocatedBytes();
        }
        return -1;
    }

    private static int subscribers(Context ctx) {
        int n = 0;
        for (Session s : ctx.server().clients()) if (!s.subscriptions().isEmpty()) n++;
        return n;
    }

    private static void line(StringBuilder text, String field, Object value) {
        text.append(field).append(':').append(value).append("\r\n");
    }

    private static String human(long bytes) {
        if (bytes < 1024) return bytes + "B";
        String[] units = {"K", "M", "G", "T"};
        double v = bytes;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, "%.2f%s", v, units[u]);
    }
}
