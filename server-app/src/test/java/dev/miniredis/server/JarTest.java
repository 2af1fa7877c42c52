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
        assertThat(first).contains("WARNING", "without a password", "address=0.0.0.0");
        p.toHandle().destroy();
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
    }
}
