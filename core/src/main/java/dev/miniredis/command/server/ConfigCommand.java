package dev.miniredis.command.server;

import dev.miniredis.command.Command;
import dev.miniredis.command.CommandSpec;
import dev.miniredis.command.Flag;

/**
 * {@code CONFIG <subcommand>}: reading and changing the server's settings at run time. See {@link dev.miniredis.command.Settings} for which
 * parameters exist. Like CLIENT, CONFIG is only a table of subcommands: {@link ConfigGet GET}, {@link ConfigSet SET},
 * {@link ConfigResetStat RESETSTAT}, {@link ConfigRewrite REWRITE}, and {@code HELP}, declared here.
 */
final class ConfigCommand {
    private static final String[] HELP_LINES = {
            "CONFIG <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
            "GET <pattern>", "    Return parameters matching the glob-like <pattern> and their values.",
            "SET <directive> <value>", "    Set the configuration <directive> to <value>.",
            "RESETSTAT", "    Reset statistics reported by the INFO command.",
            "REWRITE", "    Rewrite the configuration file.",
            "HELP", "    Prints this help."};
    private static final Command HELP_REPLY = ctx -> ctx.reply().simpleLines(HELP_LINES);

    static final CommandSpec HELP = CommandSpec.of("config|help", 2, Flag.LOADING, Flag.STALE)
            .group("server").since("5.0.0").summary("Returns helpful text about the different subcommands.")
            .parser(args -> HELP_REPLY);

    static final CommandSpec SPEC = CommandSpec.of("config", -2)
            .group("server").since("2.0.0").summary("A container for server configuration commands.")
            .subcommands(ConfigGet.SPEC, ConfigSet.SPEC, ConfigResetStat.SPEC, ConfigRewrite.SPEC, HELP);

    private ConfigCommand() {
    }
}
