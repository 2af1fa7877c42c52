package dev.miniredis.command.tx;

import dev.miniredis.command.CommandSpec;

import java.util.List;

/** The transaction commands, as {@link dev.miniredis.command.CommandTable#standard()} registers them. */
public final class TxFamily {
    private TxFamily() {
    }

    /**
     * Every transaction command's spec.
     *
     * @return MULTI, EXEC, DISCARD, WATCH, UNWATCH
     */
    public static List<CommandSpec> specs() {
        return List.of(Multi.SPEC, Exec.SPEC, Discard.SPEC, Watch.WATCH, Watch.UNWATCH);
    }
}
