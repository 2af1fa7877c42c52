package dev.miniredis.client;

import dev.miniredis.testing.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The client suite against our server, plus the failure cases that need a server we control. */
class ClientAgainstMiniRedisTest extends ClientContract {
    private TestServer server;

    @BeforeEach
    void start() throws Exception {
        server = new TestServer();
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    @Override
    int port() {
        return server.port();
    }

    @Test
    void refusedConnectionIsAnIOException() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        assertThatThrownBy(() -> Client.connect("127.0.0.1", closedPort)).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> AsyncClient.connect("127.0.0.1", closedPort)).isInstanceOf(IOException.class);
    }

    @Test
    void aServerThatNeverAnswersTimesOut() throws Exception {
        try (ServerSocket silent = new ServerSocket(0);
             Client c = Client.connect("127.0.0.1", silent.getLocalPort(), Duration.ofMillis(300));
             Socket accepted = silent.accept()) {
            assertThatThrownBy(c::ping).isInstanceOf(java.net.SocketTimeoutException.class);
            assertThat(accepted.isConnected()).isTrue();
        }
    }

    @Test
    void anAsyncRequestToASilentServerTimesOut() throws Exception {
        try (ServerSocket silent = new ServerSocket(0);
             AsyncClient a = AsyncClient.connect("127.0.0.1", silent.getLocalPort(), Duration.ofMillis(300));
             Socket accepted = silent.accept()) {
            var pending = a.send("PING");
            assertThatThrownBy(pending::get).hasCauseInstanceOf(java.util.concurrent.TimeoutException.class);
            assertThat(accepted.isConnected()).isTrue();
        }
    }

    @Test
    void aServerThatDisappearsMidRequestFailsTheCall() throws Exception {
        try (ServerSocket flaky = new ServerSocket(0)) {
            Client c = Client.connect("127.0.0.1", flaky.getLocalPort());
            AsyncClient a = AsyncClient.connect("127.0.0.1", flaky.getLocalPort());
            try (Socket first = flaky.accept(); Socket second = flaky.accept()) {
                // Half a reply, then gone.
                first.getOutputStream().write("$10\r\nhal".getBytes());
                first.close();
                assertThatThrownBy(() -> c.get("k")).isInstanceOf(IOException.class);
                var pending = a.send("GET", "k");
                second.getInputStream().read(new byte[64]);  // the request arrived...
                second.close();                               // ...and the server vanished
                assertThatThrownBy(pending::get).hasCauseInstanceOf(IOException.class);
                assertThatThrownBy(() -> a.send("PING").get()).hasCauseInstanceOf(IOException.class);
            } finally {
                c.close();
                a.close();
            }
        }
    }

    @Test
    void closingTheAsyncClientFailsWhatIsStillWaiting() throws Exception {
        try (ServerSocket silent = new ServerSocket(0)) {
            AsyncClient a = AsyncClient.connect("127.0.0.1", silent.getLocalPort());
            try (Socket accepted = silent.accept()) {
                var pending = a.send("PING");
                a.close();
                assertThatThrownBy(pending::get).hasCauseInstanceOf(IOException.class);
                assertThat(accepted.isConnected()).isTrue();
            }
        }
    }
}
