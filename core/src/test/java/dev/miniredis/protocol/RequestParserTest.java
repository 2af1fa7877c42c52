package dev.miniredis.protocol;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(60)
class RequestParserTest {

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String render(byte[][] command) {
        List<String> args = new ArrayList<>();
        for (byte[] a : command) args.add(new String(a, StandardCharsets.ISO_8859_1));
        return String.join("|", args);
    }

    /** Feeds the pieces one after another through one heap buffer in drain mode, collecting every command. */
    private static List<String> parse(RequestParser parser, byte[]... pieces) throws ProtocolException {
        List<String> commands = new ArrayList<>();
        for (byte[] piece : pieces) {
            ByteBuffer in = ByteBuffer.wrap(piece);
            byte[][] c;
            // Render at once: the parser reuses the returned array for a later command.
            while ((c = parser.next(in)) != null) commands.add(render(c));
            assertThat(in.hasRemaining()).as("the parser consumes everything it is given").isFalse();
        }
        return commands;
    }

    private static List<String> parseWhole(String input) throws ProtocolException {
        return parse(new RequestParser(), bytes(input));
    }

    @Test
    void parsesMultibulkCommand() throws Exception {
        assertThat(parseWhole("*3\r\n$3\r\nSET\r\n$3\r\nkey\r\n$5\r\nvalue\r\n")).containsExactly("SET|key|value");
    }

    @Test
    void parsesInlineCommandsAndSkipsEmptyLines() throws Exception {
        assertThat(parseWhole("\r\n\r\nSET a b\r\nPING\n\n  \r\nGET a\r\n"))
                .containsExactly("SET|a|b", "PING", "GET|a");
    }

    @Test
    void inlineQuotingFollowsRedisRules() throws Exception {
        assertThat(parseWhole("SET \"a key\" 'it\\'s'\r\n")).containsExactly("SET|a key|it's");
        assertThat(parseWhole("ECHO \"a\\x41b\\n\"\r\n")).containsExactly("ECHO|aAb\n");
        assertThat(parseWhole("ECHO \"\\\\x\\q\"\r\n")).containsExactly("ECHO|\\xq");
        assertThat(parseWhole("ECHO ''\r\n")).containsExactly("ECHO|");
        assertThat(parseWhole("ECHO a\"b c\" d\r\n")).as("a quote may open mid-argument").containsExactly("ECHO|ab c|d");
    }

    @ParameterizedTest
    @ValueSource(strings = {"SET a \"b", "ECHO \"a\"b", "ECHO 'a'b", "ECHO 'abc"})
    void unbalancedQuotesAreAProtocolError(String line) {
        assertThatThrownBy(() -> parseWhole(line + "\r\n"))
                .isInstanceOf(ProtocolException.class)
                .hasMessage("Protocol error: unbalanced quotes in request");
    }

    @Test
    void skipsEmptyAndNegativeMultibulk() throws Exception {
        assertThat(parseWhole("*0\r\n*-1\r\n*1\r\n$4\r\nPING\r\n")).containsExactly("PING");
    }

    @Test
    void binarySafeArguments() throws Exception {
        byte[] value = new byte[256];
        for (int i = 0; i < 256; i++) value[i] = (byte) i;
        byte[] head = bytes("*2\r\n$4\r\nECHO\r\n$256\r\n");
        byte[] all = new byte[head.length + 256 + 2];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(value, 0, all, head.length, 256);
        all[all.length - 2] = '\r';
        all[all.length - 1] = '\n';
        byte[][] command = new RequestParser().next(ByteBuffer.wrap(all));
        assertThat(command[1]).isEqualTo(value);
    }

