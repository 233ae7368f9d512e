package io.callmask.sip.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

class SharedValuesTest {

  private static Peer peer(int port) {
    return new Peer(Transport.UDP, new InetSocketAddress("192.0.2.7", port),
        new InetSocketAddress("127.0.0.1", 5060));
  }

  @Test
  void equalValuesShareTheFirstInstance() {
    SharedValues<Peer> peers = new SharedValues<>(8);
    Peer first = peer(5060);

    assertThat(peers.share(first)).isSameAs(first);
    assertThat(peers.share(peer(5060))).isSameAs(first);
    assertThat(peers.share(peer(5061))).isNotSameAs(first).isEqualTo(peer(5061));
    assertThat(peers.size()).isEqualTo(2);
  }

  @Test
  void manyDistinctValuesStartItOverInsteadOfGrowing() {
    SharedValues<Peer> peers = new SharedValues<>(4);
    Peer first = peers.share(peer(1));
    for (int port = 2; port <= 100; port++) {
      peers.share(peer(port));
      assertThat(peers.size()).isLessThanOrEqualTo(4);
    }

    Peer again = peer(1);
    assertThat(peers.share(again)).isSameAs(again).isNotSameAs(first).isEqualTo(first);
  }

  @Test
  void refusesNothingToShareAndANonPositiveCapacity() {
    assertThatThrownBy(() -> new SharedValues<Peer>(4).share(null))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> new SharedValues<Peer>(0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
