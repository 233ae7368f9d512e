package io.callmask.server.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class WebhookSignerTest {

  private static final byte[] BODY =
      "{\"id\":\"e1\",\"sequence\":1,\"type\":\"session.created\"}".getBytes(StandardCharsets.UTF_8);

  @Test
  void signsTimestampDotBodyWithHmacSha256InHex() throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec("s3cret".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    byte[] signed = ("1700000000." + new String(BODY, StandardCharsets.UTF_8))
        .getBytes(StandardCharsets.UTF_8);
    String expected = "t=1700000000,v1=" + HexFormat.of().formatHex(mac.doFinal(signed));

    assertThat(new WebhookSigner("s3cret").sign(1_700_000_000L, BODY)).isEqualTo(expected);
  }

  @Test
  void verifiesItsOwnSignature() {
    WebhookSigner signer = new WebhookSigner("s3cret");

    assertThat(signer.verify(signer.sign(1_700_000_000L, BODY), BODY)).isTrue();
  }

  @Test
  void rejectsATamperedBody() {
    WebhookSigner signer = new WebhookSigner("s3cret");
    String header = signer.sign(1_700_000_000L, BODY);
    byte[] tampered = BODY.clone();
    tampered[tampered.length - 2] ^= 1;

    assertThat(signer.verify(header, tampered)).isFalse();
  }

  @Test
  void rejectsAnotherSecretsSignature() {
    String header = new WebhookSigner("other").sign(1_700_000_000L, BODY);

    assertThat(new WebhookSigner("s3cret").verify(header, BODY)).isFalse();
  }

  @Test
  void rejectsAChangedTimestamp() {
    WebhookSigner signer = new WebhookSigner("s3cret");
    String header = signer.sign(1_700_000_000L, BODY).replace("t=1700000000", "t=1700000001");

    assertThat(signer.verify(header, BODY)).isFalse();
  }

  @Test
  void rejectsMissingOrMalformedHeaders() {
    WebhookSigner signer = new WebhookSigner("s3cret");

    assertThat(signer.verify(null, BODY)).isFalse();
    assertThat(signer.verify("t=1700000000", BODY)).isFalse();
    assertThat(signer.verify("t=x,v1=00", BODY)).isFalse();
    assertThat(signer.verify("garbage", BODY)).isFalse();
  }
}
