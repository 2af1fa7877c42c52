package dev.miniredis.reactor;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;

/**
 * Redis's protected mode: a server that anyone can reach and that asks no password should not serve strangers. With
 * {@code protected-mode yes} (the default) and no {@code requirepass}, a client whose address is not exactly 127.0.0.1
 * or ::1 is sent {@link #DENIED}, which tells its user how to fix it, and is closed before it can run a command.
 *
 * <pre>
 *   accept() ──▶ protected-mode yes? ──no──▶ serve
 *                     │yes
 *                password set? ──────yes──▶ serve
 *                     │no
 *                peer is 127.0.0.1 or ::1? ──yes──▶ serve
 *                     │no
 *                write DENIED (best effort, nonblocking), close
 * </pre>
 *
 * Redis 7.0 decides on these three things only: not on {@code bind} (a server bound to 127.0.0.2 still refuses a
 * client from 127.0.0.2, which Linux routes over loopback: Redis compares the address text, not the interface). We do
 * the same. The decision is a pure function ({@link #denies}), so tests can try every case without a second machine.
 * The socket side is in {@link Clients}: the check runs right after {@code accept}, and a refused client never becomes
 * a {@link Connection} (Redis does not count it in {@code total_connections_received} either).
 */
public final class ProtectedMode {
    /** Redis 7.0.15's reply, word for word (its typo "Setup a an" included). */
    public static final byte[] DENIED = ("-DENIED Redis is running in protected mode because protected mode is enabled"
            + " and no password is set for the default user. In this mode connections are only accepted from the"
            + " loopback interface. If you want to connect from external computers to Redis you may adopt one of the"
            + " following solutions: 1) Just disable protected mode sending the command 'CONFIG SET protected-mode no'"
            + " from the loopback interface by connecting to Redis from the same host the server is running, however"
            + " MAKE SURE Redis is not publicly accessible from internet if you do so. Use CONFIG REWRITE to make this"
            + " change permanent. 2) Alternatively you can just disable the protected mode by editing the Redis"
            + " configuration file, and setting the protected mode option to 'no', and then restarting the server."
            + " 3) If you started the server manually just for testing, restart it with the '--protected-mode no'"
            + " option. 4) Setup a an authentication password for the default user. NOTE: You only need to do one of"
            + " the above things in order for the server to start accepting connections from the outside.\r\n")
            .getBytes(StandardCharsets.US_ASCII);

    private ProtectedMode() {
    }

    /**
     * Whether a new client must be refused.
     *
     * @param protectedMode the {@code protected-mode} setting
     * @param passwordSet whether {@code requirepass} is set
     * @param peer the client's address
     * @return true if the client gets {@link #DENIED} and is closed
     */
    public static boolean denies(boolean protectedMode, boolean passwordSet, InetAddress peer) {
        return protectedMode && !passwordSet && !isLocal(peer);
    }

    /**
     * Redis's {@code islocalClient}: the peer's address is exactly 127.0.0.1 or ::1. Not "any loopback address":
     * 127.0.0.2 is not local to Redis. An IPv4 client of a dual-stack socket reaches Java as an {@link Inet4Address}
     * already, so "::ffff:127.0.0.1" needs no case of its own.
     *
     * @param peer the client's address
     * @return true for 127.0.0.1 and ::1
     */
    public static boolean isLocal(InetAddress peer) {
        byte[] a = peer.getAddress();
        if (peer instanceof Inet4Address) return a[0] == 127 && a[1] == 0 && a[2] == 0 && a[3] == 1;
        if (peer instanceof Inet6Address) {
            for (int i = 0; i < 15; i++) if (a[i] != 0) return false;
            return a[15] == 1;
        }
        return false;
    }
}
