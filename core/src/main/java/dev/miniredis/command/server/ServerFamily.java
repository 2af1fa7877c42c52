package dev.miniredis.command.server;

import dev.miniredis.command.CommandSpec;

import java.util.List;

/** The commands about the server as a whole, as {@link dev.miniredis.command.CommandTable#standard()} registers them. */
public final class ServerFamily {
    private ServerFamily() {
    }

    /**
     * Every server command's spec.
     *
     * @return DBSIZE, FLUSHDB, FLUSHALL, SHUTDOWN, INFO, MONITOR, and the CONFIG, COMMAND, SLOWLOG and LATENCY containers
     */
    public static List<CommandSpec> specs() {
        return List.of(DbSize.SPEC, FlushDb.FLUSHDB, FlushDb.FLUSHALL, SwapDb.SPEC, Shutdown.SPEC, Info.SPEC, ConfigCommand.SPEC,
                CommandCommand.SPEC, Monitor.SPEC, SlowLogCommand.SPEC, LatencyCommand.SPEC);
    }
}
