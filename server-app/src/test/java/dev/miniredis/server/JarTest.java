package dev.miniredis.server;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The command line as a user meets it: a real JVM process running Main. */
@Timeout(120)
class JarTest {
    private static Process start(String... args) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String[] argv = new String[args.length + 4];
        argv[0] = java;
        argv[1] = "-cp";
        argv[2] = System.getProperty("java.class.path");
        argv[3] = Main.class.getName();
        System.arraycopy(args, 0, argv, 4, args.length);
        return new ProcessBuilder(argv).redirectErrorStream(true).start();
    }

    private static String finish(Process p) throws Exception {
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return out;
    }

    @Test
    void unknownFlagExitsOneWithAMessage() throws Exception {
        Process p = start("--bogus");
        assertThat(finish(p)).isEqualTo("mini-redis-server: unknown option '--bogus' (try --help)\n");
        assertThat(p.exitValue()).isEqualTo(1);
    }

    @Test
    void helpAndVersion() throws Exception {
        Process help = start("--help");
        assertThat(finish(help)).contains("--port", "--bind", "--maxclients", "--loglevel");
        assertThat(help.exitValue()).isZero();
        Process version = start("--version");
        assertThat(finish(version)).isEqualTo("mini-redis-server " + Main.VERSION + "\n");
    }

    @Test
    void startsLogsBannerAndStopsOnSigterm() throws Exception {
        Process p = start("--port", "0");
        var reader = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String banner = reader.readLine();
        assertThat(banner).contains("mini-redis ready", "address=127.0.0.1:", "pid=" + p.pid());
        p.toHandle().destroy(); // SIGTERM (Process.destroy would also close our end of its output)
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        StringBuilder rest = new StringBuilder();
        for (String line; (line = reader.readLine()) != null; ) rest.append(line).append('\n');
        assertThat(rest.toString()).contains("shutdown requested by signal=SIGTERM", "shutdown: stopped accepting",
                "shutdown: every received command answered", "shutdown: closed connections=0", "event loop stopped", "bye");
        assertThat(p.exitValue()).as("a clean shutdown exits 0, as Redis does").isZero();
    }

    @Test
    void shutdownCommandStopsTheProcessWithStatusZero() throws Exception {
        Process p = start("--port", "0");
        var reader = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String banner = reader.readLine();
        int port = Integer.parseInt(banner.replaceAll(".*address=127\\.0\\.0\\.1:(\\d+).*", "$1"));
        try (dev.miniredis.testing.RawClient c = new dev.miniredis.testing.RawClient(port)) {
            assertThat(c.call("SET", "k", "v")).isEqualTo("+OK\r\n");
            c.command("SHUTDOWN");
            assertThat(c.closedByServer()).isTrue();
        }
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();
    }

    @Test
    void runningOutOfFileDescriptorsPausesAcceptingButKeepsServing() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/bin/bash")), "needs bash for ulimit");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String command = "ulimit -n 60; exec '" + java + "' -cp '" + System.getProperty("java.class.path") + "' "
                + Main.class.getName() + " --port 0";
        Process p = new ProcessBuilder("/bin/bash", "-c", command).redirectErrorStream(true).start();
        var reader = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String banner = reader.readLine();
        int port = Integer.parseInt(banner.replaceAll(".*address=127\\.0\\.0\\.1:(\\d+).*", "$1"));
        java.util.List<dev.miniredis.testing.RawClient> clients = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < 80; i++) clients.add(new dev.miniredis.testing.RawClient(port)); // more than 60 fds allow
            for (int i = 0; i < 5; i++) assertThat(clients.get(i).call("PING")).isEqualTo("+PONG\r\n");
            dev.miniredis.testing.RawClient last = clients.get(79);
            last.command("SET", "last", "in");
            for (int i = 0; i < 70; i++) clients.get(i).close();          // descriptors come back...
            String lastReply;
            try {
                lastReply = last.readReply();
            } catch (java.io.IOException e) {
                p.toHandle().destroy();
                StringBuilder log = new StringBuilder();
                for (String line; (line = reader.readLine()) != null; ) log.append(line).append('\n');
                throw new AssertionError("no reply; server log:\n" + log, e);
            }
            assertThat(lastReply).isEqualTo("+OK\r\n");                 // ...and the waiting client is accepted
            assertThat(clients.get(75).call("GET", "last")).isEqualTo("$2\r\nin\r\n");
        } finally {
            for (var c : clients) c.close();
            p.toHandle().destroy();
        }
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        StringBuilder log = new StringBuilder();
        for (String line; (line = reader.readLine()) != null; ) log.append(line).append('\n');
        assertThat(log.toString()).contains("accept failed, pausing accepts").doesNotContain("crashed");
    }

    @Test
    void bindingEverywhereWithoutAPasswordWarns() throws Exception {
        Process p = start("--port", "0", "--bind", "0.0.0.0");
        var reader = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String first = reader.readLine();
        assertThat(first).contains("WARNING", "without a password", "protected mode refuses", "address=0.0.0.0");
        p.toHandle().destroy();
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
    }

    private static int portFromBanner(java.io.BufferedReader reader) throws java.io.IOException {
        for (String line; (line = reader.readLine()) != null; ) {
            if (line.contains("mini-redis ready")) {
                return Integer.parseInt(line.replaceAll(".*address=[^ ]*:(\\d+).*", "$1"));
            }
        }
        throw new AssertionError("no banner");
    }

    private static java.util.Map<String, String> allSettings(int port) throws Exception {
        java.util.Map<String, String> all = new java.util.TreeMap<>();
        try (dev.miniredis.client.Client c = dev.miniredis.client.Client.connect("127.0.0.1", port)) {
            java.util.List<?> reply = (java.util.List<?>) c.send("CONFIG", "GET", "*");
            for (int i = 0; i < reply.size(); i += 2) {
                all.put(new String((byte[]) reply.get(i), StandardCharsets.UTF_8),
                        new String((byte[]) reply.get(i + 1), StandardCharsets.UTF_8));
            }
        }
        return all;
    }

    @Test
    void startsWithAConfigFileOfEveryDirectiveAndRewritesIt(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        // Every parameter CONFIG GET lists, with its default value, as a redis.conf.
        java.util.Map<String, String> defaults;
        try (dev.miniredis.embed.MiniRedis embedded = dev.miniredis.embed.MiniRedis.builder().start()) {
            defaults = allSettings(embedded.port());
        }
        StringBuilder text = new StringBuilder("# every directive mini-redis knows\n");
        defaults.forEach((name, value) -> text.append(name).append(" \"").append(value.replace("\"", "\\\""))
                .append("\"\n"));
        text.append("port 0\nmaxmemory 3mb\n");
        Path conf = dir.resolve("redis.conf");
        Files.writeString(conf, text);
        Process p = start(conf.toString(), "--timeout", "7");
        int port = portFromBanner(new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream(),
                StandardCharsets.UTF_8)));
        java.util.Map<String, String> expected = new java.util.TreeMap<>(defaults);
        expected.put("maxmemory", "3145728");
        expected.put("timeout", "7");                      // the flag after the file wins
        expected.put("port", "0");
        assertThat(allSettings(port)).isEqualTo(expected);
        try (dev.miniredis.testing.RawClient c = new dev.miniredis.testing.RawClient(port)) {
            assertThat(c.call("CONFIG", "SET", "maxmemory", "5mb", "maxmemory-policy", "allkeys-lfu"))
                    .isEqualTo("+OK\r\n");
            assertThat(c.call("CONFIG", "REWRITE")).isEqualTo("+OK\r\n");
            c.command("SHUTDOWN");
            assertThat(c.closedByServer()).isTrue();
        }
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        String rewritten = Files.readString(conf);
        assertThat(rewritten).startsWith("# every directive mini-redis knows\n").contains("\nmaxmemory 5mb\n",
                "\nmaxmemory-policy allkeys-lfu\n", "\ntimeout 7\n", "\nport 0\n");
        // ...and the rewritten file starts the server with the same settings.
        Process again = start(conf.toString());
        int port2 = portFromBanner(new java.io.BufferedReader(new java.io.InputStreamReader(again.getInputStream(),
                StandardCharsets.UTF_8)));
        expected.put("maxmemory", "5242880");
        expected.put("maxmemory-policy", "allkeys-lfu");
        assertThat(allSettings(port2)).isEqualTo(expected);
        again.toHandle().destroy();
        assertThat(again.waitFor(20, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void aBadDirectiveStopsTheStartNamingFileAndLine(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path conf = dir.resolve("redis.conf");
        Files.writeString(conf, "port 0\n# fine so far\nmaxmemory 10mb\nnosuch-directive yes\n");
        Process p = start(conf.toString());
        assertThat(finish(p)).isEqualTo("\n*** FATAL CONFIG FILE ERROR (Redis 7.0.15) ***\n"
                + "Reading the configuration file, at line 4\n"
                + ">>> 'nosuch-directive yes'\n"
                + "Bad directive or wrong number of arguments\n"
                + "(in " + conf + ")\n");
        assertThat(p.exitValue()).isEqualTo(1);
        Files.writeString(conf, "port 0\nmaxmemory-policy foo\n");
        Process bad = start(conf.toString());
        assertThat(finish(bad))
                .contains("at line 2\n>>> 'maxmemory-policy foo'\nargument(s) must be one of the following:");
        assertThat(bad.exitValue()).isEqualTo(1);
        Process missing = start(dir.resolve("nope.conf").toString());
        assertThat(finish(missing)).isEqualTo("Fatal error, can't open config file '" + dir.resolve("nope.conf")
                + "': No such file or directory\n");
        assertThat(missing.exitValue()).isEqualTo(1);
    }
}
