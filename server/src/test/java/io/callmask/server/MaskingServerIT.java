package io.callmask.server;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import io.callmask.server.config.ConfigLoader;
import io.callmask.sip.message.HostPort;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The assembled server on real loopback sockets, spoken to by a raw UDP client. */
class MaskingServerIT {

  private MaskingServer server;
  private DatagramSocket client;
  private InetSocketAddress sip;

  @TempDir Path dataDir;

  @BeforeEach
  void start() throws IOException {
    server = new MaskingServer(ConfigLoader.fromMap(Map.of(
        "data.dir", dataDir.toString(), "http.listen", "127.0.0.1:0",
        "sip.udp", "127.0.0.1:0", "sip.tcp", "127.0.0.1:0", "sip.t1", "PT0.1S", "sip.t2", "PT0.4S")));
    server.start();
    HostPort udp = server.udpAddress().orElseThrow();
    sip = new InetSocketAddress(udp.host(), udp.port());
    client = new DatagramSocket(0, InetAddress.getLoopbackAddress());
    client.setSoTimeout(5000);
  }

  @AfterEach
  void stop() {
    client.close();
    server.close();
  }

  @Test
  void answersOptionsWith200AndItsCapabilities() throws IOException {
    send(request("OPTIONS", UUID.randomUUID().toString()));

    String answer = receive();
    assertThat(answer).startsWith("SIP/2.0 200 ");
    assertThat(answer).containsIgnoringCase("Allow: INVITE");
  }

  @Test
  void refusesAnInviteFromAnAddressNoTrunkAllows() throws IOException {
    String callId = UUID.randomUUID().toString();
    send(request("INVITE", callId));

    assertThat(receive()).startsWith("SIP/2.0 100 ");
    String refusal = receive();
    assertThat(refusal).startsWith("SIP/2.0 403 ").contains(callId);
  }

  @Test
  void keepsServingAfterGarbageAndAMalformedRequest() throws IOException {
    send("\u0000\u0001 not sip at all \r\n\r\n");
    send(request("OPTIONS", UUID.randomUUID().toString()).replace("CSeq: 1 OPTIONS", "CSeq: 1 BYE"));
    assertThat(receive()).startsWith("SIP/2.0 400 ");

    send(request("OPTIONS", UUID.randomUUID().toString()));
    assertThat(receive()).startsWith("SIP/2.0 200 ");
  }

  @Test
  void generatesAnOwnerOnlyApiTokenAndServesHealthAndSipMetrics() throws Exception {
    send(request("OPTIONS", UUID.randomUUID().toString()));
    receive();
    Path tokenFile = dataDir.resolve("api-token");
    HttpClient http = HttpClient.newHttpClient();
    String base = "http://" + server.httpAddress();

    HttpResponse<String> health =
        http.send(HttpRequest.newBuilder(URI.create(base + "/healthz")).build(), BodyHandlers.ofString());
    HttpResponse<String> metrics =
        http.send(HttpRequest.newBuilder(URI.create(base + "/metrics")).build(), BodyHandlers.ofString());

    assertThat(Files.readString(tokenFile).strip()).hasSizeGreaterThanOrEqualTo(40);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tokenFile)))
        .isEqualTo("rw-------");
    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(metrics.body())
        .contains("callmask_sip_messages_received_total 1.0")
        .contains("callmask_sip_retransmissions_total 0.0")
        .contains("callmask_sip_transactions ")
        .containsPattern("(?m)^process_cpu_seconds_total [0-9]")
        .containsPattern("(?m)^jvm_memory_used_bytes\\{area=\"heap\"} [0-9]")
        .contains("jvm_memory_pool_allocated_bytes_total")
        .contains("jvm_threads_current")
        .containsPattern("(?m)^jvm_compilation_time_seconds_total [0-9]");
  }

  private String request(String method, String callId) {
    int port = client.getLocalPort();
    return method + " sip:+919800000001@" + sip.getHostString() + ":" + sip.getPort() + " SIP/2.0\r\n"
        + "Via: SIP/2.0/UDP 127.0.0.1:" + port + ";branch=z9hG4bK" + UUID.randomUUID() + ";rport\r\n"
        + "Max-Forwards: 70\r\n"
        + "From: <sip:carrier@127.0.0.1>;tag=abc123\r\n"
        + "To: <sip:+919800000001@127.0.0.1>\r\n"
        + "Call-ID: " + callId + "\r\n"
        + "CSeq: 1 " + method + "\r\n"
        + "Contact: <sip:carrier@127.0.0.1:" + port + ">\r\n"
        + "Content-Length: 0\r\n\r\n";
  }

  private void send(String text) throws IOException {
    byte[] bytes = text.getBytes(US_ASCII);
    client.send(new DatagramPacket(bytes, bytes.length, sip));
  }

  private String receive() throws IOException {
    byte[] buffer = new byte[65535];
    DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
    client.receive(packet);
    return new String(packet.getData(), 0, packet.getLength(), US_ASCII);
  }
}
