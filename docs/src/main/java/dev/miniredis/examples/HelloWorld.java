package dev.miniredis.examples;

import dev.miniredis.client.Client;

import java.io.IOException;
import java.io.PrintStream;

/**
 * The smallest program that talks to the server: connect, SET a key, GET it back.
 *
 * <pre>
 * java -jar server-app/target/mini-redis-server.jar &amp;
 * java -cp core/target/classes:docs/target/classes dev.miniredis.examples.HelloWorld
 * </pre>
 */
public final class HelloWorld {
    private HelloWorld() {
    }

    public static void main(String[] args) throws IOException {
        run(Examples.host(args), Examples.port(args), System.out);
    }

    static void run(String host, int port, PrintStream out) throws IOException {
        try (Client client = Client.connect(host, port)) {
            client.set("hello", "world");
            String value = client.get("hello");
            out.println("got value from the server; success=" + "world".equals(value));
        }
    }
}
