package dev.miniredis.reactor;

import dev.miniredis.command.CommandTable;
import dev.miniredis.command.ServerControl;
import dev.miniredis.command.ServerStats;
import dev.miniredis.command.Session;
import dev.miniredis.command.Settings;

import java.util.List;

/**
 * What commands see of the server: SHUTDOWN, CLIENT LIST and KILL, INFO's counters, CONFIG's settings. Commands depend
 * on the {@link ServerControl} interface only, so the dependency runs one way (reactor → command) and this small class
 * is the whole surface between them.
 */
final class ServerView implements ServerControl, ServerStats {
    private final EventLoop loop;
    private final Clients clients;
    private final CommandTable commands;
    private final ConfigSettings settings;
    private final long startedAtMillis;
    private final String runId = randomHex(40);
    private long connectionsBefore; // total_connections_received counts from the last CONFIG RESETSTAT

    ServerView(EventLoop loop, Clients clients, CommandTable commands, long startedAtMillis) {
        this.loop = loop;
        this.clients = clients;
        this.commands = commands;
        this.startedAtMillis = startedAtMillis;
        this.settings = new ConfigSettings(loop.config(), loop.keyspace(), loop.notifications(),
                clients::updateAcceptInterest, clients::armIdleTimer, commands);
        // Parameters given at start-up by name go through CONFIG SET's own checks, so a file, a flag and the command
        // agree; in the order given, so a flag after the file wins.
        for (ServerConfig.Setting s : loop.config().settingLines()) {
            String error;
            try {
                error = settings.setAtStart(s.name(), s.value());
            } catch (dev.miniredis.command.CommandError unknown) {
                if (s.origin() != null) {
                    throw new ConfigFile.LineError(s.origin(), "Bad directive or wrong number of arguments");
                }
                throw new IllegalArgumentException("unknown option '--" + s.name() + "'");
            }
            if (error != null) {
                if (s.origin() != null) throw new ConfigFile.LineError(s.origin(), error);
                throw new IllegalArgumentException("--" + s.name() + " " + s.value() + ": " + error);
            }
        }
    }

    @Override
    public void shutdown() {
        loop.shutdown();
    }

    @Override
    public byte[] requirePass() {
        return loop.config().requirePass();
    }

    @Override
    public List<Session> clients() {
        return clients.sessions();
    }

    @Override
    public void kill(Session client) {
        // CLIENT KILL runs inside another client's command; closing now is safe because nothing is iterating over
        // connections at this point (unlike PUBLISH's subscriber walk).
        clients.close((Connection) client, "killed");
    }

    @Override
    public boolean unblockClient(long id, boolean error) {
        return loop.unblockClient(id, error);
    }

    @Override
    public int clientPause() {
        return loop.clientPause();
    }

    @Override
    public void pauseClients(long deadlineMillis, int kind) {
        loop.pauseClients(deadlineMillis, kind);
    }

    @Override
    public void unpauseClients() {
        loop.unpauseClients();
    }

    @Override
    public ServerStats stats() {
        return this;
    }

    @Override
    public Settings settings() {
        return settings;
    }

    @Override
    public long startedAtMillis() {
        return startedAtMillis;
    }

    @Override
    public int port() {
        return loop.port();
    }

    @Override
    public int connectedClients() {
        return clients.count();
    }

    @Override
    public long totalConnectionsReceived() {
        return clients.totalAccepted() - connectionsBefore;
    }

    @Override
    public long totalCommandsProcessed() {
        return commands.processed();
    }

    @Override
    public String runId() {
        return runId;
    }

    @Override
    public void resetStats() {
        connectionsBefore = clients.totalAccepted();
    }

    private static String randomHex(int digits) {
        java.util.Random random = java.util.concurrent.ThreadLocalRandom.current();
        StringBuilder hex = new StringBuilder(digits);
        for (int i = 0; i < digits; i++) hex.append(Character.forDigit(random.nextInt(16), 16));
        return hex.toString();
    }

    @Override
    public long rejectedConnections() {
        return 0; // at --maxclients we stop accepting instead of rejecting
    }
}
