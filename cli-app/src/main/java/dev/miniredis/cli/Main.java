package dev.miniredis.cli;

/**
 * {@code mini-redis-cli}: a placeholder until the client library lands (see the project's issues); it prints its usage.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.out.println("mini-redis-cli: not implemented yet; use redis-cli against the server meanwhile.");
    }
}
