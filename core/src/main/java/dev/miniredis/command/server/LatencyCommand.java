package dev.miniredis.command.server;

import dev.miniredis.command.Command;
import dev.miniredis.command.CommandSpec;
import dev.miniredis.command.Flag;

/**
 * {@code LATENCY <subcommand>}: the latency monitor's samples (see {@link dev.miniredis.command.LatencyMonitor}), taken
 * while {@code latency-monitor-threshold} is above 0: {@link LatencyLatest LATEST}, {@link LatencyHistory HISTORY event},
 * {@link LatencyReset RESET [event ...]}, and {@code HELP}, declared here. DOCTOR, GRAPH and HISTOGRAM are not
 * implemented.
 */
final class LatencyCommand {
    private static final String[] HELP_LINES = {
            "LATENCY <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
            "DOCTOR",
            "    Return a human readable latency analysis report.",
            "GRAPH <event>",
            "    Return an ASCII latency graph for the <event> class.",
            "HISTORY <event>",
            "    Return time-latency samples for the <event> class.",
            "LATEST",
            "    Return the latest latency samples for all events.",
            "RESET [<event> ...]",
            "    Reset latency data of one or more <event> classes.",
            "    (default: reset all data for all event classes)",
            "HISTOGRAM [COMMAND ...]",
            "    Return a cumulative distribution of latencies in the format of a histogram for the specified command names.",
            "    If no commands are specified then all histograms are replied.",
            "HELP",
            "    Prints this help."};
    private static final Command HELP_REPLY = ctx -> ctx.reply().simpleLines(HELP_LINES);

    static final CommandSpec HELP = CommandSpec.of("latency|help", 2, Flag.LOADING, Flag.STALE)
            .group("server").since("2.8.13").summary("Show helpful text about the different subcommands.")
            .parser(args -> HELP_REPLY);

    static final CommandSpec SPEC = CommandSpec.of("latency", -2)
            .group("server").since("2.8.13").summary("A container for latency diagnostics commands")
            .subcommands(LatencyLatest.SPEC, LatencyHistory.SPEC, LatencyReset.SPEC, HELP);

    private LatencyCommand() {
    }
}
