/**
 * The reactor: one thread, one {@link java.nio.channels.Selector}, nonblocking sockets.
 *
 * <h2>Reading order</h2>
 * Read {@link dev.miniredis.reactor.EventLoop} first. Its {@code runOnce()} is one turn of the loop in five steps: send
 * the replies the last turn produced, sleep in {@code select} until a socket is ready or the next timer is due, read the
 * clock once, serve the ready keys, fire the due timers. Shutdown is a mode of that same turn, not a second loop. Then
 * the rooms beside the loop, each a short class whose comment explains it:
 * <ol>
 *   <li>{@link dev.miniredis.reactor.Connection}: one socket as a state machine (OPEN, DRAINING, CLOSING, DOOMED,
 *       CLOSED), with its parser, its write buffer (lent by a pool only while replies are pending) and its output
 *       limits;</li>
 *   <li>{@link dev.miniredis.reactor.Clients}: accepting (and when not to), client ids, the idle list, and closing, the
 *       only way to CLOSED;</li>
 *   <li>{@link dev.miniredis.reactor.Timers}: every deadline the loop waits for (key expiry, idle clients, the end of an
 *       accept pause, the shutdown deadline) in one heap of reusable timers;</li>
 *   <li>{@link dev.miniredis.reactor.Parking}: connections whose next command must wait (CLIENT PAUSE): they stop
 *       consuming their pipeline, hold the bytes behind it, and resume at the start of a later turn;</li>
 *   <li>{@link dev.miniredis.reactor.ServerView}: what commands see of the server.</li>
 * </ol>
 * {@link dev.miniredis.reactor.ServerConfig} holds the settings, and {@link dev.miniredis.reactor.ConfigSettings} shows
 * them to CONFIG GET and CONFIG SET under Redis's names; {@link dev.miniredis.reactor.ConfigFile} reads them from a
 * redis.conf and {@link dev.miniredis.reactor.ConfigRewriter} writes them back. {@link dev.miniredis.reactor.ProtectedMode}
 * decides which new clients are refused while no password is set.
 *
 * <h2>The NIO ideas shown here</h2>
 * <ul>
 *   <li><b>Readiness selection with {@code select(Consumer)}.</b> The selector hands each ready key to a callback, and
 *       the callback only collects it; the turn then reads the clock and serves the keys in order. The classic
 *       selected-key set is never emptied by the selector (forget {@code iterator.remove()} and a key comes back as if
 *       ready again), and it allocates per key.</li>
 *   <li><b>Interest sets.</b> OP_WRITE is asked for only while a write is unfinished: a socket is writable nearly all
 *       the time, so leaving it set would make every {@code select} return at once. OP_ACCEPT is dropped to make new
 *       clients wait in the listen backlog (at {@code maxclients}, or for a while after a failed accept).</li>
 *   <li><b>{@code read()} returning -1</b> means the peer closed its side; 0 only means nothing has arrived yet. During
 *       shutdown, a read that returns 0 is also how the loop knows the kernel holds nothing more from a client.</li>
 *   <li><b>The select timeout comes from the next timer</b> ({@code Timers.millisUntilNext}), so nothing polls on a fixed
 *       tick. {@code select(0)} means <em>forever</em>, not "don't wait": a timer that is already due needs
 *       {@code selectNow()}, and only "no timer at all" may block without a timeout.</li>
 *   <li><b>{@code wakeup()}</b> is the one selector call that is safe from another thread: signal handlers and tests
 *       use it to make the loop start a turn.</li>
 * </ul>
 */
package dev.miniredis.reactor;
