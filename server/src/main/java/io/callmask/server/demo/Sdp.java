package io.callmask.server.demo;

/**
 * Session descriptions of the simulated carriers' media gateways (RFC 4566): one PCMU audio
 * stream. Nobody sends media in the demo; the offer and answer show that SDP crosses callmask.
 */
final class Sdp {

  private Sdp() {}

  static String offer(String host) {
    return describe("offer", host, 40_000);
  }

  static String answer(String host) {
    return describe("answer", host, 42_000);
  }

  private static String describe(String session, String host, int port) {
    return "v=0\r\n"
        + "o=gateway 1 1 IN IP4 " + host + "\r\n"
        + "s=" + session + "\r\n"
        + "c=IN IP4 " + host + "\r\n"
        + "t=0 0\r\n"
        + "m=audio " + port + " RTP/AVP 0\r\n"
        + "a=rtpmap:0 PCMU/8000\r\n";
  }
}
