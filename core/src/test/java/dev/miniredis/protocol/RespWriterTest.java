package dev.miniredis.protocol;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(60)
class RespWriterTest {
    private static String text(RespWriter w) {
        return new String(w.pendingCopy(), StandardCharsets.ISO_8859_1);
    }

    @Test
    void resp2Frames() {
        RespWriter w = new RespWriter(8);
        w.simple("OK").error("ERR bad\r\nthing").integer(0).integer(1).integer(-42).integer(Long.MIN_VALUE)
                .bulk("hello".getBytes(StandardCharsets.US_ASCII)).bulk(new byte[0]).nil().nilArray()
                .array(2).bulk(12345).array(0);
        assertThat(text(w)).isEqualTo("+OK\r\n-ERR bad  thing\r\n:0\r\n:1\r\n:-42\r\n:-9223372036854775808\r\n"
                + "$5\r\nhello\r\n$0\r\n\r\n$-1\r\n*-1\r\n*2\r\n$5\r\n12345\r\n*0\r\n");
    }

    @Test
    void resp3TypesAndTheirResp2Fallbacks() {
        RespWriter w2 = new RespWriter(16);
        w2.map(1).set(2).push(3).bool(true).bool(false).doubleValue("1.5").nil()
                .verbatim("txt", "hi".getBytes(StandardCharsets.US_ASCII));
        assertThat(text(w2)).isEqualTo("*2\r\n*2\r\n*3\r\n:1\r\n:0\r\n$3\r\n1.5\r\n$-1\r\n$2\r\nhi\r\n");

        RespWriter w3 = new RespWriter(16);
        w3.protocol(3);
        w3.map(1).set(2).push(3).bool(true).bool(false).doubleValue("1.5").nil().nilArray()
                .verbatim("txt", "hi".getBytes(StandardCharsets.US_ASCII));
        assertThat(text(w3)).isEqualTo("%1\r\n~2\r\n>3\r\n#t\r\n#f\r\n,1.5\r\n_\r\n_\r\n=6\r\ntxt:hi\r\n");
    }

    @Test
    void commandEncoding() {
        RespWriter w = new RespWriter(4);
        w.command("GET".getBytes(StandardCharsets.US_ASCII), "k".getBytes(StandardCharsets.US_ASCII));
        assertThat(text(w)).isEqualTo("*2\r\n$3\r\nGET\r\n$1\r\nk\r\n");
    }

    /** A channel that accepts at most `perCall` bytes per write, like a socket with a full send buffer. */
    private static final class TrickleChannel implements WritableByteChannel {
        final ByteArrayOutputStream received = new ByteArrayOutputStream();
        int perCall;

        TrickleChannel(int perCall) {
            this.perCall = perCall;
        }

        @Override
        public int write(ByteBuffer src) {
            int n = Math.min(perCall, src.remaining());
            for (int i = 0; i < n; i++) received.write(src.get());
            return n;
        }

        @Override
        public boolean isOpen() {
            return true;
        }

        @Override
        public void close() {
        }
    }

    @Test
    void partialWritesKeepOrderWhileNewRepliesArrive() throws Exception {
        RespWriter w = new RespWriter(16);
        TrickleChannel channel = new TrickleChannel(3);
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < 200; i++) {
            w.integer(i * 1000L);
            expected.append(':').append(i * 1000L).append("\r\n");
            w.writeTo(channel, 5);
        }
        channel.perCall = Integer.MAX_VALUE;
        while (w.pendingBytes() > 0) w.writeTo(channel, 7);
        assertThat(channel.received.toString(StandardCharsets.ISO_8859_1)).isEqualTo(expected.toString());
    }

    @Test
    void bufferShrinksBackAfterALargeReplyDrains() throws Exception {
        RespWriter w = new RespWriter(64);
        w.bulk(new byte[100_000]);
        assertThat(w.capacity()).isGreaterThan(100_000);
        TrickleChannel channel = new TrickleChannel(Integer.MAX_VALUE);
        w.writeTo(channel, Integer.MAX_VALUE);
        assertThat(w.pendingBytes()).isZero();
        assertThat(w.capacity()).isEqualTo(64);
        assertThat(channel.received.size()).isEqualTo(100_000 + "$100000\r\n".length() + 2);
    }
}
