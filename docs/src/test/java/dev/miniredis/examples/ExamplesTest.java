package dev.miniredis.examples;

import dev.miniredis.testing.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayOutputStream;
import java.io.PipedReader;
import java.io.PipedWriter;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Every example program, run against the real server in-process. */
@Timeout(30)
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

    private static final class Output {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final PrintStream stream = new PrintStream(bytes, true, StandardCharsets.UTF_8);

        String text() {
            return bytes.toString(StandardCharsets.UTF_8);
        }
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
        assertThat(subscribed.await(10, TimeUnit.SECONDS)).isTrue();
        Output pubOut = new Output();
        assertThat(Pub.run("127.0.0.1", server.port(), "bar", pubOut.stream)).isEqualTo(1);
        Pub.run("127.0.0.1", server.port(), "baz", pubOut.stream);
        sub.join(10_000);
        assertThat(pubOut.text()).startsWith("published \"bar\" to foo; receivers=1\n");
        assertThat(subOut.text()).isEqualTo("subscribed to foo\ngot message from foo: bar\ngot message from foo: baz\n");
    }

    @Test
    void twoPeopleChat() throws Exception {
        Output aliceOut = new Output();
        Output bobOut = new Output();
        PipedWriter aliceTypes = new PipedWriter();
        PipedWriter bobTypes = new PipedWriter();
        PipedReader aliceKeyboard = new PipedReader(aliceTypes);
        PipedReader bobKeyboard = new PipedReader(bobTypes);
        Thread alice = chat("alice", aliceKeyboard, aliceOut);
        Thread bob = chat("bob", bobKeyboard, bobOut);
        // Wait until both subscriptions exist before anyone speaks.
        try (var c = dev.miniredis.client.Client.connect("127.0.0.1", server.port())) {
            long subscribers = 0;
            for (int i = 0; i < 1000 && subscribers < 2; i++) {
                subscribers = (Long) ((java.util.List<?>) c.send("PUBSUB", "NUMSUB", "chat")).get(1);
            }
            assertThat(subscribers).isEqualTo(2);
        }
        aliceTypes.write("hi bob\n");
        aliceTypes.flush();
        awaitText(bobOut, "alice: hi bob");
        bobTypes.write("hi alice\n");
        bobTypes.flush();
        awaitText(aliceOut, "bob: hi alice");
        awaitText(bobOut, "bob: hi alice");   // everyone hears every line, their own included
        awaitText(aliceOut, "alice: hi bob");
        aliceTypes.close();
        bobTypes.close();
        alice.join(10_000);
        bob.join(10_000);
        assertThat(aliceOut.text()).isEqualTo("alice: hi bob\nbob: hi alice\n");
        assertThat(bobOut.text()).isEqualTo("alice: hi bob\nbob: hi alice\n");
    }

    private Thread chat(String name, PipedReader keyboard, Output out) {
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

    // Waits (bounded by the test's timeout) until `expected` shows up in the output.
    private static void awaitText(Output out, String expected) {
        while (!out.text().contains(expected)) Thread.onSpinWait();
    }
}
