package dev.miniredis.command.set;

import dev.miniredis.command.CommandSpec;

import java.util.List;

/** The set commands, as {@link dev.miniredis.command.CommandTable#standard()} registers them. */
public final class SetFamily {
    private SetFamily() {
    }

    /**
     * Every set command's spec.
     *
     * @return the specs, in the order COMMAND lists them
     */
    public static List<CommandSpec> specs() {
        return List.of();
    }
}
