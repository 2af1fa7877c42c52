package dev.miniredis.examples;

import dev.miniredis.testing.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayOutputStream;
import java.io.FilterReader;
import java.io.IOException;
import java.io.PipedReader;
import java.io.PipedWriter;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every example program, run against the real server in-process. The test waits only for events: a latch when a
 * subscription is confirmed or a chat starts reading its keyboard, and a monitor on each program's output that is
 * signalled on every write.
 */
@Timeout(120)
class ExamplesTest {
    private TestServer server;

    @BeforeEach
    void start() throws Exception {
        server = new TestServer();
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    /** What a program prints; {@link #await} blocks until some text shows up, woken by each write. */
    private static final class Output {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream() {
            @Override
            public synchronized void write(int b) {
                super.write(b);
                notifyAll();
            }

            @Override
            public synchronized void write(byte[] b, int off, int len) {
                super.write(b, off, len);
                notifyAll();
            }
        };
        final PrintStream stream = new PrintStream(bytes, true, StandardCharsets.UTF_8);

        String text() {
            synchronized (bytes) {
                return bytes.toString(StandardCharsets.UTF_8);
            }
        }

        /** Waits until {@code expected} has been printed; the bound only turns a hang into a failure with the output. */
        void await(String expected) throws InterruptedException {
            long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            synchronized (bytes) {
                while (!text().contains(expected)) {
                    long left = giveUp - System.nanoTime();
                    assertThat(left).as("waited for %s; the output so far: %s", expected, text()).isPositive();
                    TimeUnit.NANOSECONDS.timedWait(bytes, left);
                }
            }
        }
    }

    /** A keyboard for a chat: counts {@code reading} down at the first read, when the chat is ready for input. */
    private static Reader keyboard(PipedWriter typing, CountDownLatch reading) throws IOException {
        return new FilterReader(new PipedReader(typing)) {
            @Override
            public int read(char[] buffer, int off, int len) throws IOException {
                reading.countDown();
                return super.read(buffer, off, len);
            }

            @Override
            public int read() throws IOException {
                reading.countDown();
                return super.read();
            }
        };
    }

    @Test
    void embeddedStartsItsOwnServerAndClosesIt() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Embedded.run(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        assertThat(bytes.toString(StandardCharsets.UTF_8))
                .matches("(?s)started on port \\d+; got hello from inside\nclosed\n");
    }

    @Test
    void helloWorld() throws Exception {
        Output out = new Output();
        HelloWorld.run("127.0.0.1", server.port(), out.stream);
        assertThat(out.text()).isEqualTo("got value from the server; success=true\n");
    }

    @Test
    void pubAndSub() throws Exception {
        Output subOut = new Output();
        CountDownLatch subscribed = new CountDownLatch(1);
        Thread sub = new Thread(() -> {
            try {
                Sub.run("127.0.0.1", server.port(), 2, subOut.stream, subscribed::countDown);
            } catch (Exception e) {
                subOut.stream.println("failed: " + e);
            }
        });
        sub.start();
        assertThat(subscribed.await(60, TimeUnit.SECONDS)).isTrue();
        Output pubOut = new Output();
        assertThat(Pub.run("127.0.0.1", server.port(), "bar", pubOut.stream)).isEqualTo(1);
        Pub.run("127.0.0.1", server.port(), "baz", pubOut.stream);
        sub.join();   // it ends after the two messages; the class's @Timeout bounds a hang
        assertThat(pubOut.text()).startsWith("published \"bar\" to foo; receivers=1\n");
        assertThat(subOut.text()).isEqualTo("subscribed to foo\ngot message from foo: bar\ngot message from foo: baz\n");
    }

    @Test
    void twoPeopleChat() throws Exception {
        Output aliceOut = new Output();
        Output bobOut = new Output();
        PipedWriter aliceTypes = new PipedWriter();
        PipedWriter bobTypes = new PipedWriter();
        // Chat.run subscribes (and waits for the confirmation) before it reads its first line: once both chats read
        // their keyboards, both subscriptions exist.
        CountDownLatch bothReading = new CountDownLatch(2);
        Thread alice = chat("alice", keyboard(aliceTypes, bothReading), aliceOut);
        Thread bob = chat("bob", keyboard(bobTypes, bothReading), bobOut);
        assertThat(bothReading.await(60, TimeUnit.SECONDS)).as("both chats started").isTrue();
        aliceTypes.write("hi bob\n");
        aliceTypes.flush();
        bobOut.await("alice: hi bob");
        bobTypes.write("hi alice\n");
        bobTypes.flush();
        aliceOut.await("bob: hi alice");
        bobOut.await("bob: hi alice");   // everyone hears every line, their own included
        aliceOut.await("alice: hi bob");
        aliceTypes.close();
        bobTypes.close();
        alice.join();
        bob.join();
        assertThat(aliceOut.text()).isEqualTo("alice: hi bob\nbob: hi alice\n");
        assertThat(bobOut.text()).isEqualTo("alice: hi bob\nbob: hi alice\n");
    }

    private Thread chat(String name, Reader keyboard, Output out) {
        Thread t = new Thread(() -> {
            try {
                Chat.run(name, "127.0.0.1", server.port(), keyboard, out.stream);
            } catch (Exception e) {
                out.stream.println("failed: " + e);
            }
        });
        t.start();
        return t;
    }
}
