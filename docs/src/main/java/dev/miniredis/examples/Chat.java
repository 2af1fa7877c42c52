package dev.miniredis.examples;

import dev.miniredis.client.AsyncClient;
import dev.miniredis.client.Client;
import dev.miniredis.client.Message;
import dev.miniredis.client.Subscriber;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A chat room on channel {@code chat}: every line you type is published as {@code name: line}, and every line anyone
 * publishes is printed. Start it in two terminals with different names.
 *
 * <p>It uses both clients: a {@link Subscriber} on a thread of its own for incoming lines (a subscribed connection can
 * only listen), and the {@link AsyncClient} for sending, which any thread may share.
 *
 * <pre>java -cp core/target/classes:docs/target/classes dev.miniredis.examples.Chat alice [host] [port]</pre>
 */
public final class Chat {
    private Chat() {
    }

    public static void main(String[] args) throws Exception {
        String name = args.length > 0 ? args[0] : "anonymous";
        String[] rest = args.length > 0 ? java.util.Arrays.copyOfRange(args, 1, args.length) : args;
        run(name, Examples.host(rest), Examples.port(rest), new InputStreamReader(System.in, StandardCharsets.UTF_8),
                System.out);
    }

    /** Chats until {@code input} ends; prints what arrives on {@code out}. */
    static void run(String name, String host, int port, Reader input, PrintStream out) throws Exception {
        Subscriber subscriber = Client.connect(host, port).subscribe("chat");
        Thread listener = new Thread(() -> {
            try {
                while (true) {
                    Message m = subscriber.nextMessage(Duration.ofDays(1));
                    if (m != null) out.println(m.payloadText());
                }
            } catch (IOException closed) {
                // the subscriber was closed: we are done
            }
        }, "chat-listener");
        listener.setDaemon(true);
        listener.start();
        try (AsyncClient sender = AsyncClient.connect(host, port)) {
            BufferedReader lines = new BufferedReader(input);
            for (String line; (line = lines.readLine()) != null; ) {
                sender.publish("chat".getBytes(StandardCharsets.UTF_8),
                        (name + ": " + line).getBytes(StandardCharsets.UTF_8)).get();
            }
        } finally {
            subscriber.close();
            listener.join(5_000);
        }
    }
}
