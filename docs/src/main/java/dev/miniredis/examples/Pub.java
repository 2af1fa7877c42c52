package dev.miniredis.examples;

import dev.miniredis.client.Client;

import java.io.IOException;
import java.io.PrintStream;

/**
 * Publishes a message on channel {@code foo}; run {@link Sub} first to see it arrive.
 *
 * <pre>java -cp core/target/classes:docs/target/classes dev.miniredis.examples.Pub [host] [port]</pre>
 */
public final class Pub {
    private Pub() {
    }

    public static void main(String[] args) throws IOException {
        run(Examples.host(args), Examples.port(args), "bar", System.out);
    }

    static long run(String host, int port, String message, PrintStream out) throws IOException {
        try (Client client = Client.connect(host, port)) {
            long receivers = client.publish("foo", message);
            out.println("published \"" + message + "\" to foo; receivers=" + receivers);
            return receivers;
        }
    }
}
