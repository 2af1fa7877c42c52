package dev.miniredis.pubsub;

import dev.miniredis.reactor.ServerConfig;
import dev.miniredis.testing.RawClient;
import dev.miniredis.testing.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.StandardSocketOptions;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** Pub/sub over real sockets against the in-process server. */
@Timeout(120)
class PubSubTest {
    private TestServer server;

    @AfterEach
    void stop() throws Exception {
        if (server != null) server.close();
    }

    private static String message(String channel, String payload) {
        return "*3\r\n$7\r\nmessage\r\n$" + channel.length() + "\r\n" + channel + "\r\n$" + payload.length() + "\r\n"
                + payload + "\r\n";
    }

    private static String pmessage(String pattern, String channel, String payload) {
        return "*4\r\n$8\r\npmessage\r\n$" + pattern.length() + "\r\n" + pattern + "\r\n$" + channel.length() + "\r\n"
                + channel + "\r\n$" + payload.length() + "\r\n" + payload + "\r\n";
    }

    @Test
    void subscribeConfirmsAndReceives() throws Exception {
        server = new TestServer();
        try (RawClient sub = server.connect(); RawClient pub = server.connect()) {
            assertThat(sub.call("SUBSCRIBE", "news", "sport")).isEqualTo("*3\r\n$9\r\nsubscribe\r\n$4\r\nnews\r\n:1\r\n");
            assertThat(sub.readReply()).isEqualTo("*3\r\n$9\r\nsubscribe\r\n$5\r\nsport\r\n:2\r\n");
            assertThat(pub.call("PUBLISH", "news", "hello")).isEqualTo(":1\r\n");
            assertThat(pub.call("PUBLISH", "nobody", "x")).isEqualTo(":0\r\n");
            assertThat(sub.readReply()).isEqualTo(message("news", "hello"));
        }
    }

    @Test
    void patternsAndChannelsOnOneConnectionCountEveryReceiver() throws Exception {
        server = new TestServer();
        try (RawClient sub = server.connect(); RawClient other = server.connect(); RawClient pub = server.connect()) {
            sub.call("SUBSCRIBE", "news.tech");
            assertThat(sub.call("PSUBSCRIBE", "news.*")).isEqualTo("*3\r\n$10\r\npsubscribe\r\n$6\r\nnews.*\r\n:2\r\n");
            assertThat(sub.call("PSUBSCRIBE", "n?ws.[st]*")).endsWith(":3\r\n");
            other.call("SUBSCRIBE", "news.tech");
            assertThat(pub.call("PUBLISH", "news.tech", "ai")).isEqualTo(":4\r\n");
            assertThat(sub.readReply()).isEqualTo(message("news.tech", "ai"));
            assertThat(sub.readReply()).isEqualTo(pmessage("news.*", "news.tech", "ai"));
            assertThat(sub.readReply()).isEqualTo(pmessage("n?ws.[st]*", "news.tech", "ai"));
            assertThat(other.readReply()).isEqualTo(message("news.tech", "ai"));
            assertThat(pub.call("PUBSUB", "NUMPAT")).isEqualTo(":2\r\n");
            assertThat(pub.call("PUBSUB", "NUMSUB", "news.tech", "none")).isEqualTo(
                    "*4\r\n$9\r\nnews.tech\r\n:2\r\n$4\r\nnone\r\n:0\r\n");
            assertThat(pub.call("PUBSUB", "CHANNELS")).isEqualTo("*1\r\n$9\r\nnews.tech\r\n");
            assertThat(pub.call("PUBSUB", "CHANNELS", "x*")).isEqualTo("*0\r\n");
        }
    }

