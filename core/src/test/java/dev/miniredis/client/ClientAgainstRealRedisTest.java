package dev.miniredis.client;

import dev.miniredis.testing.RealRedis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The same client suite against a real redis-server, when one is installed (CI installs it). */
@Timeout(120)
class ClientAgainstRealRedisTest extends ClientContract {
    private static RealRedis redis;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(RealRedis.available(), "redis-server is not installed");
        redis = new RealRedis();
    }

    @AfterAll
    static void stop() throws Exception {
        if (redis != null) redis.close();
    }

    @Override
    int port() {
        return redis.port();
    }
}
