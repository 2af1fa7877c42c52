package dev.miniredis.examples;

import dev.miniredis.client.Client;
import dev.miniredis.client.Message;
import dev.miniredis.client.Subscriber;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;

/**
 * Subscribes to channel {@code foo} and prints every message, until Ctrl-C (or, for the tests, a given count).
 *
 * <pre>java -cp core/target/classes:docs/target/classes dev.miniredis.examples.Sub [host] [port]</pre>
 */
public final class Sub {
    private Sub() {
    }

    public static void main(String[] args) throws IOException {
        run(Examples.host(args), Examples.port(args), Long.MAX_VALUE, System.out, () -> { });
    }

    /** Prints {@code count} messages; {@code subscribed} runs once the subscription is confirmed. */
    static void run(String host, int port, long count, PrintStream out, Runnable subscribed) throws IOException {
        try (Subscriber subscriber = Client.connect(host, port).subscribe("foo")) {
            out.println("subscribed to foo");
            subscribed.run();
            for (long i = 0; i < count; i++) {
                Message m = subscriber.nextMessage(Duration.ofDays(1));
                if (m == null) continue;
                out.println("got message from " + m.channelText() + ": " + m.payloadText());
            }
        }
    }
}
