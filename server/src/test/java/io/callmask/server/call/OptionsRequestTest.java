package io.callmask.server.call;

import static org.assertj.core.api.Assertions.assertThat;

import io.callmask.server.masking.Trunk;
import java.util.List;
import javax.sip.header.ContentLengthHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;
import org.junit.jupiter.api.Test;

class OptionsRequestTest {

  @Test
  void bracketsAnIpv6GatewayInTheRequestUri() {
    Request options = OptionsRequest.to(
        new Trunk("v6", "2001:db8::1", 5060, "udp", List.of()), "2001:db8::10", 1);

    assertThat(options.getRequestURI().toString()).isEqualTo("sip:[2001:db8::1]:5060");
    assertThat(options.toString()).contains("From: <sip:callmask@[2001:db8::10]>;tag=");
  }

  @Test
  void leavesTheViaToTheTransactionLayerAndHasNoBody() {
    Request options =
        OptionsRequest.to(new Trunk("a", "10.0.0.1", 5060, "udp", List.of()), "192.0.2.10", 7);

    assertThat(options.getHeader(ViaHeader.NAME)).isNull();
    assertThat(((ContentLengthHeader) options.getHeader(ContentLengthHeader.NAME))
        .getContentLength()).isZero();
    assertThat(options.toString()).startsWith("OPTIONS sip:10.0.0.1:5060 SIP/2.0\r\n")
        .contains("CSeq: 7 OPTIONS\r\n");
  }
}
