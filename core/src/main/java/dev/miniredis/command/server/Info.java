package dev.miniredis.command.server;

import dev.miniredis.command.Args;
import dev.miniredis.command.Category;
import dev.miniredis.command.Command;
import dev.miniredis.command.CommandSpec;
import dev.miniredis.command.CommandStats;
import dev.miniredis.command.CommandTable;
import dev.miniredis.command.Context;
import dev.miniredis.command.Flag;
import dev.miniredis.command.ServerStats;
import dev.miniredis.db.Db;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code INFO [section ...]}: the server's figures as {@code field:value} lines grouped under {@code # Section} headers,
 * in one bulk string (a verbatim string in RESP3), with Redis 7.0.15's section and field names in its order, so tools
 * that parse INFO find every field they look for.
 *
 * <p>Sections: server, clients, memory, persistence, stats, replication, cpu, modules, commandstats, errorstats,
 * latencystats, cluster, keyspace. No argument or {@code default} means all but commandstats and latencystats;
 * {@code all} and {@code everything} mean all; several names may be given, in any case, and unknown names add nothing.
 *
 * <p>Values are real where this server has the figure (clients, keys, hits and misses, commands, errors, memory as the
 * keyspace counts it, CPU time) and Redis's value for a server in our situation where it has none: nothing is persisted
 * or replicated, there are no modules, scripts or forks, so those counters are 0 and their statuses {@code ok}. A few
 * fields of our own follow Redis's in their sections ({@code mini_redis_version}, {@code java_version},
 * {@code used_memory_heap*}, {@code event_loop_allocated_bytes}); tools ignore fields they do not know.
 *
 * <p>INFO is not on the hot path: it builds a {@code String} and may format numbers with {@code String.format}.
 */
record Info(Set<String> sections) implements Command {
    static final CommandSpec SPEC = CommandSpec.of("info", -1, Flag.LOADING, Flag.STALE, Flag.SENTINEL)
            .categories(Category.DANGEROUS).group("server").since("1.0.0")
            .summary("Returns information and statistics about the server.").parser(Info::parse);

    private static final List<String> ALL = List.of("server", "clients", "memory", "persistence", "stats",
            "replication", "cpu", "modules", "commandstats", "errorstats", "latencystats", "cluster", "keyspace");
    private static final List<String> DEFAULT = List.of("server", "clients", "memory", "persistence", "stats",
            "replication", "cpu", "modules", "errorstats", "cluster", "keyspace");