    @Test
    void unsubscribeFromOneChannelKeepsTheOthers() throws Exception {
        server = new TestServer();
        try (RawClient sub = server.connect(); RawClient pub = server.connect()) {
            sub.call("SUBSCRIBE", "a");
            sub.call("SUBSCRIBE", "b");
            assertThat(sub.call("UNSUBSCRIBE", "a")).isEqualTo("*3\r\n$11\r\nunsubscribe\r\n$1\r\na\r\n:1\r\n");
            assertThat(pub.call("PUBLISH", "a", "lost")).isEqualTo(":0\r\n");
            assertThat(pub.call("PUBLISH", "b", "kept")).isEqualTo(":1\r\n");
            assertThat(sub.readReply()).isEqualTo(message("b", "kept"));
            assertThat(sub.call("UNSUBSCRIBE")).isEqualTo("*3\r\n$11\r\nunsubscribe\r\n$1\r\nb\r\n:0\r\n");
            assertThat(sub.call("UNSUBSCRIBE")).isEqualTo("*3\r\n$11\r\nunsubscribe\r\n$-1\r\n:0\r\n");
            assertThat(sub.call("GET", "x")).as("out of subscribed mode").isEqualTo("$-1\r\n");
        }
    }

    @Test
    void subscribedModeAllowsOnlyPubSubCommandsAndPingAnswersAsAnArray() throws Exception {
        server = new TestServer();
        try (RawClient sub = server.connect()) {
            sub.call("SUBSCRIBE", "a");
            assertThat(sub.call("GET", "x")).isEqualTo("-ERR Can't execute 'get': only (P|S)SUBSCRIBE / (P|S)UNSUBSCRIBE"
                    + " / PING / QUIT / RESET are allowed in this context\r\n");
            assertThat(sub.call("PING")).isEqualTo("*2\r\n$4\r\npong\r\n$0\r\n\r\n");
            assertThat(sub.call("PING", "hi")).isEqualTo("*2\r\n$4\r\npong\r\n$2\r\nhi\r\n");
            assertThat(sub.call("SUBSCRIBE", "a")).as("twice: same count").isEqualTo(
                    "*3\r\n$9\r\nsubscribe\r\n$1\r\na\r\n:1\r\n");
        }
    }

    @Test
    void tenThousandMessagesArriveInOrder() throws Exception {
        server = new TestServer();
        try (RawClient sub = server.connect(); RawClient pub = server.connect()) {
            sub.call("SUBSCRIBE", "seq");
            ByteArrayOutputStream pipeline = new ByteArrayOutputStream();
            for (int i = 0; i < 10_000; i++) pipeline.writeBytes(RawClient.encode("PUBLISH", "seq", "m" + i));
            pub.send(pipeline.toByteArray());
            for (int i = 0; i < 10_000; i++) assertThat(pub.readReply()).isEqualTo(":1\r\n");
            for (int i = 0; i < 10_000; i++) assertThat(sub.readReply()).isEqualTo(message("seq", "m" + i));
        }
    }

    @Test
    void closedSubscriberLeavesNothingBehind() throws Exception {
        server = new TestServer();
        try (RawClient pub = server.connect()) {
            RawClient sub = server.connect();
            sub.call("SUBSCRIBE", "c");
            sub.call("PSUBSCRIBE", "c*");
            assertThat(pub.call("PUBSUB", "NUMSUB", "c")).isEqualTo("*2\r\n$1\r\nc\r\n:1\r\n");
            sub.close();
            String numsub = pub.callUntil(r -> r.endsWith(":0\r\n"), "PUBSUB", "NUMSUB", "c");
            assertThat(numsub).isEqualTo("*2\r\n$1\r\nc\r\n:0\r\n");
            assertThat(pub.call("PUBSUB", "NUMPAT")).isEqualTo(":0\r\n");
            assertThat(pub.call("PUBLISH", "c", "x")).isEqualTo(":0\r\n");
        }
    }

