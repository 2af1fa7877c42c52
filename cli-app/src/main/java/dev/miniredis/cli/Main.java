package dev.miniredis.cli;

import dev.miniredis.client.Client;
import dev.miniredis.client.Message;
import dev.miniredis.client.RedisException;
import dev.miniredis.client.Subscriber;

import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code mini-redis-cli [-h|--host H] [-p|--port P] COMMAND [ARGS...]}: sends one command with the blocking
 * {@link Client} and prints the reply as redis-cli does. {@code subscribe} prints messages until Ctrl-C.
 *
 * <p>Exit status: 0 for a reply, 1 for an error reply, a refused connection or bad arguments.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] argv) {
        System.exit(run(argv, System.out, System.err));
    }

    static int run(String[] argv, PrintStream out, PrintStream err) {
        String host = "127.0.0.1";
        int port = 6379;
        int i = 0;
        while (i < argv.length && argv[i].startsWith("-")) {
            String flag = argv[i];
            if (flag.equals("--help")) {
                printHelp(out);
                return 0;
            }
            if (i + 1 >= argv.length) return usage(err, flag + " needs a value");
            String value = argv[i + 1];
            switch (flag) {
                case "-h", "--host" -> host = value;
                case "-p", "--port" -> {
                    try {
                        port = Integer.parseInt(value);
                    } catch (NumberFormatException e) {
                        return usage(err, "invalid port '" + value + "'");
                    }
                    if (port < 1 || port > 65535) return usage(err, "invalid port '" + value + "'");
                }
                default -> {
                    return usage(err, "unknown option '" + flag + "'");
                }
            }
            i += 2;
        }
        List<String> command = new ArrayList<>(Arrays.asList(argv).subList(i, argv.length));
        if (command.isEmpty()) return usage(err, "no command given");

        try (Client client = Client.connect(host, port, Duration.ofSeconds(10))) {
            String name = command.get(0).toLowerCase(java.util.Locale.ROOT);
            if (name.equals("subscribe")) {
                if (command.size() < 2) return usage(err, "subscribe needs at least one channel");
                return subscribe(client, command.subList(1, command.size()), out);
            }
            if (name.equals("set") && command.size() == 4) {
                // set key value expires-ms: the CLI's shorthand for SET key value PX ms
                long millis;
                try {
                    millis = Long.parseLong(command.get(3));
                } catch (NumberFormatException e) {
                    return usage(err, "set: expires-ms must be a number of milliseconds, got '" + command.get(3) + "'");
                }
                command = List.of("SET", command.get(1), command.get(2), "PX", Long.toString(millis));
            }
            Object reply = client.send(command.toArray(new String[0]));
            out.println(ReplyFormatter.format(reply));
            return 0;
        } catch (RedisException e) {
            out.println(ReplyFormatter.error(e.getMessage()));
            return 1;
        } catch (ConnectException e) {
            err.println("Could not connect to Redis at " + host + ":" + port + ": Connection refused");
            return 1;
        } catch (IOException e) {
            err.println("Error talking to Redis at " + host + ":" + port + ": " + e.getMessage());
            return 1;
        }
    }

    // Prints the confirmations, then every message, until the process is interrupted (Ctrl-C) or the server goes away.
    private static int subscribe(Client client, List<String> channels, PrintStream out) throws IOException {
        Subscriber subscriber = client.subscribe(channels.toArray(new String[0]));
        out.println("Reading messages... (press Ctrl-C to quit)");
        for (int i = 0; i < channels.size(); i++) {
            out.println(ReplyFormatter.format(List.of("subscribe".getBytes(), channels.get(i).getBytes(), (long) i + 1)));
        }
        out.flush();
        while (true) {
            Message m = subscriber.nextMessage(Duration.ofDays(1));
            if (m == null) continue;
            List<Object> frame = m.pattern() == null
                    ? List.of("message".getBytes(), m.channel(), m.payload())
                    : List.of("pmessage".getBytes(), m.pattern(), m.channel(), m.payload());
            out.println(ReplyFormatter.format(frame));
            out.flush();
        }
    }

    private static int usage(PrintStream err, String problem) {
        err.println("mini-redis-cli: " + problem + " (try --help)");
        return 1;
    }

    static void printHelp(PrintStream out) {
        out.println("Usage: mini-redis-cli [-h|--host <host>] [-p|--port <port>] <command> [args...]");
        out.println();
        out.println("  ping [message]                 check the server is alive");
        out.println("  get <key>                      print a key's value");
        out.println("  set <key> <value> [expires-ms] set a key, optionally expiring after expires-ms");
        out.println("  publish <channel> <message>    publish a message");
        out.println("  subscribe <channel>...         print messages as they arrive, until Ctrl-C");
        out.println("  <any other command> [args...]  sent as given");
        out.println();
        out.println("Defaults: host 127.0.0.1, port 6379. Exit status 1 on an error reply or a connection failure.");
    }
}
