package dev.miniredis.command;

import dev.miniredis.db.Db;
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
    private final Db db;
    private final PubSub pubsub;
    private final ServerControl server;
    private Session session;
    private long now;

    public Context(Db db, PubSub pubsub, ServerControl server) {
        this.db = db;
        this.pubsub = pubsub;
        this.server = server;
    }

    public ServerControl server() {
        return server;
    }

    /** Called by the loop before running commands for {@code session}. */
    public void use(Session session, long now) {
        this.session = session;
        this.now = now;
    }

    public Db db() {
        return db;
    }

    public PubSub pubsub() {
        return pubsub;
    }

    /** Epoch milliseconds at the start of this turn. */
    public long now() {
        return now;
    }

    public Session session() {
        return session;
    }

    /** The current connection's reply writer. */
    public RespWriter reply() {
        return session.writer();
    }
}
