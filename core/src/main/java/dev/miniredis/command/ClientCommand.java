package dev.miniredis.command;

import dev.miniredis.protocol.Resp;
import dev.miniredis.protocol.RespWriter;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code CLIENT <subcommand>}: the connection's own name, id and library, and a look at every other connection.
 * <ul>
 *   <li>{@code SETNAME name}, {@code GETNAME}, {@code ID}, {@code INFO}, {@code LIST};</li>
 *   <li>{@code SETINFO LIB-NAME|LIB-VER value} (Jedis 5 and other clients send both on connect);</li>
 *   <li>{@code KILL addr} (old form) and {@code KILL ID id | ADDR addr | SKIPME yes|no ...} (new form);</li>
 *   <li>{@code NO-EVICT on|off} and {@code NO-TOUCH on|off}: accepted, since nothing is evicted or tracked here.</li>
 * </ul>
 */
record ClientCommand(String subcommand, byte[][] argv) implements Command {
    static Command parse(Args args) {
        String sub = new String(args.get(1), StandardCharsets.ISO_8859_1);
        String lower = sub.toLowerCase(Locale.ROOT);
        int n = args.count();
        switch (lower) {
            case "setname" -> requireArgs(n == 3, lower);
            case "getname", "id", "info" -> requireArgs(n == 2, lower);
            case "setinfo" -> requireArgs(n == 4, lower);
            case "no-evict", "no-touch" -> requireArgs(n == 3, lower); // the on/off check runs after AUTH, in execute
            case "list", "kill" -> requireArgs(n >= (lower.equals("kill") ? 3 : 2), lower);
            case "help" -> requireArgs(n == 2, lower);
            default -> throw new CommandError("ERR unknown subcommand '" + sub + "'. Try CLIENT HELP.");
        }
        return new ClientCommand(lower, args.all());
    }

    private static void requireArgs(boolean ok, String sub) {
        if (!ok) throw CommandError.wrongArity("client|" + sub);
    }

    /** Redis allows names made of printable ASCII other than space; an empty name clears it. */
    static void setName(Session s, byte[] name) {
        for (byte b : name) {
            if (b < '!' || b > '~') {
                throw new CommandError("ERR Client names cannot contain spaces, newlines or special characters.");
            }
        }
        s.name(name.length == 0 ? null : name);
    }

    @Override
    public void execute(Context ctx) {
        Session s = ctx.session();
        RespWriter out = ctx.reply();
        switch (subcommand) {
            case "setname" -> {
                setName(s, argv[2]);
                out.raw(Resp.OK);
            }
            case "getname" -> {
                if (s.name() == null) out.nil();
                else out.bulk(s.name());
            }
            case "id" -> out.integer(s.id());
            case "info" -> out.verbatim("txt", (s.describe(ctx.now()) + "\n").getBytes(StandardCharsets.UTF_8));
            case "list" -> list(ctx, out);
            case "setinfo" -> setInfo(s, out);
            case "kill" -> kill(ctx, out);
            case "no-evict", "no-touch" -> {
                if (!Args.equalsIgnoreCase(argv[2], "on") && !Args.equalsIgnoreCase(argv[2], "off")) {
                    throw CommandError.SYNTAX;
                }
                out.raw(Resp.OK);
            }
            default -> help(out);
        }
    }

    private void setInfo(Session s, RespWriter out) {
        boolean name = Args.equalsIgnoreCase(argv[2], "lib-name");
        if (!name && !Args.equalsIgnoreCase(argv[2], "lib-ver")) {
            throw new CommandError("ERR Unrecognized option '" + new String(argv[2], StandardCharsets.ISO_8859_1) + "'");
        }
        for (byte b : argv[3]) {
            if (b < '!' || b > '~') {
                throw new CommandError("ERR " + (name ? "lib-name" : "lib-ver")
                        + " cannot contain spaces, newlines or special characters.");
            }
        }
        s.libraryInfo(name ? argv[3] : null, name ? null : argv[3]);
        out.raw(Resp.OK);
    }