    /** A subscriber socket whose receive window is tiny and which never reads. */
    private Socket stuckSubscriber(String channel) throws IOException {
        Socket s = new Socket();
        s.setOption(StandardSocketOptions.SO_RCVBUF, 4096);
        s.connect(new InetSocketAddress("127.0.0.1", server.port()));
        s.setSoTimeout(RawClient.TIMEOUT_MILLIS);
        s.getOutputStream().write(RawClient.encode("SUBSCRIBE", channel));
        return s;
    }

    private static boolean drainsToEof(Socket s) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        try {
            while (true) if (s.getInputStream().read(buffer) < 0) return true;
        } catch (java.net.SocketException reset) {
            return true;
        }
    }

    @Test
    void subscriberOverTheHardLimitIsDroppedWhileTheOthersGetEverything() throws Exception {
        server = new TestServer(new ServerConfig().pubsubOutputLimit(256 * 1024, 0, 0));
        try (RawClient good = server.connect(); RawClient pub = server.connect(); Socket stuck = stuckSubscriber("ch")) {
            good.call("SUBSCRIBE", "ch");
            assertThat(pub.callUntil(r -> r.endsWith(":2\r\n"), "PUBSUB", "NUMSUB", "ch")).endsWith(":2\r\n");
            String payload = "x".repeat(1000);
            int total = 20_000; // 20 MB: far more than the kernel's socket buffers and our 256 KB limit
            Thread reader = new Thread(() -> {
                try {
                    for (int i = 0; i < total; i++) {
                        assertThat(good.readReply()).isEqualTo(message("ch", i + payload.substring(String.valueOf(i).length())));
                    }
                } catch (IOException e) {
                    throw new RuntimeException(e);
                }
            });
            var failure = new java.util.concurrent.atomic.AtomicReference<Throwable>();
            reader.setUncaughtExceptionHandler((t, e) -> failure.set(e));
            reader.start();
            int receiversSeen = 2;
            for (int i = 0; i < total; i++) {
                String body = i + payload.substring(String.valueOf(i).length());
                String reply = pub.call("PUBLISH", "ch", body);
                if (reply.equals(":1\r\n")) receiversSeen = 1;
                else assertThat(reply).as("before the drop both receive").isEqualTo(":" + receiversSeen + "\r\n");
            }
            reader.join();   // it ends after the last message; the class's @Timeout bounds a hang
            assertThat(failure.get()).isNull();
            assertThat(receiversSeen).as("the stuck subscriber was dropped").isEqualTo(1);
            assertThat(pub.call("PUBSUB", "NUMSUB", "ch")).isEqualTo("*2\r\n$2\r\nch\r\n:1\r\n");
            assertThat(drainsToEof(stuck)).isTrue();
        }
    }

    @Test
    void softLimitDropsOnlyAfterItsGracePeriodOnTheInjectedClock() throws Exception {
        server = new TestServer(new ServerConfig().pubsubOutputLimit(0, 64 * 1024, 60));
        try (RawClient pub = server.connect(); Socket stuck = stuckSubscriber("ch")) {
            assertThat(pub.callUntil(r -> r.endsWith(":1\r\n"), "PUBSUB", "NUMSUB", "ch")).endsWith(":1\r\n");
            String payload = "y".repeat(10_000);
            // Fill the kernel buffers and then our buffer past the soft limit; with no hard limit, nobody is dropped.
            for (int i = 0; i < 1000; i++) assertThat(pub.call("PUBLISH", "ch", payload)).isEqualTo(":1\r\n");
            server.advance(Duration.ofSeconds(60));
            assertThat(pub.call("PUBLISH", "ch", payload)).as("exactly 60 s over: still tolerated").isEqualTo(":1\r\n");
            server.advance(Duration.ofSeconds(1));
            assertThat(pub.call("PUBLISH", "ch", payload)).as("the publish that finds it over for 61 s").isEqualTo(":1\r\n");
            assertThat(pub.call("PUBLISH", "ch", payload)).isEqualTo(":0\r\n");
            assertThat(drainsToEof(stuck)).isTrue();
        }
    }
}
