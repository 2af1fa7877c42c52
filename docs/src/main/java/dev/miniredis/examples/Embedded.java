package dev.miniredis.examples;

import dev.miniredis.client.Client;
import dev.miniredis.embed.MiniRedis;

import java.io.IOException;
import java.io.PrintStream;

/**
 * A server inside this program: start one on a free port with a memory limit, use it, close it. What a test of your own
 * does in its set-up and tear-down (see the README's JUnit 5 example).
 *
 * <pre>
 * java -cp core/target/classes:docs/target/classes dev.miniredis.examples.Embedded
 * </pre>
 */
public final class Embedded {
    private Embedded() {
    }

    public static void main(String[] args) throws IOException {
        run(System.out);
    }

    static void run(PrintStream out) throws IOException {
        try (MiniRedis server = MiniRedis.builder().config("maxmemory", "10mb").start();
             Client client = Client.connect(server.host(), server.port())) {
            client.set("greeting", "hello from inside");
            out.println("started on port " + server.port() + "; got " + client.get("greeting"));
        }
        out.println("closed");
    }
}
