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
    void aBulkSourceFillsTheBufferInPlaceBehindPendingBytesAndAcrossGrowth() {
        // A source that names its values by number: value n is n bytes of 'a' + n % 26.
        int[] calls = {0};
        BulkSource source = (handle, dst, offset, length) -> {
            calls[0]++;
            for (int i = 0; i < length; i++) dst[offset + i] = (byte) ('a' + handle % 26);
        };
        RespWriter w = new RespWriter(8);
        w.integer(7).bulk(source, 1, 3).bulk(source, 2, 0).bulk(source, 3, 40); // the last one outgrows the buffer
        assertThat(text(w)).isEqualTo(":7\r\n$3\r\nbbb\r\n$0\r\n\r\n$40\r\n" + "d".repeat(40) + "\r\n");
        assertThat(calls[0]).isEqualTo(3);
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

    @Test
    void aPooledWriterHoldsABufferOnlyWhileBytesArePending() throws Exception {
        BufferPool pool = new BufferPool(32, 2, 128, 2);
        RespWriter w = new RespWriter(pool);
        assertThat(w.capacity()).isZero();
        w.integer(42);
        assertThat(w.capacity()).as("a short reply takes a small buffer").isEqualTo(32);
        ByteArrayOutputStream sent = new ByteArrayOutputStream();
        w.writeTo(java.nio.channels.Channels.newChannel(sent), 1024);
        assertThat(sent.toString(StandardCharsets.US_ASCII)).isEqualTo(":42\r\n");
        assertThat(w.capacity()).as("given back once sent").isZero();
        assertThat(pool.pooled()).isEqualTo(1);
        w.integer(1).bulk(new byte[30]);                // outgrows the small buffer: moves to a large one
        assertThat(w.capacity()).isEqualTo(128);
        assertThat(pool.pooled()).as("the small one went back").isEqualTo(1);
        w.bulk(new byte[100]);                          // outgrows the large one too: an array of its own
        assertThat(w.capacity()).isGreaterThan(128);
        assertThat(pool.pooled()).isEqualTo(2);
        w.writeTo(java.nio.channels.Channels.newChannel(sent), 1024);
        assertThat(sent.size()).isEqualTo(5 + 4 + 37 + 108);
        assertThat(w.capacity()).isZero();
        assertThat(pool.pooled()).as("its own array is not pooled").isEqualTo(2);
        w.simple("OK");
        new RespWriter(pool).simple("OK");
        new RespWriter(pool).simple("OK");              // the pool had one small buffer: this one is new
        assertThat(pool.pooled()).isEqualTo(1);         // the large one is still there
        assertThat(pool.take(1000)).as("larger than a large buffer: not the pool's").isNull();
    }
}
