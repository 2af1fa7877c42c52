package dev.miniredis.command;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Specs by name, found straight from the bytes the client sent, in any letter case, without allocating: an
 * open-addressing table keyed by a lower-case hash. The command table uses one for command names, and every container
 * (CLIENT, CONFIG, ...) one for its subcommand names.
 *
 * <p>The table is at most half full, so a probe always reaches an empty slot. Only the loop thread reads it, after
 * registration is over.
 */
final class SpecIndex {
    private CommandSpec[] slots = new CommandSpec[8];
    private final List<CommandSpec> inOrder = new ArrayList<>();

    /** Adds a spec under its {@link CommandSpec#word()}; a name may be added only once. */
    void add(CommandSpec spec) {
        if (find(spec.wordBytes()) != null) throw new IllegalArgumentException("duplicate command " + spec.name());
        if (2 * (inOrder.size() + 1) > slots.length) {
            CommandSpec[] old = slots;
            slots = new CommandSpec[old.length * 2];
            for (CommandSpec s : old) if (s != null) place(s);
        }
        place(spec);
        inOrder.add(spec);
    }

    private void place(CommandSpec spec) {
        byte[] word = spec.wordBytes();
        int mask = slots.length - 1;
        int i = hash(word) & mask;
        while (slots[i] != null) i = (i + 1) & mask;
        slots[i] = spec;
    }

    /** The spec whose name equals {@code name} ignoring ASCII case, or null. */
    CommandSpec find(byte[] name) {
        int mask = slots.length - 1;
        int i = hash(name) & mask;
        for (CommandSpec s = slots[i]; s != null; s = slots[i = (i + 1) & mask]) {
            if (Args.equalsIgnoreCase(name, s.word())) return s;
        }
        return null;
    }

    /** Every spec, in the order added. */
    List<CommandSpec> all() {
        return Collections.unmodifiableList(inOrder);
    }

    // Lower-case polynomial hash over ASCII letters, so "GET" and "get" land in the same slot.
    private static int hash(byte[] name) {
        int h = 0;
        for (byte value : name) {
            int b = value;
            if (b >= 'A' && b <= 'Z') b += 32;
            h = 31 * h + b;
        }
        return h ^ (h >>> 7);
    }
}
