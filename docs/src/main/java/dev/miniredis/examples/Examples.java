package dev.miniredis.examples;

/** Argument helpers shared by the examples: {@code [host] [port]}, defaulting to 127.0.0.1:6379. */
final class Examples {
    private Examples() {
    }

    static String host(String[] args) {
        return args.length > 0 ? args[0] : "127.0.0.1";
    }

    static int port(String[] args) {
        return args.length > 1 ? Integer.parseInt(args[1]) : 6379;
    }
}
