package dev.miniredis.compat;

import dev.miniredis.command.Category;
import dev.miniredis.command.CommandSpec;
import dev.miniredis.command.CommandTable;
import dev.miniredis.protocol.ReplyParser;
import dev.miniredis.reactor.EventLoop;
import dev.miniredis.testing.RawClient;
import dev.miniredis.testing.RealRedis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Checks what COMMAND says about our commands against what a real redis-server says about the same commands: every
 * {@link CommandSpec} is declared by hand, in its command's file, so this is where a wrong flag, arity or category would
 * show. Skipped when redis-server is not installed.
 *
 * <p>Compared: in COMMAND INFO, the name, arity, flags, key positions and ACL categories of every command and of every
 * subcommand both servers have, and the whole reply byte for byte (RESP2 and RESP3) where Redis reports no tips and no
 * key specifications, which we do not model; in COMMAND DOCS, the group and the version; in COMMAND LIST, each filter's
 * result over the names both servers have. Not compared: summaries (ours are worded as in Redis 7.2's documentation) and
 * the subcommands Redis has and we do not implement.
 */
@Timeout(60)
class CommandSpecsAgainstRedisTest {
    /** Subcommands newer than the Redis we present ourselves as (7.0), accepted because clients send them. */
    private static final Set<String> NEWER_THAN_REDIS_7_0 = Set.of("client|setinfo", "client|no-touch");

    private static BothServers servers;
    private static RealRedis redis;
    private static EventLoop ours;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(RealRedis.available(), "redis-server is not installed");
        servers = new BothServers("specs-compat-loop");
        redis = servers.redis;
        ours = servers.ours;
    }

    @AfterAll
    static void stop() throws Exception {
        if (servers != null) servers.close();
    }

    /** Every command and subcommand name we implement, containers first and then their subcommands. */
    private static List<String> ourNames() {
        List<String> names = new ArrayList<>();
        for (CommandSpec spec : CommandTable.standard().specs()) {
            names.add(spec.name());
            for (CommandSpec sub : spec.subcommands()) names.add(sub.name());
        }
        return names;
    }

    @Test
    void commandInfoDescribesEachCommandAsRedisDoes() throws Exception {
        List<String> mismatches = new ArrayList<>();
        try (RawClient real = redis.connect(); RawClient mine = new RawClient(ours.port())) {
            for (CommandSpec spec : CommandTable.standard().specs()) {
                List<?> expected = (List<?>) first(real, "COMMAND", "INFO", spec.name());
                List<?> actual = (List<?>) first(mine, "COMMAND", "INFO", spec.name());
                if (expected == null) {
                    mismatches.add(spec.name() + ": redis-server has no such command");
                    continue;
                }
                compare(expected, actual, mismatches);
            }
        }
        assertThat(mismatches).as("COMMAND INFO elements that differ from redis-server").isEmpty();
    }

    // Compares the elements we model, then the subcommands both servers have.
    private static void compare(List<?> expected, List<?> actual, List<String> mismatches) {
        String redisSays = summary(expected);
        String weSay = summary(actual);
        if (!redisSays.equals(weSay)) mismatches.add("\n    redis: " + redisSays + "\n    ours:  " + weSay);
        Map<String, List<?>> redisSubs = byName((List<?>) expected.get(9));
        Map<String, List<?>> ourSubs = byName((List<?>) actual.get(9));
        ourSubs.forEach((name, ours) -> {
            List<?> theirs = redisSubs.get(name);
            if (theirs != null) compare(theirs, ours, mismatches);
            else if (!NEWER_THAN_REDIS_7_0.contains(name)) mismatches.add(name + ": redis-server has no such subcommand");
        });
    }

    @Test
    void commandInfoIsByteIdenticalWhereRedisReportsNoTipsOrKeySpecs() throws Exception {
        List<String> mismatches = new ArrayList<>();
        for (boolean resp3 : new boolean[] {false, true}) {
            try (RawClient real = redis.connect(); RawClient mine = new RawClient(ours.port())) {
                if (resp3) {
                    real.call("HELLO", "3");
                    mine.call("HELLO", "3");
                }
                for (String name : ourNames()) {
                    List<?> info = (List<?>) first(real, "COMMAND", "INFO", name);
                    if (info == null || !((List<?>) info.get(7)).isEmpty() || !((List<?>) info.get(8)).isEmpty()
                            || !((List<?>) info.get(9)).isEmpty()) {
                        continue;   // tips, key specs or subcommands we do not all have: compared element by element
                    }
                    String expected = real.call("COMMAND", "INFO", name);
                    String actual = mine.call("COMMAND", "INFO", name);
                    if (!expected.equals(actual)) {
                        mismatches.add((resp3 ? "RESP3 " : "RESP2 ") + name + "\n    redis: " + printable(expected)
                                + "\n    ours:  " + printable(actual));
                    }
                }
            }
        }
        assertThat(mismatches).as("COMMAND INFO replies that differ from redis-server").isEmpty();
    }

    @Test
    void commandDocsAgreeOnGroupAndVersion() throws Exception {
        List<String> mismatches = new ArrayList<>();
        try (RawClient real = redis.connect(); RawClient mine = new RawClient(ours.port())) {
            real.call("HELLO", "3");
            mine.call("HELLO", "3");
            for (String name : ourNames()) {
                Map<?, ?> expected = docs(real, name);
                Map<?, ?> actual = docs(mine, name);
                if (expected == null) continue;   // a subcommand newer than this redis-server
                for (String field : List.of("group", "since")) {
                    if (!text(expected.get(field)).equals(text(actual.get(field)))) {
                        mismatches.add(name + " " + field + ": redis " + text(expected.get(field)) + ", ours "
                                + text(actual.get(field)));
                    }
                }
                if (expected.containsKey("subcommands") != actual.containsKey("subcommands")) {
                    mismatches.add(name + ": only one server lists subcommands");
                }
            }
        }
        assertThat(mismatches).as("COMMAND DOCS fields that differ from redis-server").isEmpty();
    }

    @Test
    void commandListFiltersAgreeOverTheCommandsBothHave() throws Exception {
        List<String[]> filters = new ArrayList<>();
        filters.add(new String[0]);
        for (Category c : Category.values()) filters.add(new String[] {"FILTERBY", "ACLCAT", c.name().toLowerCase(Locale.ROOT)});
        filters.add(new String[] {"FILTERBY", "ACLCAT", "nosuch"});
        filters.add(new String[] {"FILTERBY", "PATTERN", "CLIENT*"});
        filters.add(new String[] {"FILTERBY", "PATTERN", "*sub*"});
        filters.add(new String[] {"FILTERBY", "PATTERN", "?et*"});
        filters.add(new String[] {"filterby", "module", "x"});
        List<String> mismatches = new ArrayList<>();
        try (RawClient real = redis.connect(); RawClient mine = new RawClient(ours.port())) {
            Set<String> both = new TreeSet<>(ourNames());
            both.removeAll(NEWER_THAN_REDIS_7_0);
            for (String[] filter : filters) {
                Set<String> expected = names(real, filter);
                expected.retainAll(both);
                Set<String> actual = names(mine, filter);
                actual.retainAll(both);
                if (!expected.equals(actual)) {
                    mismatches.add(String.join(" ", filter) + "\n    redis: " + expected + "\n    ours:  " + actual);
                }
            }
        }
        assertThat(mismatches).as("COMMAND LIST results that differ from redis-server").isEmpty();
    }

    private static final String[][] CASES = {
            {"COMMAND", "LIST", "x"}, {"COMMAND", "LIST", "FILTERBY", "PATTERN"}, {"COMMAND", "LIST", "FILTERBY", "FOO", "x"},
            {"COMMAND", "LIST", "FILTERBY", "PATTERN", "x", "y"}, {"COMMAND", "INFO", "client|nosuch", "get|x", "a|b|c"},
            {"COMMAND", "DOCS", "client|nosuch"}, {"COMMAND", "HELP", "x"}, {"COMMAND", "INFO", "CLIENT|ID"},
            {"CLIENT"}, {"CLIENT", "x".repeat(200)}, {"CLIENT", "a\0b"}, {"client", "setname"}, {"Config", "Get"},
            {"CONFIG", "SET", "timeout"}, {"CONFIG", "SET", "timeout", "0", "maxclients"}, {"PUBSUB", "NUMPAT", "x"},
            {"PUBSUB", "CHANNELS", "a", "b"}, {"PUBSUB", "SHARDCHANNELS", "a", "b"}, {"PUBSUB", "SHARDNUMSUB", "a"},
            {"pubsub", "Channels", "x", "y"}, {"CONFIG", "REWRITE"},
    };

    @Test
    void containerErrorsAnswerLikeRedis() throws Exception {
        List<String> mismatches = new ArrayList<>();
        try (RawClient real = redis.connect(); RawClient mine = new RawClient(ours.port())) {
            for (String[] command : CASES) {
                String expected = real.call(command);
                String actual = mine.call(command);
                if (!expected.equals(actual)) {
                    mismatches.add(printable(String.join(" ", command)) + "\n    redis: " + printable(expected)
                            + "\n    ours:  " + printable(actual));
                }
            }
        }
        assertThat(mismatches).as("replies that differ from redis-server").isEmpty();
    }

    // The elements we model: name, arity, flags, first key, last key, key step, ACL categories.
    private static String summary(List<?> info) {
        return text(info.get(0)) + " " + info.get(1) + " " + info.get(2) + " " + info.get(3) + "," + info.get(4) + ","
                + info.get(5) + " " + info.get(6);
    }

    private static Map<String, List<?>> byName(List<?> infos) {
        Map<String, List<?>> map = new LinkedHashMap<>();
        for (Object info : infos) map.put(text(((List<?>) info).get(0)), (List<?>) info);
        return map;
    }

    // The docs of one command, from the map COMMAND DOCS answers with in RESP3; null if the server has no such command.
    private static Map<?, ?> docs(RawClient c, String name) throws IOException {
        Map<?, ?> reply = (Map<?, ?>) parse(c, "COMMAND", "DOCS", name);
        return reply.isEmpty() ? null : (Map<?, ?>) reply.values().iterator().next();
    }

    private static Set<String> names(RawClient c, String... filter) throws IOException {
        String[] command = new String[filter.length + 2];
        command[0] = "COMMAND";
        command[1] = "LIST";
        System.arraycopy(filter, 0, command, 2, filter.length);
        Set<String> names = new TreeSet<>();
        for (Object name : (List<?>) parse(c, command)) names.add(text(name));
        return names;
    }

    private static Object first(RawClient c, String... command) throws IOException {
        return ((List<?>) parse(c, command)).get(0);
    }

    private static Object parse(RawClient c, String... command) throws IOException {
        c.command(command);
        try {
            return new ReplyParser().next(ByteBuffer.wrap(c.readReplyBytes()));
        } catch (dev.miniredis.protocol.ProtocolException e) {
            throw new IOException(e);
        }
    }

    private static String text(Object value) {
        return value instanceof byte[] bytes ? new String(bytes, StandardCharsets.ISO_8859_1) : String.valueOf(value);
    }

    private static String printable(String s) {
        return s.replace("\r", "\\r").replace("\n", "\\n").replace("\0", "\\0");
    }
}
