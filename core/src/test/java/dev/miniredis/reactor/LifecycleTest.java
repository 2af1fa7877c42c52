package dev.miniredis.reactor;

import dev.miniredis.command.Command;
import dev.miniredis.command.CommandTable;
import dev.miniredis.testing.RawClient;
import dev.miniredis.testing.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import dev.miniredis.testing.ManualClock;

import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** Shutdown, client limits, idle clients, and a connection that trips a bug. */
@Timeout(30)
class LifecycleTest {
    private TestServer server;

    @AfterEach
    void stop() throws Exception {
        if (server != null) server.close();
    }

    /**
     * The loop is stepped on this thread, so the order of events is exact: a pipeline reaches the server's socket, then
     * shutdown is requested, and only then does the client start reading. The first turn of the shutdown reads what the
     * kernel holds and runs it; every command is answered, the connection is closed after the last reply, and the loop
     * stops by itself. (500 commands, 18 KB: small enough that one write puts all of it in the server's receive queue; a
     * larger pipeline may still sit in the client's send queue, which is not "arrived", see the next test.)
     */
    @Test
    void shutdownAnswersAPipelineThatArrivedBeforeItEvenIfNoTurnReadItYet() throws Exception {
        stepThroughShutdown(500, false);
    }

    /** 10,000 commands arrive over many turns; the client reads nothing until the shutdown has begun. */
    @Test
    void shutdownAnswersALongPipelineWhoseRepliesTheClientHasNotReadYet() throws Exception {
        stepThroughShutdown(10_000, true);
    }

    private void stepThroughShutdown(int count, boolean runBeforeShutdown) throws Exception {
        ManualClock clock = new ManualClock();
        EventLoop loop = new EventLoop(new ServerConfig().port(0), clock);
        ByteArrayOutputStream pipeline = new ByteArrayOutputStream();
        for (int i = 0; i < count; i++) pipeline.writeBytes(RawClient.encode("SET", "key:" + i, "value:" + i));
        ByteBuffer toSend = ByteBuffer.wrap(pipeline.toByteArray());
        try (SocketChannel client = SocketChannel.open(new InetSocketAddress("127.0.0.1", loop.port()))) {
            loop.runOnce();                                  // accepts the client
            client.configureBlocking(false);
            if (runBeforeShutdown) {
                // Turn by turn until the server has read every byte (the Db is ours to look at: we are the loop thread).
                while (toSend.hasRemaining() || loop.db().size() < count) {
                    client.write(toSend);
                    loop.runOnce();
                }
            } else {
                assertThat(client.write(toSend)).isEqualTo(toSend.capacity());
            }
            loop.shutdown();                                 // the signal, before the client has read a byte
            for (int turns = 0; turns < 10_000 && loop.connectionCount() > 0; turns++) {
                loop.runOnce();
                readInto(client, received);                  // reading as it goes, so replies can all leave
            }
            assertThat(loop.connectionCount()).isZero();
            loop.run();                                      // returns at once: nothing is left to serve
            client.configureBlocking(true);
            while (client.read(readBuffer.clear()) >= 0) received.write(readBuffer.array(), 0, readBuffer.position());
        }
        assertThat(loop.db().size()).isEqualTo(count);
        assertThat(received.size()).isEqualTo(5 * count);
        assertThat(received.toString(StandardCharsets.ISO_8859_1)).isEqualTo("+OK\r\n".repeat(count));
        assertThat(loop.crashed()).isFalse();
    }

    private final ByteArrayOutputStream received = new ByteArrayOutputStream();
    private final ByteBuffer readBuffer = ByteBuffer.allocate(64 * 1024);

