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
        loop = new EventLoop(config.port(0), clock);
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

    @Override
    public void close() throws InterruptedException {
        loop.shutdown();
        thread.join(5_000);
    }
}
