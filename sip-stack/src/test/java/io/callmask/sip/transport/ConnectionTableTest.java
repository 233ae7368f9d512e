package io.callmask.sip.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelPromise;
import io.netty.channel.embedded.EmbeddedChannel;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class ConnectionTableTest {

  private static final InetSocketAddress PEER = new InetSocketAddress("192.0.2.7", 5060);

  private final ConnectionTable table = new ConnectionTable(ConnectionTable.DEFAULT_MAX_CONNECTIONS);

  /** A connector that records each connect and leaves its outcome to the test. */
  private static final class Connector implements Function<InetSocketAddress, ChannelFuture> {
    final List<ChannelPromise> connects = new ArrayList<>();

    @Override
    public ChannelFuture apply(InetSocketAddress remote) {
      ChannelPromise promise = new EmbeddedChannel().newPromise();
      connects.add(promise);
      return promise;
    }
  }

  @Test
  void opensNoConnectionBeyondTheLimitButStillReusesOpenOnes() {
    ConnectionTable small = new ConnectionTable(1);
    Connector connector = new Connector();
    CompletableFuture<Channel> first = small.connection(PEER, connector);
    connector.connects.get(0).setSuccess();

    CompletableFuture<Channel> other =
        small.connection(new InetSocketAddress("192.0.2.8", 5060), connector);

    assertThat(other).isCompletedExceptionally();
    assertThat(other.handle((ok, failure) -> failure.getMessage()).join())
        .contains("connection limit of 1");
    assertThat(connector.connects).hasSize(1);
    assertThat(small.connection(PEER, connector).join()).isSameAs(first.join());
  }

  @Test
  void concurrentSendsShareOnePendingConnect() {
    Connector connector = new Connector();

    CompletableFuture<Channel> first = table.connection(PEER, connector);
    CompletableFuture<Channel> second = table.connection(PEER, connector);

    assertThat(second).isSameAs(first);
    assertThat(connector.connects).hasSize(1);
    connector.connects.get(0).setSuccess();
    assertThat(first.join()).isSameAs(connector.connects.get(0).channel());
  }

  @Test
  void openConnectionIsReused() {
    Connector connector = new Connector();
    CompletableFuture<Channel> first = table.connection(PEER, connector);
    connector.connects.get(0).setSuccess();

    CompletableFuture<Channel> again = table.connection(PEER, connector);

    assertThat(again.join()).isSameAs(first.join());
    assertThat(connector.connects).hasSize(1);
    assertThat(table.size()).isEqualTo(1);
  }

  @Test
  void failedConnectLeavesTheTableAndFailsTheFuture() {
    Connector connector = new Connector();
    CompletableFuture<Channel> attempt = table.connection(PEER, connector);

    connector.connects.get(0).setFailure(new ConnectException("refused"));

    assertThat(attempt).isCompletedExceptionally();
    assertThat(table.size()).isZero();
    table.connection(PEER, connector);
    assertThat(connector.connects).as("a later send tries again").hasSize(2);
  }

  @Test
  void closedConnectionLeavesTheTableAndIsNotReused() {
    Connector connector = new Connector();
    CompletableFuture<Channel> first = table.connection(PEER, connector);
    connector.connects.get(0).setSuccess();

    first.join().close();

    assertThat(table.size()).isZero();
    table.connection(PEER, connector);
    assertThat(connector.connects).hasSize(2);
  }

  @Test
  void acceptedConnectionIsFoundByItsRemoteAddressUntilClosed() {
    EmbeddedChannel accepted = new AcceptedChannel(PEER);
    Connector connector = new Connector();

    table.accepted(accepted);
    CompletableFuture<Channel> found = table.connection(PEER, connector);

    assertThat(found.join()).isSameAs(accepted);
    assertThat(connector.connects).isEmpty();
    accepted.close();
    assertThat(table.size()).isZero();
  }

  @Test
  void closeAllClosesEveryConnectionAndRefusesNewOnes() {
    Connector connector = new Connector();
    CompletableFuture<Channel> opened = table.connection(PEER, connector);
    connector.connects.get(0).setSuccess();
    CompletableFuture<Channel> pending =
        table.connection(new InetSocketAddress("192.0.2.8", 5060), connector);

    CompletableFuture<Void> closed = table.closeAll();
    connector.connects.get(1).setSuccess();

    assertThat(closed).isCompleted();
    assertThat(opened.join().isOpen()).isFalse();
    assertThat(pending).isCompletedExceptionally();
    assertThat(connector.connects.get(1).channel().isOpen()).isFalse();
    assertThat(table.size()).isZero();
    assertThat(table.connection(PEER, connector)).isCompletedExceptionally();
  }

  /** An embedded channel that reports a real remote address, as an accepted TCP channel does. */
  private static final class AcceptedChannel extends EmbeddedChannel {
    private final InetSocketAddress remote;

    AcceptedChannel(InetSocketAddress remote) {
      this.remote = remote;
    }

    @Override
    protected SocketAddress remoteAddress0() {
      return remote;
    }
  }
}
