package dev.miniredis.compat;

import dev.miniredis.reactor.EventLoop;
import dev.miniredis.reactor.ServerConfig;
import dev.miniredis.testing.RealRedis;

/**
 * A real redis-server and ours side by side, ours on the real clock (so relative and absolute expiry mean the same on
 * both) and on a thread of its own: what every comparison test starts with.
 */
final class BothServers implements AutoCloseable {
    final RealRedis redis;
    final EventLoop ours;
    private final Thread loopThread;

    BothServers(String loopThreadName) throws Exception {
        this(loopThreadName, dev.miniredis.command.CommandTable.standard());
    }

    /** With our server running {@code commands}: a test may add test-only commands to the standard table. */
    BothServers(String loopThreadName, dev.miniredis.command.CommandTable commands) throws Exception {
        redis = new RealRedis();
        ours = new EventLoop(new ServerConfig().port(0), System::currentTimeMillis, commands);
        loopThread = new Thread(ours, loopThreadName);
        loopThread.setDaemon(true);
        loopThread.start();
    }

    @Override
    public void close() throws Exception {
        ours.shutdown();
        loopThread.join(10_000);
        redis.close();
    }
}
