package dev.miniredis.command;

import dev.miniredis.protocol.Resp;
import dev.miniredis.reactor.ServerConfig;
import dev.miniredis.testing.RawClient;
import dev.miniredis.testing.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The framework on its own: what a {@link CommandSpec} derives from its declaration, how the {@link CommandTable} finds
 * commands and subcommands, and the checks it applies to a made-up container, through a real server.
 */
@Timeout(20)
class CommandTableTest {
    private TestServer server;

    @AfterEach
    void stop() throws Exception {
        if (server != null) server.close();
    }

    private static final Command PONG = ctx -> ctx.reply().simple("PONG");

    // A container the tests invent: THING PING (exact arity 2), THING ECHO word (3), THING HELP.
    private static CommandSpec thing() {
        return CommandSpec.of("thing", -2).group("server").summary("A container made up for tests.")
                .subcommands(CommandSpec.of("thing|ping", 2, Flag.FAST).parser(args -> PONG),
                        CommandSpec.of("thing|echo", 3, Flag.NO_AUTH)
                                .parser(args -> {
                                    byte[] word = args.get(2);
                                    return ctx -> ctx.reply().bulk(word);
                                }),
                        CommandSpec.of("thing|help", 2).allowWhileSubscribed().parser(args -> PONG));
    }

    @Test
    void flagsAreReportedInRedisOrderUnderTheirWireNames() {
        CommandSpec spec = CommandSpec.of("x", 1, Flag.ALLOW_BUSY, Flag.NO_AUTH, Flag.SENTINEL, Flag.WRITE);
        assertThat(spec.flags()).containsExactly(Flag.WRITE, Flag.NO_AUTH, Flag.SENTINEL, Flag.ALLOW_BUSY);
        assertThat(spec.flags().stream().filter(Flag::reported).map(Flag::wireName))
                .containsExactly("write", "no_auth", "allow_busy");
        assertThat(spec.allowedBeforeAuth()).isTrue();
        assertThat(CommandSpec.of("y", 1).allowedBeforeAuth()).isFalse();
    }

    @Test
    void categoriesJoinTheDeclaredOnesWithTheOnesFlagsImply() {
        assertThat(CommandSpec.of("a", 1).categories()).containsExactly(Category.SLOW);
        assertThat(CommandSpec.of("b", 1, Flag.READONLY, Flag.FAST).categories(Category.STRING).categories())
                .containsExactly(Category.READ, Category.STRING, Category.FAST);
        assertThat(CommandSpec.of("c", 1, Flag.ADMIN, Flag.WRITE).categories(Category.KEYSPACE).categories())
                .containsExactly(Category.KEYSPACE, Category.WRITE, Category.ADMIN, Category.SLOW, Category.DANGEROUS);
        assertThat(CommandSpec.of("d", 1, Flag.PUBSUB, Flag.BLOCKING).categories())
                .containsExactly(Category.PUBSUB, Category.SLOW, Category.BLOCKING);
        assertThat(Category.SORTEDSET.wireName()).isEqualTo("@sortedset");
    }

    @Test
    void arityIsExactWhenPositiveAndAMinimumWhenNegative() {
        assertThat(CommandSpec.of("get", 2).acceptsArgCount(2)).isTrue();
        assertThat(CommandSpec.of("get", 2).acceptsArgCount(3)).isFalse();
        assertThat(CommandSpec.of("del", -2).acceptsArgCount(1)).isFalse();
        assertThat(CommandSpec.of("del", -2).acceptsArgCount(20)).isTrue();
    }

