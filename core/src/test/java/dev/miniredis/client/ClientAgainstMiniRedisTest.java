package dev.miniredis.client;

import dev.miniredis.testing.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The client suite against our server, plus the failure cases that need a server we control. A short timeout under
 * test only ever bounds a reply that never comes; connecting gets the generous bound, since how fast a connection
 * completes depends on scheduling.
 */
@Timeout(120)
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
        // A socket bound but not listening holds the port, so nobody else can start listening there meanwhile.
        try (Socket holder = new Socket()) {
            holder.bind(new InetSocketAddress("127.0.0.1", 0));
            int closedPort = holder.getLocalPort();
            assertThatThrownBy(() -> Client.connect("127.0.0.1", closedPort, GENEROUS)).isInstanceOf(ConnectException.class);
            assertThatThrownBy(() -> AsyncClient.connect("127.0.0.1", closedPort, GENEROUS))
                    .isInstanceOf(ConnectException.class);
        }
    }

    @Test
    void aServerThatNeverAnswersTimesOut() throws Exception {
        try (ServerSocket silent = new ServerSocket(0);
             Client c = Client.connect("127.0.0.1", silent.getLocalPort(), GENEROUS, Duration.ofMillis(300));
             Socket accepted = silent.accept()) {
            assertThatThrownBy(c::ping).isInstanceOf(java.net.SocketTimeoutException.class);
            assertThat(accepted.isConnected()).isTrue();
        }
    }

    @Test
    void anAsyncRequestToASilentServerTimesOut() throws Exception {
        try (ServerSocket silent = new ServerSocket(0);
             AsyncClient a = AsyncClient.connect("127.0.0.1", silent.getLocalPort(), GENEROUS, Duration.ofMillis(300));
             Socket accepted = silent.accept()) {
            var pending = a.send("PING");
            assertThatThrownBy(pending::get).hasCauseInstanceOf(java.util.concurrent.TimeoutException.class);
            assertThat(accepted.isConnected()).isTrue();
        }
    }

    @Test
    void aServerThatDisappearsMidRequestFailsTheCall() throws Exception {
        try (ServerSocket flaky = new ServerSocket(0)) {
            Client c = Client.connect("127.0.0.1", flaky.getLocalPort(), GENEROUS);
            AsyncClient a = AsyncClient.connect("127.0.0.1", flaky.getLocalPort(), GENEROUS);
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
            AsyncClient a = AsyncClient.connect("127.0.0.1", silent.getLocalPort(), GENEROUS);
            try (Socket accepted = silent.accept()) {
                var pending = a.send("PING");
                a.close();
                assertThatThrownBy(pending::get).hasCauseInstanceOf(IOException.class);
                assertThat(accepted.isConnected()).isTrue();
            }
        }
    }
}
