package dev.miniredis.command.tx;

import dev.miniredis.command.CommandSpec;
import dev.miniredis.command.Flag;

import java.util.ArrayList;
import java.util.List;

/**
 * One connection's MULTI state and watched keys. Made on demand (the first MULTI or WATCH), so a connection that never
 * uses transactions carries none of it.
 *
 * <pre>
 *   (none) --MULTI--> QUEUING --EXEC/DISCARD/RESET--> (none)
 *                       |  a command: +QUEUED, kept with its spec
 *                       |  a rejected command (unknown, arity, ...): its error, and EXEC will abort
 *   WATCH k: k joins {@link Watches}; any change to k marks this transaction dirty and unwatches everything
 * </pre>
 *
 * <p>Atomicity needs no lock: EXEC runs the queued commands one after the other in the same turn of the one loop thread,
 * so no other client's command can come in between. That is the whole trick, here as in Redis.
 */
public final class Transaction {
    boolean queuing;
    boolean abortOnExec;                 // a command was rejected while queuing: EXEC answers EXECABORT
    boolean watchedKeyChanged;           // a watched key changed: EXEC answers a null array
    boolean denyOom;                     // some queued command may add memory (EXEC is refused over maxmemory)
    final List<byte[][]> queued = new ArrayList<>();
    final List<CommandSpec> specs = new ArrayList<>();
    final List<Watches.Watched> watching = new ArrayList<>();

    /** @return true between MULTI and EXEC, DISCARD or RESET */
    public boolean queuing() {
        return queuing;
    }

    /**
     * Queues a command for EXEC. Its arguments are copied: the parser reuses its arrays for the next command.
     *
     * @param spec the command's spec
     * @param argv the command, name first
     */
    public void queue(CommandSpec spec, byte[][] argv) {
        queued.add(argv.clone());
        specs.add(spec);
        if (spec.has(Flag.DENYOOM)) denyOom = true;
    }

    /** A command was rejected while queuing: EXEC will answer EXECABORT. */
    public void flagAbort() {
        if (queuing) abortOnExec = true;
    }

    /** @return whether a queued command may add memory */
    public boolean deniesOom() {
        return denyOom;
    }

    /** A rejected EXEC: the queue is dropped and the connection leaves MULTI (the caller unwatches). */
    public void discardQueue() {
        reset();
        watchedKeyChanged = false;
    }

    void reset() {
        queuing = false;
        abortOnExec = false;
        denyOom = false;
        queued.clear();
        specs.clear();
    }
}