    static Command parse(Args args) {
        Set<String> sections = new LinkedHashSet<>();
        for (int i = 1; i < args.count(); i++) {
            String s = new String(args.get(i), StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
            switch (s) {
                case "default" -> sections.addAll(DEFAULT);
                case "all", "everything" -> sections.addAll(ALL);
                default -> sections.add(s);
            }
        }
        if (args.count() == 1) sections.addAll(DEFAULT);
        return new Info(sections);
    }

    @Override
    public void execute(Context ctx) {
        StringBuilder text = new StringBuilder(4096);
        for (String section : ALL) {
            if (!sections.contains(section)) continue;
            if (text.length() > 0) text.append("\r\n");
            switch (section) {
                case "server" -> server(ctx, text);
                case "clients" -> clients(ctx, text);
                case "memory" -> memory(ctx, text);
                case "persistence" -> persistence(ctx, text);
                case "stats" -> stats(ctx, text);
                case "replication" -> replication(ctx, text);
                case "cpu" -> cpu(text);
                case "modules" -> text.append("# Modules\r\n");
                case "commandstats" -> commandStats(ctx, text);
                case "errorstats" -> errorStats(ctx, text);
                // Redis prints per-command latency percentiles from a histogram it keeps per command; we keep totals
                // only (commandstats), so the section is there, empty.
                case "latencystats" -> text.append("# Latencystats\r\n");
                case "cluster" -> text.append("# Cluster\r\ncluster_enabled:0\r\n");
                default -> keyspace(ctx, text);
            }
        }
        ctx.reply().verbatim("txt", text.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static void server(Context ctx, StringBuilder text) {
        ServerStats stats = ctx.server().stats();
        long now = ctx.now();
        text.append("# Server\r\n");
        line(text, "redis_version", CommandTable.REDIS_VERSION);
        line(text, "redis_git_sha1", "00000000");
        line(text, "redis_git_dirty", 0);
        line(text, "redis_build_id", "0");
        line(text, "redis_mode", "standalone");
        line(text, "os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch"));
        line(text, "arch_bits", System.getProperty("sun.arch.data.model", "64"));
        line(text, "monotonic_clock", "System.nanoTime");
        line(text, "multiplexing_api", "java.nio.channels.Selector");
        line(text, "atomicvar_api", "none");
        line(text, "gcc_version", "0.0.0");
        line(text, "process_id", ProcessHandle.current().pid());
        line(text, "process_supervised", "no");
        line(text, "run_id", stats.runId());
        line(text, "tcp_port", stats.port());
        line(text, "server_time_usec", now * 1000);
        long uptime = Math.max(0, (now - stats.startedAtMillis()) / 1000);
        line(text, "uptime_in_seconds", uptime);
        line(text, "uptime_in_days", uptime / 86400);
        line(text, "hz", 10);
        line(text, "configured_hz", 10);
        line(text, "lru_clock", (now / 1000) & ((1 << 24) - 1));
        line(text, "executable", "");
        line(text, "config_file", "");
        line(text, "io_threads_active", 0);
        line(text, "mini_redis_version", "0.1.0");
        line(text, "java_version", System.getProperty("java.version"));
    }

    private static void clients(Context ctx, StringBuilder text) {
        text.append("# Clients\r\n");
        line(text, "connected_clients", ctx.server().stats().connectedClients());
        line(text, "cluster_connections", 0);
        line(text, "maxclients", ctx.server().settings().get("maxclients"));
        line(text, "client_recent_max_input_buffer", 0);
        line(text, "client_recent_max_output_buffer", 0);
        line(text, "blocked_clients", ctx.blocking().count()); // CLIENT PAUSE's are not counted, as in Redis
        line(text, "tracking_clients", 0);
        line(text, "clients_in_timeout_table", 0);
    }

    private static void memory(Context ctx, StringBuilder text) {
        Runtime rt = Runtime.getRuntime();
        long used = ctx.keyspace().usedMemoryBytes();
        long max = ctx.keyspace().maxMemoryBytes();
        long rss = residentBytes();
        long system = totalSystemMemory();
        text.append("# Memory\r\n");
        // What maxmemory counts: the keyspace's live records, index and expiry heap, off the Java heap.
        line(text, "used_memory", used);
        line(text, "used_memory_human", human(used));
        line(text, "used_memory_rss", rss);
        line(text, "used_memory_rss_human", human(rss));
        line(text, "used_memory_peak", used);
        line(text, "used_memory_peak_human", human(used));
        line(text, "used_memory_peak_perc", "100.00%");
        line(text, "used_memory_overhead", 0);
        line(text, "used_memory_startup", 0);
        line(text, "used_memory_dataset", used);
        line(text, "used_memory_dataset_perc", "100.00%");
        line(text, "allocator_allocated", used);
        line(text, "allocator_active", used);
        line(text, "allocator_resident", rss);
        line(text, "total_system_memory", system);
        line(text, "total_system_memory_human", human(system));
        for (String zero : new String[] {"used_memory_lua", "used_memory_vm_eval"}) line(text, zero, 0);
        line(text, "used_memory_lua_human", "0B");
        for (String zero : new String[] {"used_memory_scripts_eval", "number_of_cached_scripts", "number_of_functions",
                "number_of_libraries", "used_memory_vm_functions", "used_memory_vm_total"}) {
            line(text, zero, 0);
        }
        line(text, "used_memory_vm_total_human", "0B");
        line(text, "used_memory_functions", 0);
        line(text, "used_memory_scripts", 0);
        line(text, "used_memory_scripts_human", "0B");
        line(text, "maxmemory", Long.toUnsignedString(max));
        line(text, "maxmemory_human", human(max < 0 ? Long.MAX_VALUE : max));
        line(text, "maxmemory_policy", ctx.keyspace().eviction().policy().configName());
        line(text, "allocator_frag_ratio", "1.00");
        line(text, "allocator_frag_bytes", 0);
        line(text, "allocator_rss_ratio", "1.00");
        line(text, "allocator_rss_bytes", 0);
        line(text, "rss_overhead_ratio", "1.00");
        line(text, "rss_overhead_bytes", 0);
        line(text, "mem_fragmentation_ratio", used == 0 ? "0.00" : String.format(Locale.ROOT, "%.2f", (double) rss / used));
        line(text, "mem_fragmentation_bytes", rss - used);
        for (String zero : new String[] {"mem_not_counted_for_evict", "mem_replication_backlog",
                "mem_total_replication_buffers", "mem_clients_slaves", "mem_clients_normal", "mem_cluster_links",
                "mem_aof_buffer"}) {
            line(text, zero, 0);
        }
        line(text, "mem_allocator", "java");
        line(text, "active_defrag_running", 0);
        line(text, "lazyfree_pending_objects", 0);
        line(text, "lazyfreed_objects", 0);
        line(text, "used_memory_heap", rt.totalMemory() - rt.freeMemory());
        line(text, "used_memory_heap_committed", rt.totalMemory());
        line(text, "used_memory_heap_max", rt.maxMemory());
    }

    private static void persistence(Context ctx, StringBuilder text) {
        text.append("# Persistence\r\n");
        for (String zero : new String[] {"loading", "async_loading", "current_cow_peak", "current_cow_size",
                "current_cow_size_age"}) {
            line(text, zero, 0);
        }
        line(text, "current_fork_perc", "0.00");
        line(text, "current_save_keys_processed", 0);
        line(text, "current_save_keys_total", 0);
        line(text, "rdb_changes_since_last_save", 0);
        line(text, "rdb_bgsave_in_progress", 0);
        line(text, "rdb_last_save_time", ctx.server().stats().startedAtMillis() / 1000);
        line(text, "rdb_last_bgsave_status", "ok");
        line(text, "rdb_last_bgsave_time_sec", -1);
        line(text, "rdb_current_bgsave_time_sec", -1);
        for (String zero : new String[] {"rdb_saves", "rdb_last_cow_size", "rdb_last_load_keys_expired",
                "rdb_last_load_keys_loaded", "aof_enabled", "aof_rewrite_in_progress", "aof_rewrite_scheduled"}) {
            line(text, zero, 0);
        }
        line(text, "aof_last_rewrite_time_sec", -1);
        line(text, "aof_current_rewrite_time_sec", -1);
        line(text, "aof_last_bgrewrite_status", "ok");
        line(text, "aof_rewrites", 0);
        line(text, "aof_rewrites_consecutive_failures", 0);
        line(text, "aof_last_write_status", "ok");
        line(text, "aof_last_cow_size", 0);
        line(text, "module_fork_in_progress", 0);
        line(text, "module_fork_last_cow_size", 0);
    }

    private static void stats(Context ctx, StringBuilder text) {
        ServerStats stats = ctx.server().stats();
        text.append("# Stats\r\n");
        line(text, "total_connections_received", stats.totalConnectionsReceived());
        line(text, "total_commands_processed", stats.totalCommandsProcessed());
        line(text, "instantaneous_ops_per_sec", 0);
        for (String zero : new String[] {"total_net_input_bytes", "total_net_output_bytes",
                "total_net_repl_input_bytes", "total_net_repl_output_bytes"}) {
            line(text, zero, 0);
        }
        for (String rate : new String[] {"instantaneous_input_kbps", "instantaneous_output_kbps",
                "instantaneous_input_repl_kbps", "instantaneous_output_repl_kbps"}) {
            line(text, rate, "0.00");
        }
        line(text, "rejected_connections", stats.rejectedConnections());
        line(text, "sync_full", 0);
        line(text, "sync_partial_ok", 0);
        line(text, "sync_partial_err", 0);
        line(text, "expired_keys", ctx.keyspace().expiredKeys());
        line(text, "expired_stale_perc", "0.00");
        line(text, "expired_time_cap_reached_count", 0);
        line(text, "expire_cycle_cpu_milliseconds", 0);
        line(text, "evicted_keys", ctx.keyspace().evictedKeys());
        line(text, "evicted_clients", 0);
        line(text, "total_eviction_exceeded_time", 0);
        line(text, "current_eviction_exceeded_time", 0);
        line(text, "keyspace_hits", ctx.keyspace().hits());
        line(text, "keyspace_misses", ctx.keyspace().misses());
        line(text, "pubsub_channels", ctx.pubsub().activeChannels(null).size());
        line(text, "pubsub_patterns", ctx.pubsub().patternCount());
        line(text, "pubsubshard_channels", 0);
        for (String zero : new String[] {"latest_fork_usec", "total_forks", "migrate_cached_sockets",
                "slave_expires_tracked_keys", "active_defrag_hits", "active_defrag_misses", "active_defrag_key_hits",
                "active_defrag_key_misses", "total_active_defrag_time", "current_active_defrag_time",
                "tracking_total_keys", "tracking_total_items", "tracking_total_prefixes", "unexpected_error_replies"}) {
            line(text, zero, 0);
        }
        line(text, "total_error_replies", ctx.commands().stats().totalErrorReplies());
        for (String zero : new String[] {"dump_payload_sanitizations", "total_reads_processed",
                "total_writes_processed", "io_threaded_reads_processed", "io_threaded_writes_processed",
                "reply_buffer_shrinks", "reply_buffer_expands"}) {
            line(text, zero, 0);
        }
        // Bytes the event-loop thread has allocated since it started (INFO runs on that thread). Benchmarks divide its
        // growth by the requests served to get the garbage made per request.
        line(text, "event_loop_allocated_bytes", allocatedByThisThread());
    }

    private static void replication(Context ctx, StringBuilder text) {
        text.append("# Replication\r\n");
        line(text, "role", "master");
        line(text, "connected_slaves", 0);
        line(text, "master_failover_state", "no-failover");
        line(text, "master_replid", ctx.server().stats().runId());
        line(text, "master_replid2", "0000000000000000000000000000000000000000");
        line(text, "master_repl_offset", 0);
        line(text, "second_repl_offset", -1);
        line(text, "repl_backlog_active", 0);
        line(text, "repl_backlog_size", 1048576);
        line(text, "repl_backlog_first_byte_offset", 0);
        line(text, "repl_backlog_histlen", 0);
    }

    // The process's CPU time from the JVM, the main thread's from the loop thread (INFO runs on it). The JVM reports a
    // process total without the user/system split, so the process's system time is the loop thread's.
    private static void cpu(StringBuilder text) {
        long processNanos = 0;
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            processNanos = Math.max(0, os.getProcessCpuTime());
        }
        var threads = ManagementFactory.getThreadMXBean();
        long threadCpu = Math.max(0, threads.getCurrentThreadCpuTime());
        long threadUser = Math.max(0, threads.getCurrentThreadUserTime());
        long threadSys = Math.max(0, threadCpu - threadUser);
        text.append("# CPU\r\n");
        line(text, "used_cpu_sys", seconds(threadSys));
        line(text, "used_cpu_user", seconds(Math.max(0, processNanos - threadSys)));
        line(text, "used_cpu_sys_children", "0.000000");
        line(text, "used_cpu_user_children", "0.000000");
        line(text, "used_cpu_sys_main_thread", seconds(threadSys));
        line(text, "used_cpu_user_main_thread", seconds(threadUser));
    }

    private static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.6f", nanos / 1e9);
    }

