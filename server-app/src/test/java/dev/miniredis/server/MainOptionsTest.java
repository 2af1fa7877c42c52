package dev.miniredis.server;

import org.junit.jupiter.api.Test;

import java.lang.System.Logger.Level;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
    void defaultsAreRedis() {
        Main.Options o = Main.Options.parse(new String[0]);
        assertThat(o.config.port()).isEqualTo(6379);
        assertThat(o.config.bind()).isEqualTo("127.0.0.1");
        assertThat(o.logLevel).isEqualTo(Level.INFO);
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
}
