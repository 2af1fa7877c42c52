package dev.miniredis.testing;

import dev.miniredis.reactor.EventLoop;
import dev.miniredis.reactor.ServerConfig;

import java.io.IOException;
import java.time.Duration;

/** The real server, in-process, on an ephemeral port, driven by a manual clock. */
public final class TestServer implements AutoCloseable {
    public final ManualClock clock = new ManualClock();
    public final EventLoop loop;
    private final Thread thread;

    public TestServer() throws IOException {
        this(new ServerConfig());
    }

    public TestServer(ServerConfig config) throws IOException {
        this(config, dev.miniredis.command.CommandTable.standard());
    }

    public TestServer(ServerConfig config, dev.miniredis.command.CommandTable commands) throws IOException {
        loop = new EventLoop(config.port(0), clock, commands);
        thread = new Thread(loop, "test-event-loop");
        thread.setDaemon(true);
        thread.start();
    }

    public int port() {
        return loop.port();
    }

    public RawClient connect() throws IOException {
        return new RawClient(port());
    }

    /** Moves time forward and makes the loop start a new turn, so it reads the new time. */
    public void advance(Duration by) {
        clock.advance(by);
        loop.wakeup();
    }

    /** Waits for the loop thread to end (after a shutdown); true if it did within the time. */
    public boolean awaitStopped(Duration within) throws InterruptedException {
        thread.join(within.toMillis());
        return !thread.isAlive();
    }

    @Override
    public void close() throws InterruptedException {
        loop.shutdown();
        thread.join(5_000);
    }
}
