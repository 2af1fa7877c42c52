package dev.miniredis.command.list;

import dev.miniredis.command.CommandSpec;

import java.util.List;

/** The list commands, as {@link dev.miniredis.command.CommandTable#standard()} registers them. */
public final class ListFamily {
    private ListFamily() {
    }

    /**
     * Every list command's spec.
     *
     * @return the specs, in the order COMMAND lists them
     */
    public static List<CommandSpec> specs() {
        return List.of();
    }
}
