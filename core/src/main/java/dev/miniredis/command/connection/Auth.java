package dev.miniredis.command.connection;

import dev.miniredis.command.Args;
import dev.miniredis.command.Category;
import dev.miniredis.command.Command;
import dev.miniredis.command.CommandError;
import dev.miniredis.command.CommandSpec;
import dev.miniredis.command.Context;
import dev.miniredis.command.Flag;
import dev.miniredis.protocol.Resp;

import java.security.MessageDigest;

/**
 * {@code AUTH password} or {@code AUTH default password}: unlocks a connection on a server started with
 * {@code --requirepass}. There are no ACL users here; "default" is the only user name, as on a Redis without ACLs.
 *
 * <p>Passwords are compared with {@link MessageDigest#isEqual}, which takes the same time wherever the first difference
 * is, so response timing does not leak how much of a guess was right.
 */
record Auth(byte[] user, byte[] password) implements Command {
    static final CommandSpec SPEC = CommandSpec.of("auth", -2, Flag.NOSCRIPT, Flag.LOADING, Flag.STALE, Flag.FAST,
                    Flag.NO_AUTH, Flag.ALLOW_BUSY)
            .categories(Category.CONNECTION).group("connection").since("1.0.0").summary("Authenticates the connection.")
            .parser(Auth::parse);

    private static final byte[] DEFAULT_USER = Resp.ascii("default");

    static Command parse(Args args) {
        if (args.count() > 3) throw CommandError.SYNTAX;
        return args.count() == 2 ? new Auth(null, args.get(1)) : new Auth(args.get(1), args.get(2));
    }

    /** Throws Redis's WRONGPASS error unless the user (null meaning "default") and password are right. */
    static void checkCredentials(byte[] user, byte[] password, byte[] required) {
        boolean userOk = user == null || MessageDigest.isEqual(user, DEFAULT_USER);
        boolean passwordOk = required == null || MessageDigest.isEqual(password, required);
        if (!userOk || !passwordOk) {
            throw new CommandError("WRONGPASS invalid username-password pair or user is disabled.");
        }
    }

    @Override
    public void execute(Context ctx) {
        byte[] required = ctx.server().requirePass();
        if (user == null && required == null) {
            throw new CommandError("ERR AUTH <password> called without any password configured for the default user."
                    + " Are you sure your configuration is correct?");
        }
        checkCredentials(user, password, required);
        ctx.session().authenticated(true);
        ctx.reply().raw(Resp.OK);
    }
}