    @Test
    void namesAreLowerCaseAndSubcommandsNamedAfterTheirContainer() {
        assertThatThrownBy(() -> CommandSpec.of("Get", 2)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CommandSpec.of("a|b|c", 2)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CommandSpec.of("a|", 2)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CommandSpec.of("box", -2).subcommands(CommandSpec.of("crate|open", 2)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CommandSpec.of("box", -2).subcommands(CommandSpec.of("box|open", 2),
                CommandSpec.of("box|open", 3))).isInstanceOf(IllegalArgumentException.class);
        CommandTable table = new CommandTable();
        assertThatThrownBy(() -> table.register(CommandSpec.of("box|open", 2)))
                .as("a subcommand only exists inside its container").isInstanceOf(IllegalArgumentException.class);
        table.register("box", 1, args -> PONG);
        assertThatThrownBy(() -> table.register("box", 1, args -> PONG)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void lookupsIgnoreCaseAndFindSubcommandsByFullName() {
        CommandTable table = CommandTable.standard();
        table.register(thing());
        assertThat(table.lookup(bytes("GeT")).name()).isEqualTo("get");
        assertThat(table.lookup(bytes("nosuch"))).isNull();
        assertThat(table.lookup(bytes("client|list"))).as("a full name is not a command name").isNull();
        assertThat(table.lookupFullName(bytes("CLIENT|List")).name()).isEqualTo("client|list");
        assertThat(table.lookupFullName(bytes("thing|echo")).arity()).isEqualTo(3);
        assertThat(table.lookupFullName(bytes("client"))).isSameAs(table.lookup(bytes("client")));
        assertThat(table.lookupFullName(bytes("get|x"))).isNull();
        assertThat(table.lookupFullName(bytes("client|"))).isNull();
        assertThat(table.lookupFullName(bytes("a|b|c"))).isNull();
        assertThat(table.lookup(bytes("client")).subcommand(bytes("SETNAME")).name()).isEqualTo("client|setname");
        assertThat(table.lookup(bytes("get")).subcommand(bytes("x"))).isNull();
    }

    @Test
    void manyCommandsStayFindable() {
        CommandTable table = new CommandTable();
        for (int i = 0; i < 500; i++) table.register("cmd" + i, 1, args -> PONG);
        for (int i = 0; i < 500; i++) assertThat(table.lookup(bytes("CMD" + i)).name()).isEqualTo("cmd" + i);
        assertThat(table.specs()).hasSize(500);
        assertThat(table.lookup(bytes("cmd500"))).isNull();
    }

    @Test
    void aContainerResolvesItsSubcommandBeforeAnyOtherCheck() throws Exception {
        CommandTable commands = CommandTable.standard();
        commands.register(thing());
        server = new TestServer(new ServerConfig().requirePass("pw"), commands);
        try (RawClient c = server.connect()) {
            assertThat(c.call("THING")).isEqualTo("-ERR wrong number of arguments for 'thing' command\r\n");
            assertThat(c.call("thing", "nope")).isEqualTo("-ERR unknown subcommand 'nope'. Try THING HELP.\r\n");
            assertThat(c.call("THING", "PING", "x")).isEqualTo("-ERR wrong number of arguments for 'thing|ping' command\r\n");
            assertThat(c.call("THING", "PING")).isEqualTo("-NOAUTH Authentication required.\r\n");
            assertThat(c.call("THING", "ECHO", "hi")).as("no_auth on the subcommand").isEqualTo("$2\r\nhi\r\n");
            assertThat(c.call("AUTH", "pw")).isEqualTo("+OK\r\n");
            assertThat(c.call("Thing", "Ping")).isEqualTo("+PONG\r\n");
            assertThat(c.call("SUBSCRIBE", "ch")).startsWith("*3\r\n");
            assertThat(c.call("THING", "ECHO", "hi")).isEqualTo("-ERR Can't execute 'thing|echo': only (P|S)SUBSCRIBE"
                    + " / (P|S)UNSUBSCRIBE / PING / QUIT / RESET are allowed in this context\r\n");
            assertThat(c.call("THING", "HELP")).as("allowed while subscribed").isEqualTo("+PONG\r\n");
        }
    }

    @Test
    void commandDescribesMadeUpCommandsAndSubcommandsToo() throws Exception {
        CommandTable commands = CommandTable.standard();
        commands.register(thing());
        server = new TestServer(new ServerConfig(), commands);
        try (RawClient c = server.connect()) {
            assertThat(c.call("COMMAND", "INFO", "thing|ping")).isEqualTo("*1\r\n*10\r\n$10\r\nthing|ping\r\n:2\r\n"
                    + "*1\r\n+fast\r\n:0\r\n:0\r\n:0\r\n*1\r\n+@fast\r\n*0\r\n*0\r\n*0\r\n");
            assertThat(c.call("COMMAND", "INFO", "thing")).startsWith("*1\r\n*10\r\n$5\r\nthing\r\n:-2\r\n*0\r\n"
                    + ":0\r\n:0\r\n:0\r\n*1\r\n+@slow\r\n*0\r\n*0\r\n*3\r\n*10\r\n$10\r\nthing|ping\r\n");
            assertThat(c.call("COMMAND", "LIST", "FILTERBY", "PATTERN", "thing*")).isEqualTo(
                    "*4\r\n$5\r\nthing\r\n$10\r\nthing|ping\r\n$10\r\nthing|echo\r\n$10\r\nthing|help\r\n");
            assertThat(c.call("COMMAND", "DOCS", "thing")).isEqualTo("*2\r\n$5\r\nthing\r\n*8\r\n"
                    + "$7\r\nsummary\r\n$30\r\nA container made up for tests.\r\n$5\r\nsince\r\n$5\r\n0.0.0\r\n"
                    + "$5\r\ngroup\r\n$6\r\nserver\r\n$11\r\nsubcommands\r\n*6\r\n"
                    + "$10\r\nthing|ping\r\n*6\r\n$7\r\nsummary\r\n$0\r\n\r\n$5\r\nsince\r\n$5\r\n0.0.0\r\n$5\r\ngroup\r\n$7\r\ngeneric\r\n"
                    + "$10\r\nthing|echo\r\n*6\r\n$7\r\nsummary\r\n$0\r\n\r\n$5\r\nsince\r\n$5\r\n0.0.0\r\n$5\r\ngroup\r\n$7\r\ngeneric\r\n"
                    + "$10\r\nthing|help\r\n*6\r\n$7\r\nsummary\r\n$0\r\n\r\n$5\r\nsince\r\n$5\r\n0.0.0\r\n$5\r\ngroup\r\n$7\r\ngeneric\r\n");
        }
    }

    @Test
    void unknownNamesAreCommandsThatAreNotCounted() throws Exception {
        server = new TestServer();
        try (RawClient c = server.connect()) {
            long before = processed(c);
            assertThat(c.call("NOSUCH", "a")).isEqualTo("-ERR unknown command 'NOSUCH', with args beginning with: 'a' \r\n");
            assertThat(c.call("CLIENT", "NOSUCH")).isEqualTo("-ERR unknown subcommand 'NOSUCH'. Try CLIENT HELP.\r\n");
            assertThat(c.call("GET", "k")).isEqualTo("$-1\r\n");
            assertThat(processed(c)).as("the first INFO and GET count; the unknown names do not").isEqualTo(before + 2);
        }
    }

    private static long processed(RawClient c) throws Exception {
        String info = c.call("INFO", "stats");
        return Long.parseLong(info.replaceAll("(?s).*total_commands_processed:(\\d+).*", "$1"));
    }

    private static byte[] bytes(String s) {
        return Resp.ascii(s);
    }
}
