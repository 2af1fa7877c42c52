package dev.miniredis.command.connection;

import dev.miniredis.command.Args;
import dev.miniredis.command.Category;
import dev.miniredis.command.Command;
import dev.miniredis.command.CommandError;
import dev.miniredis.command.CommandSpec;
import dev.miniredis.command.Context;
import dev.miniredis.command.Flag;
import dev.miniredis.command.Session;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code CLIENT LIST [TYPE normal|pubsub|master|replica] | [ID id [id ...]]}: one line per connection, in CLIENT INFO's
 * format. Only normal and pub/sub clients exist here, so TYPE master or replica lists nobody.
 */
record ClientList(List<Long> ids, String type) implements Command {
    static final CommandSpec SPEC = CommandSpec.of("client|list", -2, Flag.ADMIN, Flag.NOSCRIPT, Flag.LOADING,
                    Flag.STALE)
            .categories(Category.CONNECTION).group("connection").since("2.4.0").summary("Lists open connections.")
            .parser(ClientList::parse);

    static Command parse(Args args) {
        int n = args.count();
        if (n >= 4 && args.is(2, "id")) {
            List<Long> ids = new ArrayList<>();
            for (int j = 3; j < n; j++) {
                try {
                    ids.add(args.longAt(j));
                } catch (CommandError e) {
                    throw new CommandError("ERR Invalid client ID");
                }
            }
            return new ClientList(ids, null);
        }
        if (n == 4 && args.is(2, "type")) {
            String asTyped = new String(args.get(3), StandardCharsets.ISO_8859_1);
            String type = asTyped.toLowerCase(Locale.ROOT);
            if (!List.of("normal", "pubsub", "master", "replica", "slave").contains(type)) {
                throw new CommandError("ERR Unknown client type '" + asTyped + "'");
            }
            return new ClientList(null, type);
        }
        if (n != 2) throw CommandError.SYNTAX;
        return new ClientList(null, null);
    }

    @Override
    public void execute(Context ctx) {
        StringBuilder text = new StringBuilder();
        for (Session c : ctx.server().clients()) {
            if (ids != null && !ids.contains(c.id())) continue;
            if (type != null && !type.equals(c.subscriptions().isEmpty() ? "normal" : "pubsub")) continue;
            text.append(c.describe(ctx.now())).append('\n');
        }
        ctx.reply().verbatim("txt", text.toString().getBytes(StandardCharsets.UTF_8));
    }
}
