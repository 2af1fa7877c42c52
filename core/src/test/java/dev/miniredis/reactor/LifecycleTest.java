package dev.miniredis.reactor;

import dev.miniredis.command.Command;
import dev.miniredis.command.CommandTable;
import dev.miniredis.testing.RawClient;
import dev.miniredis.testing.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** Shutdown, client limits, idle clients, and a connection that trips a bug. */
@Timeout(30)
class LifecycleTest {
    private TestServer server;

    @AfterEach
    void stop() throws Exception {
        if (server != null) server.close();
    }

    @Test
    void shutdownAnswersEveryPipelinedCommandAlreadySent() throws Exception {
        server = new TestServer();
        int count = 10_000;
        ByteArrayOutputStream pipeline = new ByteArrayOutputStream();
        for (int i = 0; i < count; i++) pipeline.writeBytes(RawClient.encode("SET", "key:" + i, "value:" + i));
        try (RawClient c = server.connect()) {
            AtomicReference<Exception> writeFailure = new AtomicReference<>();
            Thread writer = new Thread(() -> {
                try {
                    c.send(pipeline.toByteArray());
                } catch (Exception e) {
                    writeFailure.set(e);
                }
            });
            writer.start();
            assertThat(c.read("+OK\r\n")).isEqualTo("+OK\r\n"); // the server is working through the pipeline...
            server.loop.shutdown();                              // ...when the shutdown starts
            for (int i = 1; i < count; i++) assertThat(c.read("+OK\r\n")).as("reply %d", i).isEqualTo("+OK\r\n");
            writer.join();
            assertThat(writeFailure.get()).isNull();
            assertThat(c.closedByServer()).isTrue();
        }
        assertThat(server.awaitStopped(Duration.ofSeconds(10))).isTrue();
        assertThat(server.loop.db().size()).isEqualTo(count);
    }

    @Test
    void shutdownCommandClosesWithoutAReplyAndStopsTheServer() throws Exception {
        server = new TestServer();
        try (RawClient c = server.connect(); RawClient other = server.connect()) {
            assertThat(c.call("SHUTDOWN", "BOGUS")).isEqualTo("-ERR syntax error\r\n");
            assertThat(c.call("SHUTDOWN", "ABORT")).isEqualTo("-ERR No shutdown in progress.\r\n");
            c.command("SHUTDOWN", "NOSAVE");
            assertThat(c.closedByServer()).isTrue();
            assertThat(other.closedByServer()).isTrue();
        }
        assertThat(server.awaitStopped(Duration.ofSeconds(10))).isTrue();
    }

    @Test
    void atMaxClientsTheNextClientWaitsInTheBacklogUntilASlotFrees() throws Exception {
        server = new TestServer(new ServerConfig().maxClients(2));
        RawClient first = server.connect();
        try (RawClient second = server.connect(); RawClient third = server.connect()) {
            assertThat(first.call("PING")).isEqualTo("+PONG\r\n");
            assertThat(second.call("PING")).isEqualTo("+PONG\r\n");
            third.command("SET", "third", "was-here");    // connected in the kernel's backlog, not yet accepted
            assertThat(second.call("PING")).isEqualTo("+PONG\r\n"); // a full turn passed...
            assertThat(second.call("EXISTS", "third")).as("...and the third client was not served").isEqualTo(":0\r\n");
            assertThat(server.loop.connectionCount()).isEqualTo(2);
            first.close();
            assertThat(third.readReply()).isEqualTo("+OK\r\n");
            assertThat(second.call("GET", "third")).isEqualTo("$8\r\nwas-here\r\n");
        }
    }

    @Test
    void idleClientsAreClosedByTheTimerButSubscribersAreNot() throws Exception {
        server = new TestServer(new ServerConfig().idleTimeoutSeconds(10));
        try (RawClient idle = server.connect(); RawClient subscriber = server.connect(); RawClient busy = server.connect()) {
            assertThat(idle.call("PING")).isEqualTo("+PONG\r\n");
            assertThat(subscriber.call("SUBSCRIBE", "ch")).endsWith(":1\r\n");
            server.advance(Duration.ofSeconds(10));
            assertThat(busy.call("PING")).as("10 s idle is not yet over the limit").isEqualTo("+PONG\r\n");
            assertThat(idle.call("PING")).isEqualTo("+PONG\r\n");         // activity resets its clock (+10 s)
            server.advance(Duration.ofSeconds(6));
            assertThat(busy.call("PING")).isEqualTo("+PONG\r\n");         // +16 s: busy stays fresh
            server.advance(Duration.ofSeconds(5));
            assertThat(busy.call("PING")).isEqualTo("+PONG\r\n");         // +21 s: `idle` has been silent for 11 s
            assertThat(idle.closedByServer()).isTrue();
            assertThat(busy.call("PUBLISH", "ch", "still-here")).isEqualTo(":1\r\n");
        }
    }

    @Test
    void aBugWhileServingOneClientClosesOnlyThatClient() throws Exception {
        CommandTable commands = CommandTable.standard();
        commands.register("crash", 1, args -> (Command) ctx -> {
            throw new IllegalStateException("deliberate failure for the test");
        });
        server = new TestServer(new ServerConfig(), commands);
        try (RawClient bad = server.connect(); RawClient good = server.connect()) {
            assertThat(good.call("SET", "k", "v")).isEqualTo("+OK\r\n");
            bad.command("CRASH");
            assertThat(bad.closedByServer()).isTrue();
            assertThat(good.call("GET", "k")).isEqualTo("$1\r\nv\r\n");
        }
        try (RawClient again = server.connect()) {
            assertThat(again.call("PING")).isEqualTo("+PONG\r\n");
        }
    }
}
