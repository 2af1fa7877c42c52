package dev.miniredis.command.pubsub;

import dev.miniredis.command.Context;
import dev.miniredis.command.Session;
import dev.miniredis.db.Key;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiPredicate;
import java.util.function.Function;

/**
 * What UNSUBSCRIBE and PUNSUBSCRIBE share: without names, leave everything the connection has (one confirmation each);
 * with names, leave those (confirmed even if the connection never had them); with nothing to leave, one confirmation
 * with a null name and a count of 0.
 */
final class Unsubscriptions {
    private Unsubscriptions() {
    }

    /**
     * @param names   the names given with the command, possibly none
     * @param current the connection's channels or patterns, used when no name is given
     * @param remove  removes one subscription from the registry (the result is not needed: Redis confirms regardless)
     * @param kind    {@code unsubscribe} or {@code punsubscribe}, as the confirmation frame names it
     */
    static void run(Context ctx, byte[][] names, Function<Session, List<Key>> current,
                    BiPredicate<Session, Key> remove, byte[] kind) {
        Session s = ctx.session();
        List<Key> targets = new ArrayList<>();
        if (names.length == 0) targets.addAll(current.apply(s));
        else for (byte[] name : names) targets.add(new Key(name));
        if (targets.isEmpty()) {
            SubscriptionReplies.write(ctx.reply(), kind, null, s.subscriptions().count());
            return;
        }
        for (Key target : targets) {
            remove.test(s, target);
            SubscriptionReplies.write(ctx.reply(), kind, target.bytes(), s.subscriptions().count());
        }
    }
}
