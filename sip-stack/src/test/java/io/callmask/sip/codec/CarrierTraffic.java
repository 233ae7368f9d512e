package io.callmask.sip.codec;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Realistic carrier requests and responses for tests, generated from a seed: varying numbers,
 * hosts (names, IPv4, IPv6), ports, display names, tags, branches, Via and Route counts and
 * parameters, sip, sips and tel URIs. Deterministic for a given seed.
 */
final class CarrierTraffic {

  /** The INVITE of the codec benchmark, as a carrier's SBC sends it. */
  static final String BENCHMARK_INVITE = SipText.message(new String[] {
      "INVITE sip:+918045001111@198.51.100.5:5060;user=phone SIP/2.0",
      "Via: SIP/2.0/UDP 203.0.113.20:5060;branch=z9hG4bK-7d9f3c2e1a0b;rport",
      "Via: SIP/2.0/UDP 10.20.30.40:5060;branch=z9hG4bK2e8f6a1c",
      "Record-Route: <sip:203.0.113.20:5060;lr;ftag=as5f1c2d3e>",
      "Max-Forwards: 69",
      "From: \"+919876543210\" <sip:+919876543210@203.0.113.20;user=phone>;tag=as5f1c2d3e",
      "To: <sip:+918045001111@198.51.100.5;user=phone>",
      "Call-ID: 4f1e2d3c5b6a7988@203.0.113.20",
      "CSeq: 102 INVITE",
      "Contact: <sip:+919876543210@203.0.113.20:5060;transport=udp>",
      "P-Asserted-Identity: <sip:+919876543210@203.0.113.20;user=phone>",
      "Allow: INVITE, ACK, CANCEL, OPTIONS, BYE, PRACK, UPDATE",
      "Supported: replaces, timer, 100rel",
      "Session-Expires: 1800;refresher=uac",
      "Content-Type: application/sdp"}, new String[0],
      "v=0\r\no=SBC 1847 1847 IN IP4 203.0.113.20\r\ns=-\r\nc=IN IP4 203.0.113.21\r\nt=0 0\r\n"
          + "m=audio 31456 RTP/AVP 8 0 18 101\r\na=rtpmap:8 PCMA/8000\r\n");

  private static final String[] METHODS = {"INVITE", "BYE", "ACK", "CANCEL", "OPTIONS",
      "PRACK", "UPDATE", "INFO", "REGISTER"};
  private static final String[] TRANSPORTS = {"UDP", "TCP", "TLS"};
  private static final String[] HOSTS = {"203.0.113.20", "198.51.100.5", "10.0.0.1",
      "sbc1.carrier.example.net", "gw-2.example.com", "[2001:db8::1]", "[2001:db8:0:1::a5]",
      "[::ffff:192.0.2.1]", "proxy.example.org"};
  private static final int[] STATUSES = {100, 180, 183, 200, 202, 486, 487, 503};

  private final Random random;

  CarrierTraffic(long seed) {
    random = new Random(seed);
  }

