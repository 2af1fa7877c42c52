package dev.miniredis.command;

/**
 * {@code POST} and {@code Host:}: not commands, but the first words of an HTTP request. A browser can be tricked into
 * sending one to a Redis port on the victim's machine, with Redis commands hidden in the body (a cross-protocol attack).
 * Like Redis, we close such a connection at once, without a reply, so nothing after those words is ever run, and log it.
 * {@link Unknown} checks for these two names before it reports an unknown command.
 */
final class SecurityWarning {
    private static final System.Logger LOG = System.getLogger(SecurityWarning.class.getName());

    /** The command Unknown runs for {@code POST} and {@code Host:}. */
    static final Command CLOSE = SecurityWarning::close;

    private SecurityWarning() {
    }

    private static void close(Context ctx) {
        LOG.log(System.Logger.Level.WARNING, "possible cross-protocol attack: an HTTP request was sent to the server;"
                + " connection closed id=" + ctx.session().id());
        ctx.session().closeAfterReply();
    }
}
