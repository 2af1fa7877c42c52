package dev.miniredis.command.connection;

import dev.miniredis.command.CommandSpec;

import java.util.List;

/** The commands about the connection itself, as {@link dev.miniredis.command.CommandTable#standard()} registers them. */
public final class ConnectionFamily {
    private ConnectionFamily() {
    }

    /**
     * Every connection command's spec.
     *
     * @return PING, ECHO, SELECT, QUIT, AUTH, HELLO, RESET, and the CLIENT container
     */
    public static List<CommandSpec> specs() {
        return List.of(Ping.SPEC, Echo.SPEC, Select.SPEC, Quit.SPEC, Auth.SPEC, Hello.SPEC, Reset.SPEC,
                ClientCommand.SPEC);
    }
}
