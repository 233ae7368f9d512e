package io.callmask.server.call;

import io.callmask.server.masking.PhoneNumber;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * Time of the privacy guard's check of one outgoing message: the B-leg INVITE of the call
 * benchmark (scripts/bench-calls.sh), 662 bytes with SDP, against the caller's number and three
 * identifiers of the other leg. The guard checks every message a call sends, six per call.
 *
 * <p>In the guard's package because the guard is not public: it is the call layer's own.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class PrivacyGuardBenchmark {

  private static final String INVITE = String.join("\r\n",
      "INVITE sip:+919887654321@127.0.0.1:15071 SIP/2.0",
      "Via: SIP/2.0/UDP 127.0.0.1:15060;branch=z9hG4bK-524287-1---a8c1f6b7c3d1e2f0;rport",
      "Max-Forwards: 69",
      "From: <sip:+918040000003@127.0.0.1:15060>;tag=3b7c9d1e2f",
      "To: <sip:+919887654321@127.0.0.1:15071>",
      "Call-ID: 0f1e2d3c4b5a69788796a5b4c3d2e1f0@127.0.0.1",
      "CSeq: 1 INVITE",
      "P-Asserted-Identity: <sip:+918040000003@127.0.0.1:15060>",
      "Contact: <sip:127.0.0.1:15060;transport=udp>",
      "Allow: INVITE,ACK,CANCEL,BYE,OPTIONS,UPDATE,INFO,PRACK",
      "Content-Type: application/sdp",
      "Content-Length: 137",
      "",
      "v=0",
      "o=user1 53655765 2353687637 IN IP4 127.0.0.1",
      "s=-",
      "c=IN IP4 127.0.0.1",
      "t=0 0",
      "m=audio 6000 RTP/AVP 0",
      "a=rtpmap:0 PCMU/8000",
      "");

  private final PrivacyGuard guard = new PrivacyGuard(PhoneNumber.of("+919845011111"),
      List.of("1-12345@127.0.0.1", "12345SIPpTag001", "8812SIPpTag0123"));

  @Benchmark
  public boolean checkInvite() {
    return guard.check(INVITE).isPresent();
  }
}