    /** A pipeline mixing every shape, cut at every split point and byte by byte, must yield the same commands. */
    @Test
    void everySplitPointYieldsTheSameCommands() throws Exception {
        String pipeline = "*3\r\n$3\r\nSET\r\n$3\r\nkey\r\n$10\r\n0123456789\r\n"
                + "PING\r\n"
                + "\r\n"
                + "*2\r\n$3\r\nGET\r\n$3\r\nkey\r\n"
                + "*0\r\n"
                + "SET \"quoted key\" v\r\n"
                + "*1\r\n$0\r\n\r\n"
                + "*2\r\n$4\r\nECHO\r\n$12\r\n-1234567890*\r\n";
        List<String> expected = parseWhole(pipeline);
        assertThat(expected).containsExactly("SET|key|0123456789", "PING", "GET|key", "SET|quoted key|v", "",
                "ECHO|-1234567890*");
        byte[] all = bytes(pipeline);
        for (int cut = 0; cut <= all.length; cut++) {
            byte[] first = java.util.Arrays.copyOfRange(all, 0, cut);
            byte[] second = java.util.Arrays.copyOfRange(all, cut, all.length);
            assertThat(parse(new RequestParser(), first, second)).as("cut at %d", cut).isEqualTo(expected);
        }
        byte[][] singles = new byte[all.length][];
        for (int i = 0; i < all.length; i++) singles[i] = new byte[] {all[i]};
        assertThat(parse(new RequestParser(), singles)).as("byte by byte").isEqualTo(expected);
    }

    @Test
    void needsMoreUntilTheLastByte() throws Exception {
        byte[] all = bytes("*2\r\n$3\r\nGET\r\n$3\r\nkey\r\n");
        RequestParser parser = new RequestParser();
        for (int i = 0; i < all.length - 1; i++) {
            assertThat(parser.next(ByteBuffer.wrap(all, i, 1))).as("byte %d", i).isNull();
            assertThat(parser.midCommand()).isTrue();
        }
        assertThat(parser.next(ByteBuffer.wrap(all, all.length - 1, 1))).isNotNull();
        assertThat(parser.midCommand()).isFalse();
    }

    @Test
    void largeBulkArrivesInManyPiecesAndGrowsItsArray() throws Exception {
        int size = 3 * 1024 * 1024;
        RequestParser parser = new RequestParser();
        assertThat(parser.next(ByteBuffer.wrap(bytes("*2\r\n$4\r\nECHO\r\n$" + size + "\r\n")))).isNull();
        byte[] chunk = new byte[64 * 1024];
        int sent = 0;
        while (sent < size) {
            int n = Math.min(chunk.length, size - sent);
            java.util.Arrays.fill(chunk, (byte) ('a' + (sent / chunk.length) % 26));
            assertThat(parser.next(ByteBuffer.wrap(chunk, 0, n))).isNull();
            sent += n;
            // the headers, "ECHO", the body so far, and a fixed overhead per argument
            assertThat(parser.bufferedBytes()).isBetween((long) sent, sent + 100L);
        }
        byte[][] command = parser.next(ByteBuffer.wrap(bytes("\r\n")));
        assertThat(command[1]).hasSize(size);
        assertThat(command[1][0]).isEqualTo((byte) 'a');
        assertThat(command[1][size - 1]).isEqualTo((byte) ('a' + ((size - 1) / chunk.length) % 26));
    }

    @Test
    void argumentArraysOutliveTheReusedCommandArrayAndNamesAreShared() throws Exception {
        RequestParser parser = new RequestParser();
        ByteBuffer in = ByteBuffer.wrap(bytes("*3\r\n$3\r\nSET\r\n$1\r\na\r\n$1\r\n1\r\n*3\r\n$3\r\nSET\r\n$1\r\nb\r\n$1\r\n2\r\n"));
        byte[][] first = parser.next(in);
        byte[] firstValue = first[2];
        byte[] firstName = first[0];
        byte[][] second = parser.next(in);
        assertThat(second).as("the command array is reused").isSameAs(first);
        assertThat(second[0]).as("the name is interned").isSameAs(firstName);
        assertThat(firstValue).as("argument arrays are never reused").isEqualTo(bytes("1"));
        assertThat(second[2]).isEqualTo(bytes("2"));
        assertThat(parser.next(in)).isNull();
        assertThat(first[2]).as("the reused array lets go of the last command's arguments").isNull();
    }