    private void readInto(SocketChannel client, ByteArrayOutputStream sink) throws Exception {
        int n;
        while ((n = client.read(readBuffer.clear())) > 0) sink.write(readBuffer.array(), 0, n);
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

    @Test
    void theShutdownDeadlineIsATimerOnTheInjectedClock() throws Exception {
        server = new TestServer(new ServerConfig().shutdownTimeoutMillis(5_000));
        try (RawClient reader = server.connect(); RawClient stuck = server.connect()) {
            assertThat(reader.call("SET", "big", "x".repeat(8 * 1024 * 1024))).isEqualTo("+OK\r\n");
            for (int i = 0; i < 4; i++) stuck.command("GET", "big");     // 32 MB of replies nobody reads
            assertThat(reader.call("STRLEN", "big")).isEqualTo(":8388608\r\n"); // a turn passed: the GETs ran
            server.loop.shutdown();
            assertThat(reader.closedByServer()).isTrue();                  // answered clients go at once...
            assertThat(server.awaitStopped(Duration.ofMillis(200))).isFalse(); // ...the stuck one holds the loop
            server.advance(Duration.ofSeconds(5).plusMillis(1));          // until the deadline on the clock
            assertThat(server.awaitStopped(Duration.ofSeconds(10))).isTrue();
        }
    }

    @Test
    void configSetTimeoutArmsTheIdleTimer() throws Exception {
        server = new TestServer();
        try (RawClient idle = server.connect(); RawClient admin = server.connect()) {
            assertThat(idle.call("PING")).isEqualTo("+PONG\r\n");
            server.advance(Duration.ofSeconds(100));
            assertThat(admin.call("CONFIG", "SET", "timeout", "10")).isEqualTo("+OK\r\n");
            server.advance(Duration.ofSeconds(1));
            assertThat(admin.call("PING")).isEqualTo("+PONG\r\n");
            assertThat(idle.closedByServer()).isTrue();
        }
    }

    /**
     * After the stepped part: lets the loop run to its end on a thread of its own while this thread reads everything
     * the client is sent, up to the server's close.
     */
    private String runToTheEndReading(EventLoop loop, SocketChannel client) throws Exception {
        Thread loopThread = new Thread(loop, "loop-finishing-shutdown");
        loopThread.start();
        client.configureBlocking(true);
        while (client.read(readBuffer.clear()) >= 0) received.write(readBuffer.array(), 0, readBuffer.position());
        loopThread.join();
        assertThat(loop.connectionCount()).isZero();
        return received.toString(StandardCharsets.ISO_8859_1);
    }

    @Test
    void aClientThatHalfClosesAfterItsCommandsStillGetsTheRepliesDuringShutdown() throws Exception {
        EventLoop loop = new EventLoop(new ServerConfig().port(0), new ManualClock());
        try (SocketChannel client = SocketChannel.open(new InetSocketAddress("127.0.0.1", loop.port()))) {
            loop.runOnce();                                  // accepts the client
            client.write(ByteBuffer.wrap("SET a 1\r\nINCR n\r\n".getBytes(StandardCharsets.US_ASCII)));
            client.shutdownOutput();                         // like `printf ... | nc -N`: the commands, then FIN
            client.configureBlocking(false);
            loop.shutdown();
            assertThat(runToTheEndReading(loop, client)).isEqualTo("+OK\r\n:1\r\n");
        }
        assertThat(loop.crashed()).isFalse();
    }

    @Test
    void repliesLargerThanOneTurnsBudgetAreAllSentBeforeTheShutdownEnds() throws Exception {
        EventLoop loop = new EventLoop(new ServerConfig().port(0), new ManualClock());
        String value = "v".repeat(100_000);
        try (SocketChannel client = SocketChannel.open(new InetSocketAddress("127.0.0.1", loop.port()))) {
            loop.runOnce();
            client.configureBlocking(false);
            ByteBuffer set = ByteBuffer.wrap(RawClient.encode("SET", "big", value));
            while (set.hasRemaining() || loop.db().size() == 0) {
                client.write(set);
                loop.runOnce();
            }
            // 30 GETs in one small write: one read takes them all, and their 3 MB of replies stop the drain for a turn.
            ByteArrayOutputStream gets = new ByteArrayOutputStream();
            for (int i = 0; i < 30; i++) gets.writeBytes(RawClient.encode("GET", "big"));
            assertThat(client.write(ByteBuffer.wrap(gets.toByteArray()))).isEqualTo(gets.size());
            loop.shutdown();
            String reply = "$100000\r\n" + value + "\r\n";
            assertThat(runToTheEndReading(loop, client)).isEqualTo("+OK\r\n" + reply.repeat(30));
        }
    }

    @Test
    void aCommandThatFailsWhileShuttingDownClosesOnlyItsClient() throws Exception {
        CommandTable commands = CommandTable.standard();
        commands.register("crash", 1, args -> (Command) ctx -> {
            throw new IllegalStateException("deliberate failure for the test");
        });
        EventLoop loop = new EventLoop(new ServerConfig().port(0), new ManualClock(), commands);
        try (SocketChannel bad = SocketChannel.open(new InetSocketAddress("127.0.0.1", loop.port()));
             SocketChannel good = SocketChannel.open(new InetSocketAddress("127.0.0.1", loop.port()))) {
            loop.runOnce();
            while (loop.connectionCount() < 2) loop.runOnce();
            bad.write(ByteBuffer.wrap("CRASH\r\n".getBytes(StandardCharsets.US_ASCII)));
            good.write(ByteBuffer.wrap("SET k v\r\nGET k\r\n".getBytes(StandardCharsets.US_ASCII)));
            good.configureBlocking(false);
            loop.shutdown();
            assertThat(runToTheEndReading(loop, good)).isEqualTo("+OK\r\n$1\r\nv\r\n");
        }
        assertThat(loop.crashed()).isFalse();
    }
}
