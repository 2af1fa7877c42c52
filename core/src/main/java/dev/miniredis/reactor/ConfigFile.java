package dev.miniredis.reactor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A {@code redis.conf}-style file, read into a {@link ServerConfig} before the server starts, as
 * {@code redis-server /path/redis.conf} reads its own.
 *
 * <pre>
 *   redis.conf                     ConfigFile.load                      ServerConfig
 *   ┌──────────────────────┐       one line at a time:                  ┌───────────────────────────────┐
 *   │ # a comment          │ ───▶  trim, skip '#' and blank lines,  ──▶ │ port, bind, databases         │ start-only:
 *   │ port 7000            │       split like sdssplitargs,             │   (set here, checked here)    │ fixed once the
 *   │ maxmemory 100mb      │       lower-case the name, try the value   ├───────────────────────────────┤ socket is bound
 *   │ include other.conf ──┼──▶ (read where it stands)                  │ settings: (name, value, line) │ everything else:
 *   └──────────────────────┘                                            │   applied through CONFIG SET's│ checked when the
 *                                                                       │   own rules when the loop is  │ loop is built,
 *                                                                       │   built; an error names line  │ as flags are
 *                                                                       └───────────────────────────────┘
 * </pre>
 *
 * <h2>Redis's syntax</h2>
 * Each line is {@code name arg...}: leading and trailing blanks trimmed, {@code #} at the start of the trimmed line makes
 * it a comment. Arguments split as Redis's {@code sdssplitargs} does (see {@link #splitArgs}): double quotes with C
 * escapes ({@code \n}, {@code \x41}), single quotes with only {@code \'}, and a closing quote must be followed by a
 * blank. Names are case-insensitive. A parameter given twice keeps its last value; flags given after the file count as
 * lines after its last one, so they override it. Values keep Redis's units ({@code 1gb}, {@code 100mb}, {@code 1k})
 * because they go through the same parsing as CONFIG SET.
 *
 * <h2>Errors stop the start</h2>
 * An unknown directive, a wrong number of arguments, an unbalanced quote or a value CONFIG SET would refuse becomes a
 * {@link LineError} at once (each value is tried on a scratch copy of the parameters, so the first bad line is the one
 * reported, as in Redis), which the server-app prints in Redis's own words and layout ({@link LineError#report()}) and exits 1.
 * Redis names only the line number; we print the file too, on a line of its own after Redis's text, since with
 * {@code include} the number alone does not say which file.
 *
 * <p>Not thread-safe, and not meant to be: it runs once, on the thread that starts the server.
 */
public final class ConfigFile {
    /** Includes nested deeper than this are refused (Redis recurses without a limit; a cycle would never end). */
    static final int MAX_INCLUDE_DEPTH = 16;

    /** Parameters that take several arguments; every other one takes exactly one, as in Redis. */
    private static final List<String> MULTI_ARG = List.of("save", "client-output-buffer-limit", "bind");

    /**
     * Directives of Redis 7.0 that this server does not implement but that the stock redis.conf (the Debian/Ubuntu
     * package's /etc/redis/redis.conf) sets: each is accepted, changes nothing, and is logged once as ignored, so that
     * the stock file loads. Values we could not honour are refused instead ({@code daemonize yes}: this server never
     * forks into the background).
     */
    private static final java.util.Set<String> IGNORED = java.util.Set.of("acllog-max-len", "activerehashing",
            "always-show-logo", "aof-load-truncated", "aof-rewrite-incremental-fsync", "aof-timestamp-enabled",
            "aof-use-rdb-preamble", "appenddirname", "appendfilename", "auto-aof-rewrite-min-size",
            "auto-aof-rewrite-percentage", "daemonize", "dbfilename", "dir", "disable-thp", "dynamic-hz",
            "hll-sparse-max-bytes", "jemalloc-bg-thread", "lazyfree-lazy-eviction", "lazyfree-lazy-expire",
            "lazyfree-lazy-server-del", "lazyfree-lazy-user-del", "lazyfree-lazy-user-flush", "logfile",
            "no-appendfsync-on-rewrite", "oom-score-adj", "oom-score-adj-values", "pidfile", "proc-title-template",
            "rdb-del-sync-files", "rdb-save-incremental-fsync", "rdbchecksum", "rdbcompression",
            "repl-disable-tcp-nodelay", "repl-diskless-load", "repl-diskless-sync", "repl-diskless-sync-delay",
            "repl-diskless-sync-max-replicas", "replica-lazy-flush", "replica-priority", "replica-read-only",
            "replica-serve-stale-data", "set-proc-title", "stop-writes-on-bgsave-error", "stream-node-max-bytes",
            "stream-node-max-entries", "supervised", "syslog-enabled", "syslog-ident", "syslog-facility",
            "crash-log-enabled", "crash-memcheck-enabled", "locale-collate", "sanitize-dump-payload");

    /** Parameters whose value only tunes Redis's internals: another value in a file is logged and ignored. */
    private static final java.util.Set<String> TUNING = java.util.Set.of("tcp-keepalive", "hz", "list-compress-depth",
            "maxmemory-eviction-tenacity");

    private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger(ConfigFile.class.getName());

    /**
     * Where a setting came from: one line of one file.
     *
     * @param file the file, as given
     * @param number 1 for the first line
     * @param text the line, trimmed, as Redis prints it after {@code >>>}
     */
    public record Line(Path file, int number, String text) {
    }

    /** A line the server cannot start with; the message is Redis's reason ("argument must be a memory value"). */
    public static final class LineError extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;
        /** The line at fault. */
        private final transient Line line;

        /**
         * A line and what is wrong with it.
         *
         * @param line the line at fault
         * @param reason Redis's words for the problem
         */
        public LineError(Line line, String reason) {
            super(reason);
            this.line = line;
        }

        /**
         * The line at fault.
         *
         * @return its file, number and text
         */
        public Line line() {
            return line;
        }

        /**
         * The error as redis-server prints it on standard error (a blank line first, as Redis's {@code fprintf} has
         * one), then the file on a line of its own.
         *
         * @return the text to print, ending in a newline
         */
        public String report() {
            return "\n*** FATAL CONFIG FILE ERROR (Redis " + dev.miniredis.command.CommandTable.REDIS_VERSION
                    + ") ***\n"
                    + "Reading the configuration file, at line " + line.number() + "\n"
                    + ">>> '" + line.text() + "'\n"
                    + getMessage() + "\n"
                    + "(in " + line.file() + ")\n";
        }
    }

    private ConfigFile() {
    }


    /**
     * Reads a config file into a config, and remembers it as the file CONFIG REWRITE writes back to.
     *
     * @param file the file
     * @param config the config to fill; flags are applied to it afterwards, so they win
     * @return the same config
     * @throws IOException if the file (or a file it includes) cannot be read
     * @throws LineError if a line is wrong (start-only parameters are checked here, the rest when the loop is built)
     */
    public static ServerConfig load(Path file, ServerConfig config) throws IOException {
        read(file, config, ConfigSettings.defaults(), 0);
        config.configFile(file);
        return config;
    }

    private static void read(Path file, ServerConfig config, ConfigSettings check, int depth) throws IOException {
        // Bytes as ISO-8859-1: one char per byte, so a password in any encoding comes back byte for byte.
        String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        parse(text, file, config, check, depth);
    }

    /**
     * Applies the text of a config file, line by line.
     *
     * @param text the file's contents
     * @param file the file's name, for errors
     * @param config the config to fill
     * @param check a scratch copy of the parameters at their defaults: each line is tried on it at once, so the first
     *        bad line is the one reported, as in Redis (the real parameters get the lines when the loop is built)
     * @throws IOException if an included file cannot be read
     */
    static void parse(String text, Path file, ServerConfig config, ConfigSettings check, int depth) throws IOException {
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String trimmed = trim(lines[i]);
            if (trimmed.isEmpty() || trimmed.charAt(0) == '#') continue;
            Line line = new Line(file, i + 1, trimmed);
            List<String> args = splitArgs(trimmed);
            if (args == null) throw new LineError(line, "Unbalanced quotes in configuration line");
            if (args.isEmpty()) continue;
            String name = args.get(0).toLowerCase(Locale.ROOT);
            List<String> values = args.subList(1, args.size());
            if (name.equals("include")) {
                if (values.size() != 1) throw new LineError(line, "Bad directive or wrong number of arguments");
                if (depth >= MAX_INCLUDE_DEPTH) throw new LineError(line, "includes nested too deeply");
                Path included = file.resolveSibling(values.get(0));
                if (Path.of(values.get(0)).isAbsolute()) included = Path.of(values.get(0));
                try {
                    read(included, config, check, depth + 1);
                } catch (java.nio.file.NoSuchFileException e) {
                    throw new LineError(line, "Fatal error, can't open config file '" + values.get(0)
                            + "': No such file or directory");
                }
                continue;
            }
            boolean multi = MULTI_ARG.contains(name);
            if (multi && values.size() == 1 && !values.get(0).isEmpty()) {
                // As Redis: a multi-argument parameter given as one quoted argument ("pubsub 32mb 8mb 60") is split
                // again.
                values = splitArgs(values.get(0));
                if (values == null) throw new LineError(line, "Unbalanced quotes in configuration line");
            }
            switch (name) {
                case "port" -> config.port((int) range(line, values, 0, 65535));
                case "databases" -> config.databases((int) range(line, values, 1, Integer.MAX_VALUE));
                case "bind" -> config.bind(firstBindAddress(line, values));
                default -> {
                    if (check.get(name) == null && IGNORED.contains(name)) {
                        String value = String.join(" ", values);
                        if (name.equals("daemonize") && value.equalsIgnoreCase("yes")) {
                            throw new LineError(line, "daemonize yes is not supported: run the server in the "
                                    + "foreground (daemonize no) under a supervisor");
                        }
                        LOG.warning("config: ignoring '" + name + " " + value + "' (" + file + ":" + (i + 1)
                                + "): not implemented by this server");
                        continue;
                    }
                    if (check.get(name) == null) {
                        throw new LineError(line, "Bad directive or wrong number of arguments");
                    }
                    if (!multi && values.size() != 1) {
                        throw new LineError(line, "wrong number of arguments");
                    }
                    // The line was read one char per byte; the value becomes what CONFIG SET would get from the same
                    // bytes (CONFIG SET decodes its arguments as UTF-8), so a password in a file and in CONFIG SET agree.
                    String value = new String(String.join(" ", values).getBytes(StandardCharsets.ISO_8859_1),
                            StandardCharsets.UTF_8);
                    String refused = check.setAtStart(name, value);
                    if (refused != null && TUNING.contains(name) && refused.startsWith("this server cannot change")) {
                        // A tuning value of Redis's own machinery (keepalive probes, cron frequency): ours stays.
                        LOG.warning("config: ignoring '" + name + " " + value + "' (" + file + ":" + (i + 1)
                                + "): this server keeps " + check.get(name));
                        continue;
                    }
                    if (refused != null) throw new LineError(line, refused);
                    config.setting(name, value, line);
                }
            }
        }
    }

    /**
     * The one address this server listens on, from Redis's list. Redis binds every address listed; a leading
     * {@code -} marks one that may be missing, {@code *} means every IPv4 address and {@code ::*} every IPv6 one. We
     * take the first: the listener here is one socket (see the guide's chapter on configuration).
     */
    private static String firstBindAddress(Line line, List<String> values) {
        if (values.isEmpty()) throw new LineError(line, "wrong number of arguments");
        String first = values.get(0);
        if (first.startsWith("-")) first = first.substring(1);
        if (first.equals("*")) return "0.0.0.0";
        if (first.equals("::*")) return "::";
        return first;
    }

    private static long range(Line line, List<String> values, long min, long max) {
        if (values.size() != 1) throw new LineError(line, "wrong number of arguments");
        long n;
        try {
            n = Long.parseLong(values.get(0));
        } catch (NumberFormatException e) {
            throw new LineError(line, "argument couldn't be parsed into an integer");
        }
        if (n < min || n > max) {
            throw new LineError(line, "argument must be between " + min + " and " + max + " inclusive");
        }
        return n;
    }

    // sdstrim(line, " \t\r\n")
    private static String trim(String s) {
        int from = 0;
        int to = s.length();
        while (from < to && " \t\r\n".indexOf(s.charAt(from)) >= 0) from++;
        while (to > from && " \t\r\n".indexOf(s.charAt(to - 1)) >= 0) to--;
        return s.substring(from, to);
    }

    /**
     * Splits a line into arguments exactly as Redis's {@code sdssplitargs} does (redis-cli and inline commands use it
     * too). Outside quotes a blank ends an argument. In double quotes, {@code \xHH} is a byte in hex, {@code \n \r \t
     * \b \a} are what they are in C, and a backslash before anything else is that character. In single quotes only
     * {@code \'} is special. A quote may open in the middle of an argument ({@code a"b c"} is one argument,
     * {@code ab c}), but a closing quote must be followed by a blank or the end.
     *
     * @param line the line, without its newline
     * @return the arguments, or null if a quote is not closed properly
     */
    public static List<String> splitArgs(String line) {
        List<String> args = new ArrayList<>();
        int p = 0;
        int n = line.length();
        while (true) {
            while (p < n && isSpace(line.charAt(p))) p++;
            if (p >= n) return args;
            StringBuilder current = new StringBuilder();
            boolean inDouble = false;
            boolean inSingle = false;
            boolean done = false;
            while (!done) {
                if (inDouble) {
                    if (p >= n) return null;                 // unterminated quotes
                    char c = line.charAt(p);
                    if (c == '\\' && p + 3 < n && line.charAt(p + 1) == 'x'
                            && isHex(line.charAt(p + 2)) && isHex(line.charAt(p + 3))) {
                        current.append((char) (Character.digit(line.charAt(p + 2), 16) * 16
                                + Character.digit(line.charAt(p + 3), 16)));
                        p += 3;
                    } else if (c == '\\' && p + 1 < n) {
                        p++;
                        char e = line.charAt(p);
                        current.append(switch (e) {
                            case 'n' -> '\n';
                            case 'r' -> '\r';
                            case 't' -> '\t';
                            case 'b' -> '\b';
                            case 'a' -> (char) 7;
                            default -> e;
                        });
                    } else if (c == '"') {
                        // closing quote must be followed by a space or nothing at all
                        if (p + 1 < n && !isSpace(line.charAt(p + 1))) return null;
                        done = true;
                    } else {
                        current.append(c);
                    }
                } else if (inSingle) {
                    if (p >= n) return null;
                    char c = line.charAt(p);
                    if (c == '\\' && p + 1 < n && line.charAt(p + 1) == '\'') {
                        p++;
                        current.append('\'');
                    } else if (c == '\'') {
                        if (p + 1 < n && !isSpace(line.charAt(p + 1))) return null;
                        done = true;
                    } else {
                        current.append(c);
                    }
                } else {
                    if (p >= n) {
                        done = true;
                        continue;
                    }
                    char c = line.charAt(p);
                    switch (c) {
                        case ' ', '\n', '\r', '\t', '\0' -> done = true;
                        case '"' -> inDouble = true;
                        case '\'' -> inSingle = true;
                        default -> current.append(c);
                    }
                }
                if (p < n) p++;
            }
            args.add(current.toString());
        }
    }

    // C's isspace: blank, \t, \n, \v, \f, \r
    private static boolean isSpace(char c) {
        return c == ' ' || (c >= '\t' && c <= '\r');
    }

    private static boolean isHex(char c) {
        return Character.digit(c, 16) >= 0;
    }
}