    private static void commandStats(Context ctx, StringBuilder text) {
        text.append("# Commandstats\r\n");
        for (CommandStats.Row row : ctx.commands().stats().rows()) {
            text.append("cmdstat_").append(row.name()).append(":calls=").append(row.calls())
                    .append(",usec=").append(row.micros())
                    .append(",usec_per_call=").append(String.format(Locale.ROOT, "%.2f",
                            row.calls() == 0 ? 0.0 : (double) row.micros() / row.calls()))
                    .append(",rejected_calls=").append(row.rejectedCalls())
                    .append(",failed_calls=").append(row.failedCalls()).append("\r\n");
        }
    }

    private static void errorStats(Context ctx, StringBuilder text) {
        text.append("# Errorstats\r\n");
        for (Map.Entry<String, Long> e : ctx.commands().stats().errorCounts().entrySet()) {
            text.append("errorstat_").append(e.getKey()).append(":count=").append(e.getValue()).append("\r\n");
        }
    }

    private static void keyspace(Context ctx, StringBuilder text) {
        text.append("# Keyspace\r\n");
        for (int i = 0; i < ctx.keyspace().count(); i++) {
            Db db = ctx.keyspace().db(i);
            if (db.size() == 0) continue;
            text.append("db").append(i).append(":keys=").append(db.size()).append(",expires=")
                    .append(db.keysWithDeadline()).append(",avg_ttl=0\r\n");
        }
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

    private static long totalSystemMemory() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getTotalMemorySize();
        }
        return 0;
    }

    private static long allocatedByThisThread() {
        if (ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean t) {
            return t.getCurrentThreadAllocatedBytes();
        }
        return -1;
    }

    private static void line(StringBuilder text, String field, Object value) {
        text.append(field).append(':').append(value).append("\r\n");
    }

    // Redis's bytesToHuman.
    private static String human(long bytes) {
        if (bytes < 1024) return bytes + "B";
        String[] units = {"K", "M", "G", "T", "P"};
        double v = bytes;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, "%.2f%s", v, units[u]);
    }
}