  /** {@code count} messages, alternately requests and responses. */
  List<String> messages(int count) {
    List<String> messages = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      messages.add(i % 2 == 0 ? request() : response());
    }
    return messages;
  }

  private String request() {
    String method = pick(METHODS);
    List<String> lines = new ArrayList<>();
    lines.add(method + " sip:" + number() + "@" + hostPort() + uriParams() + " SIP/2.0");
    addCommon(lines, method, false);
    return SipText.message(lines.toArray(String[]::new), new String[0],
        method.equals("INVITE") ? "v=0\r\ns=-\r\n" : "");
  }

  private String response() {
    String method = pick(METHODS);
    int status = STATUSES[random.nextInt(STATUSES.length)];
    List<String> lines = new ArrayList<>();
    lines.add("SIP/2.0 " + status + " " + (status < 300 ? "OK" : "Busy Here"));
    addCommon(lines, method, true);
    return SipText.message(lines.toArray(String[]::new), new String[0], "");
  }

  private void addCommon(List<String> lines, String method, boolean response) {
    int vias = 1 + random.nextInt(3);
    for (int i = 0; i < vias; i++) {
      lines.add("Via: " + via());
    }
    if (random.nextInt(3) == 0) {
      lines.add("Via: " + via() + ", " + via());
    }
    if (random.nextBoolean()) {
      lines.add((response ? "Record-Route: " : "Route: ") + routes());
    }
    if (!response) {
      lines.add("Max-Forwards: " + random.nextInt(71));
    }
    lines.add("From: " + address() + ";tag=" + word(8));
    lines.add("To: " + address() + (response || random.nextBoolean() ? ";tag=" + word(10) : ""));
    lines.add("Call-ID: " + word(16) + (random.nextBoolean() ? "@" + pick(HOSTS) : ""));
    lines.add("CSeq: " + random.nextInt(1_000_000) + " " + method);
    if (random.nextBoolean()) {
      lines.add("Contact: <sip:" + number() + "@" + hostPort() + uriParams() + ">"
          + (random.nextBoolean() ? ";expires=" + random.nextInt(7200) : "")
          + (random.nextBoolean() ? ";q=0.5" : ""));
    }
    if (random.nextBoolean()) {
      lines.add("P-Asserted-Identity: " + (random.nextBoolean() ? "<tel:+" + digits(12) + ">"
          : address()));
    }
    if (random.nextBoolean()) {
      lines.add("Allow: INVITE, ACK, CANCEL,BYE, OPTIONS");
      lines.add("Supported: timer, 100rel");
    }
    if (random.nextInt(4) == 0) {
      lines.add("Require: 100rel");
      lines.add("Expires: " + random.nextInt(3600));
      lines.add("Session-Expires: " + (90 + random.nextInt(3600))
          + (random.nextBoolean() ? ";refresher=uas" : ""));
    }
    if (random.nextBoolean()) {
      lines.add("Content-Type: application/sdp" + (random.nextBoolean() ? ";charset=utf-8" : ""));
    }
  }

  private String via() {
    StringBuilder via = new StringBuilder("SIP/2.0/").append(pick(TRANSPORTS)).append(' ')
        .append(hostPort()).append(";branch=z9hG4bK").append(word(12));
    switch (random.nextInt(5)) {
      case 0 -> via.append(";rport");
      case 1 -> via.append(";rport=").append(1024 + random.nextInt(60_000))
          .append(";received=").append(random.nextBoolean() ? "192.0.2.7" : "2001:db8::7");
      case 2 -> via.append(";received=198.51.100.9");
      case 3 -> via.append(";ttl=16;maddr=224.2.0.1");
      default -> { }
    }
    return via.toString();
  }

  private String routes() {
    int count = 1 + random.nextInt(3);
    List<String> routes = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      routes.add("<sip:" + hostPort() + ";lr" + (random.nextBoolean() ? ";ftag=" + word(6) : "")
          + ">");
    }
    return String.join(random.nextBoolean() ? ", " : ",", routes);
  }

  private String address() {
    String display = switch (random.nextInt(4)) {
      case 0 -> "\"+" + digits(12) + "\" ";
      case 1 -> "\"Alice Carrier\"";
      case 2 -> "\"\" ";
      default -> "";
    };
    String scheme = random.nextInt(5) == 0 ? "sips:" : "sip:";
    return display + "<" + scheme + number() + "@" + hostPort() + uriParams() + ">";
  }

  private String uriParams() {
    return switch (random.nextInt(4)) {
      case 0 -> ";user=phone";
      case 1 -> ";transport=" + pick(TRANSPORTS).toLowerCase(java.util.Locale.ROOT);
      case 2 -> ";user=phone;isup-oli=62";
      default -> "";
    };
  }

  private String hostPort() {
    String host = pick(HOSTS);
    return random.nextBoolean() ? host : host + ":" + (5060 + random.nextInt(10));
  }

  private String number() {
    return (random.nextBoolean() ? "+" : "") + digits(10 + random.nextInt(3));
  }

  private String digits(int length) {
    StringBuilder digits = new StringBuilder();
    for (int i = 0; i < length; i++) {
      digits.append((char) ('0' + random.nextInt(10)));
    }
    return digits.toString();
  }

  private String word(int length) {
    String alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-.";
    StringBuilder word = new StringBuilder();
    for (int i = 0; i < length; i++) {
      word.append(alphabet.charAt(random.nextInt(i == 0 ? 62 : alphabet.length())));
    }
    return word.toString();
  }

  private <T> T pick(T[] values) {
    return values[random.nextInt(values.length)];
  }
}
