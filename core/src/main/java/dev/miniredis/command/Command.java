package dev.miniredis.command;

/**
 * One parsed command, ready to run. Each command is a small class in its family's package (such as
 * {@code command.string}) holding its parsed arguments, with:
 * <ul>
 *   <li>a {@link CommandSpec} saying what the command is: name, arity, flags, and which parser to call;</li>
 *   <li>a static {@code parse(Args)} that validates the arguments (throwing {@link CommandError} for syntax mistakes),</li>
 *   <li>{@link #execute} that applies it to the store and writes the reply straight into the connection's write buffer.</li>
 * </ul>
 * So to learn how SET works, open {@code string/Set.java}: its spec, its parsing, its effect and its reply are all there.
 */
public interface Command {
    /**
     * Runs on the loop thread; writes exactly one reply (or, for pub/sub commands, the frames Redis sends).
     *
     * @param ctx the store, the calling connection and the time of this turn
     */
    void execute(Context ctx);
}
