package dev.miniredis.command.server;

import dev.miniredis.command.Command;
import dev.miniredis.command.CommandSpec;
import dev.miniredis.command.Flag;

/**
 * {@code SLOWLOG <subcommand>}: the commands that ran longer than {@code slowlog-log-slower-than} microseconds, kept in
 * the table's {@link dev.miniredis.command.SlowLog} ring: {@link SlowLogGet GET [count]}, {@link SlowLogLen LEN},
 * {@link SlowLogReset RESET}, and {@code HELP}, declared here.
 */
final class SlowLogCommand {
    private static final String[] HELP_LINES = {
            "SLOWLOG <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
            "GET [<count>]",
            "    Return top <count> entries from the slowlog (default: 10, -1 mean all).",
            "    Entries are made of:",
            "    id, timestamp, time in microseconds, arguments array, client IP and port,",
            "    client name",
            "LEN",
            "    Return the length of the slowlog.",
            "RESET",
            "    Reset the slowlog.",
            "HELP",
            "    Prints this help."};
    private static final Command HELP_REPLY = ctx -> ctx.reply().simpleLines(HELP_LINES);

    static final CommandSpec HELP = CommandSpec.of("slowlog|help", 2, Flag.LOADING, Flag.STALE)
            .group("server").since("6.2.0").summary("Show helpful text about the different subcommands")
            .parser(args -> HELP_REPLY);

    static final CommandSpec SPEC = CommandSpec.of("slowlog", -2)
            .group("server").since("2.2.12").summary("A container for slow log commands")
            .subcommands(SlowLogGet.SPEC, SlowLogLen.SPEC, SlowLogReset.SPEC, HELP);

    private SlowLogCommand() {
    }
}
