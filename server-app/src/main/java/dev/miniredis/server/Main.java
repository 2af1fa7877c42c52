package dev.miniredis.server;

import dev.miniredis.reactor.ConfigFile;
import dev.miniredis.reactor.EventLoop;
import dev.miniredis.reactor.ServerConfig;
import dev.miniredis.time.SystemClock;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.System.Logger.Level;

import sun.misc.Signal;

/**
 * {@code java -jar mini-redis-server.jar [/path/to/redis.conf] [--port 6379] [--bind 127.0.0.1] [--maxclients N] ...}
 * ({@code --help} lists every flag; the names are Redis's).
 *
 * <p>Reads the config file if one is given first (see {@link ConfigFile}), then the flags, which override it, as
 * redis-server does; then builds the {@link EventLoop}, takes over SIGINT and SIGTERM so they stop it gracefully, and
 * runs the loop on its own thread until it stops (by signal or by the SHUTDOWN command); then the process exits 0.
 */
public final class Main {
    static final String VERSION = "0.1.0";

    private Main() {
    }

    public static void main(String[] argv) {
        Options options;
        try {
            options = Options.parse(argv);
        } catch (ConfigFile.LineError e) {
            System.err.print(e.report());
            System.exit(1);
            return;
        } catch (java.io.UncheckedIOException e) {
            // Redis's words: "Fatal error, can't open config file '/path': No such file or directory"
            System.err.println("Fatal error, can't open config file '" + argv[0] + "': " + describe(e.getCause()));
            System.exit(1);
            return;
        } catch (IllegalArgumentException e) {
            System.err.println("mini-redis-server: " + e.getMessage() + " (try --help)");
            System.exit(1);
            return;
        }
        if (options.help) {
            printHelp(System.out);
            return;
        }
        if (options.version) {
            System.out.println("mini-redis-server " + VERSION);
            return;
        }
        configureLogging(options.logLevel);
        System.Logger log = System.getLogger(Main.class.getName());

        // loglevel may come from the config file, and CONFIG SET loglevel changes it while the server runs.
        options.config.logLevelListener(name -> configureLogging(Options.logLevel(name)));
        EventLoop loop;
        try {
            loop = new EventLoop(options.config, SystemClock.INSTANCE);
        } catch (ConfigFile.LineError e) {
            System.err.print(e.report());
            System.exit(1);
            return;
        } catch (IllegalArgumentException e) {
            System.err.println("mini-redis-server: " + e.getMessage() + " (try --help)");
            System.exit(1);
            return;
        } catch (IOException e) {
            log.log(System.Logger.Level.ERROR, "could not listen address={0}:{1} error=\"{2}\"",
                    options.config.bind(), String.valueOf(options.config.port()), e.getMessage());
            System.exit(1);
            return;
        }
        if (options.config.requirePass() == null && !isLoopback(options.config.bind())) {
            if (options.config.protectedMode()) {
                log.log(System.Logger.Level.WARNING, "listening on a non-loopback address without a password: protected"
                        + " mode refuses clients from addresses other than 127.0.0.1 and ::1 address="
                        + options.config.bind() + "; set --requirepass");
            } else {
                log.log(System.Logger.Level.WARNING, "listening on a non-loopback address without a password and with"
                        + " protected mode off: anyone who can reach address=" + options.config.bind()
                        + " can read and change every key; set --requirepass");
            }
        }
        warmUpCollector();
        preloadClasses();
        Thread loopThread = new Thread(loop, "event-loop");
        // Ctrl-C (SIGINT) and SIGTERM ask the loop to stop: the one cross-thread call, which only sets a flag and wakes
        // the selector. The loop then answers what clients already sent, closes them, and returns; main() returns and
        // the process exits 0, as Redis does after a clean shutdown. We take the two signals over with sun.misc.Signal
        // rather than a shutdown hook because the JVM reports an exit started by a signal as 128+signal (143 for TERM),
        // even when every hook finished cleanly.
        for (String name : new String[] {"INT", "TERM"}) {
            Signal.handle(new Signal(name), signal -> {
                log.log(System.Logger.Level.INFO, "shutdown requested by signal=SIG" + signal.getName());
                loop.shutdown();
            });
        }
        // Any other way the JVM may be stopped still gets an orderly close, bounded in time.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (!loopThread.isAlive()) return;
            loop.shutdown();
            try {
                loopThread.join(options.config.shutdownTimeoutMillis() + 5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "shutdown-hook"));
        loopThread.start();
        HeapTrimmer.start(loopThread);
        log.log(System.Logger.Level.INFO, "mini-redis ready version={0} address={1}:{2} pid={3}",
                VERSION, options.config.bind(), String.valueOf(loop.port()), String.valueOf(ProcessHandle.current().pid()));
        try {
            loopThread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (loop.crashed()) {
            log.log(System.Logger.Level.ERROR, "exiting after the event loop crashed");
            System.exit(1);
        }
        log.log(System.Logger.Level.INFO, "bye");
        System.exit(0);
    }

    private static String describe(IOException e) {
        if (e instanceof java.nio.file.NoSuchFileException) return "No such file or directory";
        if (e instanceof java.nio.file.AccessDeniedException) return "Permission denied";
        return String.valueOf(e.getMessage());
    }

    private static boolean isLoopback(String address) {
        try {
            return java.net.InetAddress.getByName(address).isLoopbackAddress();
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    /**
     * Loads (without initializing) every class of core before the first client comes. The JVM loads a class the first
     * time it is used, and loading one from a directory or a jar not yet opened needs a spare file descriptor: a server
     * that ran out of descriptors under a flood of clients would then fail its first command with NoClassDefFoundError,
     * and the loop would die of it. Loaded now, while descriptors are plentiful, the classes never need one again.
     * A few milliseconds, once.
     */
    static void preloadClasses() {
        ClassLoader loader = EventLoop.class.getClassLoader();
        try {
            java.nio.file.Path root = java.nio.file.Path.of(
                    EventLoop.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            java.util.List<String> names = new java.util.ArrayList<>();
            if (java.nio.file.Files.isDirectory(root)) {
                try (var files = java.nio.file.Files.walk(root)) {
                    files.map(f -> root.relativize(f).toString().replace(java.io.File.separatorChar, '/'))
                            .forEach(names::add);
                }
            } else {
                try (java.util.jar.JarFile jar = new java.util.jar.JarFile(root.toFile())) {
                    jar.stream().map(java.util.jar.JarEntry::getName).forEach(names::add);
                }
            }
            for (String name : names) {
                if (!name.startsWith("dev/miniredis/") || !name.endsWith(".class") || name.endsWith("-info.class")) continue;
                try {
                    Class.forName(name.substring(0, name.length() - 6).replace('/', '.'), false, loader);
                } catch (ClassNotFoundException | LinkageError ignored) {
                    // loaded on first use instead, as without this step
                }
            }
        } catch (IOException | java.net.URISyntaxException | RuntimeException e) {
            System.getLogger(Main.class.getName()).log(Level.DEBUG, "could not preload classes error=\"" + e + "\"");
        }
    }

    private static volatile byte[] warmUpSink;

    /**
     * The first young collection of a JVM's life is its slowest: measured here at 8 ms against 1 to 2 ms for the ones
     * after it, because the collector's worker threads and tables start cold. Left alone it lands in the middle of the
     * first clients' requests, as the longest pause of a whole benchmark. So we make it happen now, on a heap with
     * nothing in it, before the server says it is ready: short-lived garbage until the collection counter moves (at
     * most 256 MB, in case the collector never runs a young collection).
     */
    static void warmUpCollector() {
        long before = collections();
        for (long allocated = 0; collections() == before && allocated < 256L << 20; allocated += 64 << 10) {
            warmUpSink = new byte[64 << 10];
        }
        warmUpSink = null;
    }

    private static long collections() {
        long n = 0;
        for (java.lang.management.GarbageCollectorMXBean gc : java.lang.management.ManagementFactory.getGarbageCollectorMXBeans()) {
            n += Math.max(0, gc.getCollectionCount());
        }
        return n;
    }

    static void printHelp(PrintStream out) {
        out.println("Usage: java -jar mini-redis-server.jar [/path/to/redis.conf] [options]");
        out.println();
        out.println("  /path/to/redis.conf    a config file in redis.conf syntax, read first; the options override it");
        out.println("  --port <port>          TCP port to listen on (default 6379; 0 picks a free one)");
        out.println("  --bind <address>       address to listen on (default 127.0.0.1)");
        out.println("  --maxclients <n>       most clients connected at once (default 10000)");
        out.println("  --loglevel <level>     debug, verbose, notice or warning (default notice)");
        out.println("  --requirepass <password> clients must AUTH with this password first");
        out.println("  --timeout <seconds>    close clients idle this long; 0 never does (default 0)");
        out.println("  --proto-max-bulk-len <size>        largest argument a client may send (default 512mb)");
        out.println("  --maxmemory <size>                 memory limit for the keyspace (default 0: none)");
        out.println("  --maxmemory-policy <policy>        noeviction (default), allkeys-lru, allkeys-lfu, allkeys-random,");
        out.println("                                     volatile-lru, volatile-lfu, volatile-random, volatile-ttl");
        out.println("  --client-query-buffer-limit <size> largest unparsed input per client (default 1gb)");
        out.println("  --shutdown-timeout <seconds>       time to answer received commands on shutdown (default 5)");
        out.println("  --client-output-buffer-limit \"pubsub <hard> <soft> <seconds>\"");
        out.println("                         disconnect subscribers that fall behind (default \"pubsub 32mb 8mb 60\")");
        out.println("  --databases <n>        number of databases SELECT can choose (default 16)");
        out.println("  --protected-mode yes|no  refuse clients from other addresses than 127.0.0.1 and ::1");
        out.println("                         while no password is set (default yes)");
        out.println("  --<parameter> <value>  any other parameter CONFIG SET takes, by its Redis name");
        out.println("                         (e.g. --hash-max-listpack-entries 64)");
        out.println("  --help                 print this help and exit");
        out.println("  --version              print the version and exit");
    }

    /** Maps Redis's level names onto System.Logger levels; see {@link LineLoggerFinder} for the line format. */
    static void configureLogging(Level level) {
        LineLoggerFinder.threshold(level);
    }

    /** The parsed command line. */
    static final class Options {
        final ServerConfig config = new ServerConfig();
        Level logLevel = Level.INFO;
        boolean help;
        boolean version;

        /**
         * Flags that set a field directly and are also CONFIG SET parameters: they are recorded as settings too, so
         * that, applied after the config file's lines, they override the file, as redis-server's flags do.
         */
        private static final java.util.Set<String> SETTING_FLAGS = java.util.Set.of("--maxclients", "--loglevel",
                "--client-output-buffer-limit", "--client-query-buffer-limit", "--proto-max-bulk-len", "--requirepass",
                "--maxmemory", "--maxmemory-policy", "--timeout", "--shutdown-timeout");

        static Options parse(String[] argv) {
            Options o = new Options();
            int first = 0;
            // As redis-server: a first argument that is not an option is the config file.
            if (argv.length > 0 && !argv[0].startsWith("-")) {
                try {
                    ConfigFile.load(java.nio.file.Path.of(argv[0]), o.config);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                first = 1;
            }
            for (int i = first; i < argv.length; i++) {
                String flag = argv[i];
                if (SETTING_FLAGS.contains(flag) && i + 1 < argv.length) o.config.setting(flag.substring(2), argv[i + 1]);
                switch (flag) {
                    case "--help", "-h" -> o.help = true;
                    case "--version", "-v" -> o.version = true;
                    case "--port" -> o.config.port(intValue(flag, value(argv, ++i, flag), 0, 65535));
                    case "--bind" -> o.config.bind(value(argv, ++i, flag));
                    case "--maxclients" -> o.config.maxClients(intValue(flag, value(argv, ++i, flag), 1, Integer.MAX_VALUE));
                    case "--loglevel" -> o.logLevel = logLevel(value(argv, ++i, flag));
                    case "--client-output-buffer-limit" -> outputLimit(o.config, value(argv, ++i, flag));
                    case "--client-query-buffer-limit" -> o.config.queryBufferLimitBytes(
                            memory(value(argv, ++i, flag), flag + " needs a size such as 1gb"));
                    case "--proto-max-bulk-len" -> o.config.maxBulkBytes(
                            memory(value(argv, ++i, flag), flag + " needs a size such as 512mb"));
                    case "--requirepass" -> o.config.requirePass(value(argv, ++i, flag));
                    case "--maxmemory" -> o.config.maxMemoryBytes(
                            memory(value(argv, ++i, flag), flag + " needs a size such as 100mb"));
                    case "--maxmemory-policy" -> o.config.maxMemoryPolicy(value(argv, ++i, flag));
                    case "--databases" -> o.config.databases(intValue(flag, value(argv, ++i, flag), 1, 1_000_000));
                    case "--timeout" -> o.config.idleTimeoutSeconds(intValue(flag, value(argv, ++i, flag), 0, Integer.MAX_VALUE));
                    case "--shutdown-timeout" -> o.config.shutdownTimeoutMillis(
                            1000L * intValue(flag, value(argv, ++i, flag), 0, 3600));
                    default -> {
                        // Any other parameter CONFIG SET knows, by its Redis name (checked when the server starts).
                        if (!flag.startsWith("--") || flag.length() < 3 || i + 1 >= argv.length) {
                            throw new IllegalArgumentException("unknown option '" + flag + "'");
                        }
                        o.config.setting(flag.substring(2), value(argv, ++i, flag));
                    }
                }
            }
            return o;
        }

        private static String value(String[] argv, int i, String flag) {
            if (i >= argv.length) throw new IllegalArgumentException(flag + " needs a value");
            return argv[i];
        }

        private static int intValue(String flag, String text, int min, int max) {
            try {
                int n = Integer.parseInt(text);
                if (n >= min && n <= max) return n;
            } catch (NumberFormatException ignored) {
                // reported below
            }
            throw new IllegalArgumentException(flag + " needs a number from " + min + " to " + max + ", got '" + text + "'");
        }

        // "pubsub <hard> <soft> <soft-seconds>", as in redis.conf; "normal" is accepted with 0 0 0 (no limit), as Redis's
        // default, since normal clients here have no output limit.
        private static void outputLimit(ServerConfig config, String text) {
            String[] parts = text.trim().split("\\s+");
            String usage = "--client-output-buffer-limit needs '<class> <hard> <soft> <seconds>', got '" + text + "'";
            if (parts.length != 4) throw new IllegalArgumentException(usage);
            long hard = memory(parts[1], usage);
            long soft = memory(parts[2], usage);
            long seconds = memory(parts[3], usage);
            switch (parts[0].toLowerCase(java.util.Locale.ROOT)) {
                case "pubsub" -> config.pubsubOutputLimit(hard, soft, seconds);
                case "normal" -> {
                    if (hard != 0 || soft != 0) throw new IllegalArgumentException("only 'normal 0 0 0' is supported");
                }
                default -> throw new IllegalArgumentException(usage);
            }
        }

        /** Redis's memory units: 1k = 1000 bytes, 1kb = 1024, likewise m/mb and g/gb. */
        static long memory(String text, String usage) {
            String t = text.toLowerCase(java.util.Locale.ROOT);
            long unit = 1;
            String[][] units = {{"gb", "1073741824"}, {"mb", "1048576"}, {"kb", "1024"}, {"g", "1000000000"},
                    {"m", "1000000"}, {"k", "1000"}, {"b", "1"}};
            for (String[] u : units) {
                if (t.endsWith(u[0])) {
                    unit = Long.parseLong(u[1]);
                    t = t.substring(0, t.length() - u[0].length());
                    break;
                }
            }
            try {
                long n = Long.parseLong(t);
                if (n >= 0) return Math.multiplyExact(n, unit);
            } catch (NumberFormatException | ArithmeticException ignored) {
                // reported below
            }
            throw new IllegalArgumentException(usage);
        }

        static Level logLevel(String name) {
            return switch (name) {
                case "debug" -> Level.TRACE;
                case "verbose" -> Level.DEBUG;
                case "notice" -> Level.INFO;
                case "warning" -> Level.WARNING;
                default -> throw new IllegalArgumentException(
                        "--loglevel must be debug, verbose, notice or warning, got '" + name + "'");
            };
        }
    }
}