    private void list(Context ctx, RespWriter out) {
        List<Long> ids = null;
        String type = null;
        if (argv.length >= 4 && Args.equalsIgnoreCase(argv[2], "id")) {
            ids = new ArrayList<>();
            for (int j = 3; j < argv.length; j++) {
                try {
                    ids.add(Args.parseLong(argv[j]));
                } catch (CommandError e) {
                    throw new CommandError("ERR Invalid client ID");
                }
            }
        } else if (argv.length == 4 && Args.equalsIgnoreCase(argv[2], "type")) {
            String asTyped = new String(argv[3], StandardCharsets.ISO_8859_1);
            type = asTyped.toLowerCase(Locale.ROOT);
            if (!List.of("normal", "pubsub", "master", "replica", "slave").contains(type)) {
                throw new CommandError("ERR Unknown client type '" + asTyped + "'");
            }
        } else if (argv.length != 2) {
            throw CommandError.SYNTAX;
        }
        StringBuilder text = new StringBuilder();
        for (Session c : ctx.server().clients()) {
            if (ids != null && !ids.contains(c.id())) continue;
            if (type != null && !type.equals(c.subscriptions().isEmpty() ? "normal" : "pubsub")) continue;
            text.append(c.describe(ctx.now())).append('\n');
        }
        out.verbatim("txt", text.toString().getBytes(StandardCharsets.UTF_8));
    }

    private void kill(Context ctx, RespWriter out) {
        Session self = ctx.session();
        if (argv.length == 3) {                       // old form: CLIENT KILL ip:port
            String addr = new String(argv[2], StandardCharsets.ISO_8859_1);
            for (Session c : ctx.server().clients()) {
                if (c.address().equals(addr)) {
                    killOne(ctx, c);
                    out.raw(Resp.OK);
                    return;
                }
            }
            throw new CommandError("ERR No such client");
        }
        Long id = null;
        String addr = null;
        boolean skipMe = true;
        for (int i = 2; i < argv.length; i += 2) {
            if (i + 1 >= argv.length) throw CommandError.SYNTAX;
            if (Args.equalsIgnoreCase(argv[i], "id")) {
                long v;
                try {
                    v = Args.parseLong(argv[i + 1]);
                } catch (CommandError e) {
                    v = 0;
                }
                if (v <= 0) throw new CommandError("ERR client-id should be greater than 0");
                id = v;
            } else if (Args.equalsIgnoreCase(argv[i], "addr")) {
                addr = new String(argv[i + 1], StandardCharsets.ISO_8859_1);
            } else if (Args.equalsIgnoreCase(argv[i], "skipme")) {
                if (Args.equalsIgnoreCase(argv[i + 1], "yes")) skipMe = true;
                else if (Args.equalsIgnoreCase(argv[i + 1], "no")) skipMe = false;
                else throw CommandError.SYNTAX;
            } else {
                throw CommandError.SYNTAX;
            }
        }
        int killed = 0;
        for (Session c : ctx.server().clients()) {
            if (id != null && c.id() != id) continue;
            if (addr != null && !c.address().equals(addr)) continue;
            if (skipMe && c == self) continue;
            killOne(ctx, c);
            killed++;
        }
        out.integer(killed);
    }

    private static void killOne(Context ctx, Session c) {
        if (c == ctx.session()) c.closeAfterReply();
        else ctx.server().kill(c);
    }

    private static final String[] HELP = {
            "CLIENT <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
            "GETNAME", "    Return the name of the current connection.",
            "ID", "    Return the ID of the current connection.",
            "INFO", "    Return information about the current client connection.",
            "KILL <ip:port>", "    Kill connection made from <ip:port>.",
            "KILL <option> <value> [<option> <value> [...]]", "    Kill connections. Options are: ID, ADDR, SKIPME.",
            "LIST [options ...]", "    Return information about client connections. Options: TYPE, ID.",
            "NO-EVICT (ON|OFF)", "    Accepted; nothing is evicted here.",
            "NO-TOUCH (ON|OFF)", "    Accepted; access times are not tracked here.",
            "SETNAME <name>", "    Assign the name <name> to the current connection.",
            "SETINFO <option> <value>", "    Set client meta attr. Options are: LIB-NAME, LIB-VER.",
            "HELP", "    Print this help.",
    };

    private static void help(RespWriter out) {
        out.simpleLines(HELP);
    }
}
