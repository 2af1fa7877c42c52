package dev.miniredis.command.connection;

import dev.miniredis.command.Category;
import dev.miniredis.command.Command;
import dev.miniredis.command.CommandSpec;
import dev.miniredis.command.Flag;

/**
 * {@code CLIENT <subcommand>}: the connection's own name, id and library, and a look at every other connection. CLIENT
 * itself does nothing; it is a table of subcommands, each a command of its own with its own spec (Redis calls them
 * {@code client|list} and so on), found by the {@link dev.miniredis.command.CommandTable} before any other check:
 * <ul>
 *   <li>{@link ClientSetName SETNAME name}, {@link ClientGetName GETNAME}, {@link ClientId ID}, {@link ClientInfo INFO},
 *       {@link ClientList LIST};</li>
 *   <li>{@link ClientSetInfo SETINFO LIB-NAME|LIB-VER value} (Jedis 5 and other clients send both on connect);</li>
 *   <li>{@link ClientKill KILL addr} (old form) and {@code KILL ID id | ADDR addr | SKIPME yes|no ...} (new form);</li>
 *   <li>{@link ClientNoEvict NO-EVICT on|off} and {@code NO-TOUCH on|off}: accepted, since nothing is evicted or tracked
 *       here;</li>
 *   <li>{@code HELP}, declared here.</li>
 * </ul>
 */
final class ClientCommand {
    private static final String[] HELP_LINES = {
            "CLIENT <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
            "GETNAME", "    Return the name of the current connection.",
            "ID", "    Return the ID of the current connection.",
            "INFO", "    Return information about the current client connection.",
            "KILL <ip:port>", "    Kill connection made from <ip:port>.",
            "KILL <option> <value> [<option> <value> [...]]", "    Kill connections. Options are: ID, ADDR, SKIPME.",
            "LIST [options ...]", "    Return information about client connections. Options: TYPE, ID.",
            "NO-EVICT (ON|OFF)", "    Accepted; nothing is evicted here.",
            "NO-TOUCH (ON|OFF)", "    Accepted; access times are not tracked here.",
            "PAUSE <timeout> [WRITE|ALL]", "    Suspend all, or just write, clients for <timeout> milliseconds.",
            "REPLY (ON|OFF|SKIP)", "    Control the replies sent to the current connection.",
            "SETNAME <name>", "    Assign the name <name> to the current connection.",
            "UNPAUSE", "    Stop the current client pause, resuming traffic.",
            "SETINFO <option> <value>", "    Set client meta attr. Options are: LIB-NAME, LIB-VER.",
            "HELP", "    Print this help.",
    };
    private static final Command HELP_REPLY = ctx -> ctx.reply().simpleLines(HELP_LINES);

    static final CommandSpec HELP = CommandSpec.of("client|help", 2, Flag.LOADING, Flag.STALE)
            .categories(Category.CONNECTION).group("connection").since("5.0.0")
            .summary("Returns helpful text about the different subcommands.").parser(args -> HELP_REPLY);

    static final CommandSpec SPEC = CommandSpec.of("client", -2, Flag.SENTINEL)
            .group("connection").since("2.4.0").summary("A container for client connection commands.")
            .subcommands(ClientUnblock.SPEC, ClientGetName.SPEC, ClientId.SPEC, ClientInfo.SPEC, ClientKill.SPEC, ClientList.SPEC,
                    ClientPause.SPEC, ClientReply.SPEC, ClientUnpause.SPEC, ClientNoEvict.NO_EVICT, ClientNoEvict.NO_TOUCH, ClientSetInfo.SPEC, ClientSetName.SPEC, HELP);

    private ClientCommand() {
    }
}
