package dev.miniredis.server;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static dev.miniredis.testing.Tools.installed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Runs the guide's scale-out script, bench/twemproxy.sh: three servers from the packaged jar behind twemproxy, keys
 * written through the proxy and found spread over all three, an MGET across instances. It runs after the jar is
 * packaged (failsafe, verify phase), when nutcracker is installed (CI installs it).
 */
@Timeout(120)
class TwemproxyIT {

    @Test
    void keysSpreadOverThreeInstancesBehindTheProxy() throws Exception {
        assumeTrue(installed("nutcracker") && installed("redis-cli"), "nutcracker and redis-cli are needed");
        Path script = Path.of("..", "bench", "twemproxy.sh").toAbsolutePath().normalize();
        Process p = new ProcessBuilder("bash", script.toString()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(100, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(output).isZero();
        assertThat(output).contains("together: 100 keys, each on exactly one instance",
                "MGET of 10 keys through the proxy: every value correct, in order",
                "OK: 100 keys spread over 3 mini-redis instances behind twemproxy");
    }
}
