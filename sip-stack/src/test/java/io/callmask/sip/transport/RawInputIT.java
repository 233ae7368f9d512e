package io.callmask.sip.transport;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import io.callmask.sip.message.HostPort;
import io.callmask.sip.message.InboundMessage;
import io.callmask.sip.message.MalformedMessage;
import io.callmask.sip.message.Transport;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.UUID;
import javax.sip.header.CallIdHeader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Raw sockets feeding one transport bytes no SIP stack would send: malformed, garbage, split. */
class RawInputIT {

  private final RecordingListener inbox = new RecordingListener();
  private NettySipTransport transport;

  @BeforeEach
  void start() {
    transport = new NettySipTransport(NettySipTransportIT.loopback());
    transport.start(inbox);
  }

  @AfterEach
  void stop() {
    transport.stop();
  }

  private static String options(Transport via, HostPort from, HostPort to, String callId) {
    return TestMessages.optionsText(via, from, to, callId);
  }

  /** An OPTIONS whose CSeq names another method (RFC 4475 §3.1.2.18): answerable, but malformed. */
  private static String mismatchedCSeq(Transport via, HostPort from, HostPort to) {
    return options(via, from, to, UUID.randomUUID().toString())
        .replace("CSeq: 1 OPTIONS", "CSeq: 1 INVITE");
  }

  private static DatagramSocket udpClient() throws IOException {
    DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress());
    socket.setSoTimeout(5000);
    return socket;
  }

  private void sendDatagram(DatagramSocket socket, String text) throws IOException {
    byte[] bytes = text.getBytes(US_ASCII);
    HostPort to = transport.boundUdp();
    socket.send(new DatagramPacket(bytes, bytes.length, new InetSocketAddress(to.host(), to.port())));
  }

  private static String receiveDatagram(DatagramSocket socket) throws IOException {
    DatagramPacket packet = new DatagramPacket(new byte[65_535], 65_535);
    socket.receive(packet);
    return new String(packet.getData(), 0, packet.getLength(), US_ASCII);
  }

  private Socket tcpClient() throws IOException {
    HostPort to = transport.boundTcp();
    Socket socket = new Socket(to.host(), to.port());
    socket.setSoTimeout(5000);
    return socket;
  }

  private static HostPort local(Socket socket) {
    return new HostPort("127.0.0.1", socket.getLocalPort());
  }

  private static String callId(InboundMessage message) {
    return ((CallIdHeader) message.message().getHeader(CallIdHeader.NAME)).getCallId();
  }

  @Test
  void malformedUdpRequestIsAnsweredWith400() throws Exception {
    try (DatagramSocket client = udpClient()) {
      HostPort from = new HostPort("127.0.0.1", client.getLocalPort());

      sendDatagram(client, mismatchedCSeq(Transport.UDP, from, transport.boundUdp()));
      String answer = receiveDatagram(client);

      assertThat(answer).startsWith("SIP/2.0 400 ");
      MalformedMessage reported = inbox.nextMalformed();
      assertThat(reported.peer().remote().getPort()).isEqualTo(client.getLocalPort());
      assertThat(transport.counters().malformed()).isEqualTo(1);
      // The write listener counts the 400 on the event loop, possibly after the client has it.
      Eventually.holds(() -> transport.counters().rejected() == 1, Duration.ofSeconds(5));
      assertThat(inbox.hasMessages()).isFalse();
    }
  }

  @Test
  void malformedTcpRequestIsAnsweredWith400OnTheSameConnection() throws Exception {
    try (Socket client = tcpClient()) {
      client.getOutputStream().write(
          mismatchedCSeq(Transport.TCP, local(client), transport.boundTcp()).getBytes(US_ASCII));
      BufferedReader reader =
          new BufferedReader(new InputStreamReader(client.getInputStream(), US_ASCII));

      assertThat(reader.readLine()).startsWith("SIP/2.0 400 ");
      assertThat(inbox.nextMalformed().peer().transport()).isEqualTo(Transport.TCP);
      Eventually.holds(() -> transport.counters().rejected() == 1, Duration.ofSeconds(5));
    }
  }

  @Test
  void udpGarbageDoesNotStopTheNextMessage() throws Exception {
    try (DatagramSocket client = udpClient()) {
      HostPort from = new HostPort("127.0.0.1", client.getLocalPort());
      String callId = UUID.randomUUID().toString();

      sendDatagram(client, "\u0000\u0001 not SIP at all \r\n\r\n\u00ff");
      sendDatagram(client, options(Transport.UDP, from, transport.boundUdp(), callId));

      assertThat(callId(inbox.next())).isEqualTo(callId);
      assertThat(transport.counters().malformed()).isEqualTo(1);
      assertThat(transport.counters().dropped()).isEqualTo(1);
    }
  }

  @Test
  void tcpGarbageDoesNotStopTheTransportServingOthers() throws Exception {
    try (Socket rude = tcpClient(); Socket polite = tcpClient()) {
      rude.getOutputStream().write("GARBAGE GARBAGE\r\n\r\n\u0000\u0001\r\n\r\n".getBytes(US_ASCII));
      inbox.nextMalformed();
      String callId = UUID.randomUUID().toString();

      polite.getOutputStream().write(
          options(Transport.TCP, local(polite), transport.boundTcp(), callId).getBytes(US_ASCII));

      assertThat(callId(inbox.next())).isEqualTo(callId);
    }
  }

  @Test
  void tcpMessageWrittenInFragmentsIsReceivedWhole() throws Exception {
    try (Socket client = tcpClient()) {
      String callId = UUID.randomUUID().toString();
      byte[] bytes = options(Transport.TCP, local(client), transport.boundTcp(), callId)
          .replace("Content-Length: 0", "Content-Type: text/plain\r\nContent-Length: 5")
          .concat("hello").getBytes(US_ASCII);
      OutputStream out = client.getOutputStream();
      client.setTcpNoDelay(true);

      int[] cuts = {7, 60, bytes.length - 3, bytes.length};
      int from = 0;
      for (int cut : cuts) {
        out.write(bytes, from, cut - from);
        out.flush();
        from = cut;
      }
      InboundMessage received = inbox.next();

      assertThat(callId(received)).isEqualTo(callId);
      assertThat(new String(received.message().getRawContent(), US_ASCII)).isEqualTo("hello");
      assertThat(transport.counters().malformed()).isZero();
    }
  }

  @Test
  void twoMessagesInOneTcpWriteAreBothReceived() throws Exception {
    try (Socket client = tcpClient()) {
      String first = UUID.randomUUID().toString();
      String second = UUID.randomUUID().toString();

      client.getOutputStream().write(
          (options(Transport.TCP, local(client), transport.boundTcp(), first)
              + options(Transport.TCP, local(client), transport.boundTcp(), second))
              .getBytes(US_ASCII));

      assertThat(callId(inbox.next())).isEqualTo(first);
      assertThat(callId(inbox.next())).isEqualTo(second);
    }
  }
}
