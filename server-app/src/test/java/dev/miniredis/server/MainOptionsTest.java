package dev.miniredis.server;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.lang.System.Logger.Level;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(60)
class MainOptionsTest {
    @Test
    void readsRedisStyleFlags() {
        Main.Options o = Main.Options.parse(new String[] {
                "--port", "7000", "--bind", "0.0.0.0", "--maxclients", "5", "--loglevel", "warning"});
        assertThat(o.config.port()).isEqualTo(7000);
        assertThat(o.config.bind()).isEqualTo("0.0.0.0");
        assertThat(o.config.maxClients()).isEqualTo(5);
        assertThat(o.logLevel).isEqualTo(Level.WARNING);
    }

    @Test
    void readsTheOutputBufferLimitInRedisUnits() {
        Main.Options o = Main.Options.parse(new String[] {"--client-output-buffer-limit", "pubsub 1mb 512kb 10"});
        assertThat(o.config.pubsubHardLimitBytes()).isEqualTo(1024 * 1024);
        assertThat(o.config.pubsubSoftLimitBytes()).isEqualTo(512 * 1024);
        assertThat(o.config.pubsubSoftLimitSeconds()).isEqualTo(10);
        assertThat(Main.Options.memory("2k", "")).isEqualTo(2000);
        assertThatThrownBy(() -> Main.Options.parse(new String[] {"--client-output-buffer-limit", "pubsub 1x 2 3"}))
                .hasMessageContaining("needs '<class> <hard> <soft> <seconds>'");
    }

    @Test
    void defaultsAreRedis() {
        Main.Options o = Main.Options.parse(new String[0]);
        assertThat(o.config.port()).isEqualTo(6379);
        assertThat(o.config.bind()).isEqualTo("127.0.0.1");
        assertThat(o.logLevel).isEqualTo(Level.INFO);
        assertThat(o.config.pubsubHardLimitBytes()).isEqualTo(32L * 1024 * 1024);
        assertThat(o.config.pubsubSoftLimitBytes()).isEqualTo(8L * 1024 * 1024);
        assertThat(o.config.pubsubSoftLimitSeconds()).isEqualTo(60);
    }

    @Test
    void rejectsUnknownAndMalformedFlags() {
        assertThatThrownBy(() -> Main.Options.parse(new String[] {"--nope"})).hasMessage("unknown option '--nope'");
        assertThatThrownBy(() -> Main.Options.parse(new String[] {"--port", "x"}))
                .hasMessage("--port needs a number from 0 to 65535, got 'x'");
        assertThatThrownBy(() -> Main.Options.parse(new String[] {"--port"})).hasMessage("--port needs a value");
        assertThatThrownBy(() -> Main.Options.parse(new String[] {"--loglevel", "loud"}))
                .hasMessageContaining("--loglevel must be");
    }

    @Test
    void aConfigFileComesFirstAndFlagsOverrideIt(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path conf = dir.resolve("redis.conf");
        java.nio.file.Files.writeString(conf, "port 7001\nmaxclients 5\nbind 0.0.0.0\n");
        Main.Options o = Main.Options.parse(new String[] {conf.toString(), "--port", "7002", "--maxclients", "9"});
        assertThat(o.config.configFile()).isEqualTo(conf.toAbsolutePath());
        assertThat(o.config.port()).isEqualTo(7002);
        assertThat(o.config.bind()).isEqualTo("0.0.0.0");
        // maxclients from the file is applied when the loop is built, then the flag's, so the flag wins
        assertThat(o.config.settings()).containsEntry("maxclients", "9");
        assertThatThrownBy(() -> Main.Options.parse(new String[] {dir.resolve("missing.conf").toString()}))
                .isInstanceOf(java.io.UncheckedIOException.class);
    }
}
