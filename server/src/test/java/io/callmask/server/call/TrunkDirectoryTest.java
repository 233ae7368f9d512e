package io.callmask.server.call;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.callmask.server.masking.Trunk;
import io.callmask.sip.message.Peer;
import io.callmask.sip.message.Transport;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrunkDirectoryTest {

  private final List<Trunk> trunks = new ArrayList<>();
  private final TrunkDirectory directory = new TrunkDirectory(() -> List.copyOf(trunks));

  @Test
  void gatewayAddressIsAllowedWhenTheAllowListIsEmpty() throws Exception {
    trunks.add(new Trunk("a", "198.51.100.1", 5080, "tcp", List.of()));

    directory.refresh();

    assertThat(directory.allows(InetAddress.getByName("198.51.100.1"))).isTrue();
    assertThat(directory.allows(InetAddress.getByName("198.51.100.2"))).isFalse();
    assertThat(directory.gateway("a")).get().satisfies(gateway -> {
      assertThat(gateway.peer()).isEqualTo(
          Peer.to(Transport.TCP, new InetSocketAddress("198.51.100.1", 5080)));
      assertThat(gateway.host()).isEqualTo("198.51.100.1");
    });
    assertThat(directory.gateways()).extracting(TrunkGateway::name).containsExactly("a");
  }

  @Test
  void allowListReplacesTheGatewayAndBlocksMatchByPrefix() throws Exception {
    trunks.add(new Trunk("a", "198.51.100.1", 5060, "udp",
        List.of("203.0.113.0/25", "2001:db8::/32", "192.0.2.7")));

    directory.refresh();

    assertThat(directory.allows(InetAddress.getByName("198.51.100.1"))).isFalse();
    assertThat(directory.allows(InetAddress.getByName("203.0.113.127"))).isTrue();
    assertThat(directory.allows(InetAddress.getByName("203.0.113.128"))).isFalse();
    assertThat(directory.allows(InetAddress.getByName("2001:db8:ffff::1"))).isTrue();
    assertThat(directory.allows(InetAddress.getByName("2001:db9::1"))).isFalse();
    assertThat(directory.allows(InetAddress.getByName("192.0.2.7"))).isTrue();
  }

  @Test
  void refreshPicksUpNewTrunksAndKeepsTheOldOnesWhenTheStoreFails() throws Exception {
    directory.refresh();
    assertThat(directory.gateway("a")).isEmpty();
    trunks.add(new Trunk("a", "198.51.100.1", 5060, "udp", List.of()));
    directory.refresh();
    assertThat(directory.gateway("a")).isPresent();

    TrunkDirectory failing = new TrunkDirectory(() -> {
      throw new IllegalStateException("store down");
    });
    failing.refresh();
    assertThat(failing.allows(InetAddress.getByName("198.51.100.1"))).isFalse();
  }

  @Test
  void blocksParseAndRejectNonsense() throws Exception {
    AddressBlock block = AddressBlock.parse("10.1.0.0/20");
    assertThat(block.contains(InetAddress.getByName("10.1.15.255"))).isTrue();
    assertThat(block.contains(InetAddress.getByName("10.1.16.0"))).isFalse();
    assertThat(AddressBlock.parse("0.0.0.0/0").contains(InetAddress.getByName("8.8.8.8")))
        .isTrue();
    assertThatThrownBy(() -> AddressBlock.parse("10.0.0.0/33"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> AddressBlock.parse("gateway.example"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