    @Test
    void redisSkipsTheTwoBytesAfterABodyAndAfterACrUnchecked() throws Exception {
        assertThat(parseWhole("*1\rX$4\rXPINGxx")).containsExactly("PING");
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
            "*01\\r\\n; Protocol error: invalid multibulk length",
            "*-0\\r\\n; Protocol error: invalid multibulk length",
            "*+1\\r\\n; Protocol error: invalid multibulk length",
            "*a\\r\\n; Protocol error: invalid multibulk length",
            "*\\r\\n; Protocol error: invalid multibulk length",
            "*-\\r\\n; Protocol error: invalid multibulk length",
            "*2147483648\\r\\n; Protocol error: invalid multibulk length",
            "*99999999999999999999999\\r\\n; Protocol error: invalid multibulk length",
            "*1\\r\\n$-1\\r\\n; Protocol error: invalid bulk length",
            "*1\\r\\n$x\\r\\n; Protocol error: invalid bulk length",
            "*1\\r\\n$04\\r\\n; Protocol error: invalid bulk length",
            "*1\\r\\n$536870913\\r\\n; Protocol error: invalid bulk length",
            "*1\\r\\n+4\\r\\n; Protocol error: expected '$', got '+'",
    })
    void malformedHeadersGiveRedisErrors(String input, String message) {
        assertThatThrownBy(() -> parseWhole(input.replace("\\r", "\r").replace("\\n", "\n")))
                .isInstanceOf(ProtocolException.class)
                .hasMessage(message);
    }

    @Test
    void hugeCountsAreAcceptedWithoutReservingMemory() throws Exception {
        RequestParser parser = new RequestParser();
        assertThat(parser.next(ByteBuffer.wrap(bytes("*2147483647\r\n$536870912\r\n")))).isNull();
        assertThat(parser.bufferedBytes()).as("only the bytes received are counted").isLessThan(100);
    }

    @Test
    void overlongLinesHitTheirLimits() {
        byte[] digits = new byte[70_000];
        java.util.Arrays.fill(digits, (byte) '1');
        assertThatThrownBy(() -> parse(new RequestParser(), bytes("*"), digits))
                .hasMessage("Protocol error: too big mbulk count string");
        assertThatThrownBy(() -> parse(new RequestParser(), bytes("*1\r\n$"), digits))
                .hasMessage("Protocol error: too big bulk count string");
        byte[] letters = new byte[70_000];
        java.util.Arrays.fill(letters, (byte) 'A');
        assertThatThrownBy(() -> parse(new RequestParser(), letters))
                .hasMessage("Protocol error: too big inline request");
    }

    @Test
    void inlineLineWithNulNeverEndsLikeRedis() throws Exception {
        RequestParser parser = new RequestParser();
        assertThat(parse(parser, bytes("PING\0\r\nPING\r\n"))).isEmpty();
        byte[] filler = new byte[70_000];
        java.util.Arrays.fill(filler, (byte) 'x');
        assertThatThrownBy(() -> parse(parser, filler)).hasMessage("Protocol error: too big inline request");
    }

    @Test
    void emptyArgumentsStillCountTowardsTheBufferedSize() throws Exception {
        RequestParser parser = new RequestParser();
        StringBuilder empties = new StringBuilder("*2147483647\r\n");
        for (int i = 0; i < 10_000; i++) empties.append("$0\r\n\r\n");
        assertThat(parser.next(ByteBuffer.wrap(bytes(empties.toString())))).isNull();
        assertThat(parser.bufferedBytes()).as("each empty argument costs memory, so it counts").isGreaterThan(200_000);
    }

    @Test
    void anEmptyBulkHeaderLineIsAnExpectedDollarError() {
        assertThatThrownBy(() -> parseWhole("*1\r\n\r\n")).hasMessage("Protocol error: expected '$', got '\r'");
    }

    @Test
    void maxBulkIsConfigurable() {
        RequestParser parser = new RequestParser(10);
        assertThatThrownBy(() -> parse(parser, bytes("*1\r\n$11\r\n")))
                .hasMessage("Protocol error: invalid bulk length");
    }
}
