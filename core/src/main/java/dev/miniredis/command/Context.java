package dev.miniredis.command;

import dev.miniredis.db.Db;
import dev.miniredis.db.Keyspace;
import dev.miniredis.protocol.RespWriter;
import dev.miniredis.pubsub.PubSub;

/**
 * Everything a command needs while it runs: the store, the pub/sub registry, the current connection and the time of
 * this turn.
 *
 * <p>There is one context per event loop. Before each command the loop points it at the connection the command came from
 * ({@link #use}); {@code now} is the clock reading taken once at the start of the turn, so every command in a turn, and
 * every key it looks at, agrees on the time.
 */
public final class Context {
    private final Keyspace keyspace;
    private final dev.miniredis.command.tx.Watches watches;
    private final Blocking blocking;
    private boolean inExec;
    private final dev.miniredis.pubsub.Notifications notifications;
    private final PubSub pubsub;
    private final ServerControl server;
    private final CommandTable commands;
    private Session session;
    private long now;

    /**
     * Creates the loop's one context; {@link #use} must be called before the first command runs.
     *
     * @param keyspace the databases
     * @param pubsub the channel and pattern registry
     * @param notifications keyspace notifications, published through {@code pubsub}
     * @param server the server-wide controls (the event loop)
     */
    public Context(Keyspace keyspace, PubSub pubsub, dev.miniredis.pubsub.Notifications notifications,
                   ServerControl server) {
        this(keyspace, pubsub, notifications, server, null);
    }

    /**
     * The same, with the command table whose introspection (SLOWLOG, LATENCY, MONITOR, INFO commandstats) commands
     * may read.
     *
     * @param keyspace the databases
     * @param pubsub the channel and pattern registry
     * @param notifications keyspace notifications, published through {@code pubsub}
     * @param server the server-wide controls (the event loop)
     * @param commands the table that runs the commands, or null
     */
    public Context(Keyspace keyspace, PubSub pubsub, dev.miniredis.pubsub.Notifications notifications,
                   ServerControl server, CommandTable commands) {
        this.keyspace = keyspace;
        this.notifications = notifications;
        // The keyspace reports the events only it sees (new, expired, evicted, keymiss) through the same notifications.
        dev.miniredis.db.KeyEvents events = new dev.miniredis.db.KeyEvents() {
            @Override
            public boolean wants(int event) {
                return notifications.wants(CLASSES[event]);
            }

            @Override
            public void happened(int event, dev.miniredis.db.Db db, byte[] key, int length) {
                notifications.notify(CLASSES[event], NAMES[event], key, length, db.index());
            }
        };
        for (int i = 0; i < keyspace.count(); i++) keyspace.db(i).events(events);
        this.watches = new dev.miniredis.command.tx.Watches(keyspace);
        this.blocking = new Blocking(keyspace);
        this.pubsub = pubsub;
        this.server = server;
        this.commands = commands;
    }

    /**
     * The command table running this command: its counters, slow log, latency monitor and monitors.
     *
     * @return the table
     */
    public CommandTable commands() {
        return commands;
    }

    /**
     * The server-wide controls: SHUTDOWN, CLIENT, INFO, CONFIG.
     *
     * @return the server the commands run in
     */
    public ServerControl server() {
        return server;
    }

    /**
     * Called by the loop before running commands for {@code session}.
     *
     * @param session the connection whose commands run next
     * @param now the clock reading of this turn, epoch milliseconds
     */
    public void use(Session session, long now) {
        this.session = session;
        this.now = now;
    }

    /**
     * The database the current connection has selected: where a command's keys are.
     *
     * @return the selected database
     */
    public Db db() {
        return keyspace.db(session.db());
    }

    // KeyEvents' numbers to the notification classes and Redis's event names.
    private static final int[] CLASSES = {dev.miniredis.pubsub.Notifications.NEW,
        dev.miniredis.pubsub.Notifications.EXPIRED, dev.miniredis.pubsub.Notifications.EVICTED,
        dev.miniredis.pubsub.Notifications.KEY_MISS};
    private static final String[] NAMES = {"new", "expired", "evicted", "keymiss"};

    /**
     * Publishes a keyspace notification for a key of the selected database, if its class is enabled: what every
     * command that changes a key calls after the change, with Redis's event name ({@code "set"}, {@code "del"},
     * {@code "lpush"}, ...). Costs one test while notifications are off, as they are by default.
     *
     * @param type the class: one of {@link dev.miniredis.pubsub.Notifications}' constants (GENERIC, STRING, LIST, ...)
     * @param event the event's name
     * @param key the key
     */
    public void notify(int type, String event, byte[] key) {
        if ((notifications.flags() & type) != 0) notifications.notify(type, event, key, key.length, session.db());
    }

    /**
     * Publishes {@code "del"} (class g) if {@code key} is gone from the selected database: what a command that removes
     * elements calls after its own event ("hdel", "srem", "zpopmin", ...), because removing a collection's last element
     * deletes the key. Looks the key up only while generic events are enabled.
     *
     * @param key the key the command removed elements from
     */
    public void notifyIfEmptied(byte[] key) {
        if ((notifications.flags() & dev.miniredis.pubsub.Notifications.GENERIC) != 0 && db().peek(key, now) == Db.NIL) {
            notifications.notify(dev.miniredis.pubsub.Notifications.GENERIC, "del", key, key.length, session.db());
        }
    }

    /**
     * Keyspace notifications themselves, for commands that notify in another database (MOVE, COPY ... DB).
     *
     * @return the loop's notifications
     */
    public dev.miniredis.pubsub.Notifications notifications() {
        return notifications;
    }

    /**
     * Blocked clients and the keys they wait for.
     *
     * @return the loop's registry
     */
    public Blocking blocking() {
        return blocking;
    }

    /**
     * Whether the running command may block its client: not inside EXEC, where a blocking command answers as if it had
     * timed out at once.
     *
     * @return true outside a transaction's execution
     */
    public boolean mayBlock() {
        return !inExec;
    }

    void inExec(boolean value) {
        inExec = value;
    }

    /**
     * Blocks the current client on {@code keys} of its selected database (see {@link Blocking#block}).
     *
     * @param keys the keys
     * @param kind {@link Blocking#LIST} or {@link Blocking#ZSET}
     * @param deadlineMillis when it times out, or {@link Long#MAX_VALUE}
     */
    public void block(byte[][] keys, byte kind, long deadlineMillis) {
        blocking.block(session, session.db(), keys, kind, deadlineMillis);
    }

    /**
     * Who watches which keys (WATCH), for the transaction commands and for a closing connection.
     *
     * @return the loop's registry
     */
    public dev.miniredis.command.tx.Watches watches() {
        return watches;
    }

    /**
     * Every database, and what they share: the memory limit, eviction, FLUSHALL, SWAPDB, MOVE.
     *
     * @return the server's databases
     */
    public Keyspace keyspace() {
        return keyspace;
    }

    /**
     * The pub/sub registry, for SUBSCRIBE, PUBLISH and PUBSUB.
     *
     * @return the server's channel and pattern registry
     */
    public PubSub pubsub() {
        return pubsub;
    }

    /**
     * Epoch milliseconds at the start of this turn.
     *
     * @return the time every command in this turn uses
     */
    public long now() {
        return now;
    }

    /**
     * The connection the current command came from.
     *
     * @return the current session
     */
    public Session session() {
        return session;
    }

    /**
     * The current connection's reply writer.
     *
     * @return where the command writes its reply
     */
    public RespWriter reply() {
        return session.writer();
    }
}
