package io.callmask.sip.codec;

import java.nio.charset.StandardCharsets;

/**
 * Test messages in the spirit of RFC 4475 §3.1 (the same tortures, our own text). Written with LF
 * line ends and converted to CRLF; {@code {len}} stands for the body's length in octets.
 */
final class TortureMessages {

  private static final String SDP = """
      v=0
      o=dave 53655765 2353687637 IN IP4 192.0.2.44
      s=-
      c=IN IP4 192.0.2.44
      t=0 0
      m=audio 49170 RTP/AVP 0
      a=rtpmap:0 PCMU/8000
      """;

  /** §3.1.1.1: odd whitespace, case, folding, escapes in quoted strings, unknown headers. */
  static final String TORTUOUS_INVITE = sip("""
      INVITE sip:carol@chair.example.org;oddparam SIP/2.0
      tO :
       sip:carol@chair.example.org ;   tag    = 88zz1q
      fRoM   : "Dave \\\\ \\"the\\" Roamer"     <sip:dave@example.net>
        ;
        tag = k3z9p
      MAX-forwards: 0068
      Call-ID: tortuous.1x2y3z@192.0.2.44
      Content-Length   : {len}
      cSeQ: 0009
        INVITE
      Via  : SIP  /   2.0
       /UDP
          192.0.2.44;rport;branch=z9hG4bKtort1
      s :
      NewFangledHeader:   odd value
       continued odd value
      UnknownHeaderWithOddValue: ;;,,;;,;
      Content-Type: application/sdp
      Route:
       <sip:services.example.org;lr;unknownwith=value;unknown-no-value>
      v:  SIP  / 2.0  / TCP     relay.example.org   ;
        branch  =   z9hG4bKtort2  ,
       SIP  /    2.0   / UDP  192.168.7.7   ; branch=
       z9hG4bKtort3
      m:"Quoted \\"\\" name" <sip:dave@example.net> ; newparam =
            newvalue ;
        secondparam ; q = 0.5

      """, SDP);

  /** §3.1.1.2: every legal character in method, URI, display names, parameters and Call-ID. */
  static final String WIDE_CHARACTERS = sip("""
      !odd-Method_0123456789*+`.%sure'~ sip:1_odd.URI~(be!sure)&isn't+it$/crazy?,/;;*:&it+has=1,odd!*pas$wo~d_too.(isn't-it)@example.com SIP/2.0
      Via: SIP/2.0/TCP host7.example.com;branch=z9hG4bK-.!%66*_+`'~
      To: "BEL:\\\u0007 NUL:\\\u0000 DEL:\\\u007f" <sip:1_odd.URI~(be!sure)&isn't+it$/crazy?,/;;*@example.com>
      From: tok1~` tok2'+_ tok3*%!.- <sip:plain@example.com>;fromParam''~+*_!.-%="ぱらめーた";tag=_tag~1'+`*%!-.
      Call-ID: wide.chars%QX-!.*_+'@host`~)(><:\\/"][?}{
      CSeq: 7 !odd-Method_0123456789*+`.%sure'~
      Max-Forwards: 255
      extensionHeader-!.%*+_`'~:\uFEFF值 value
      Content-Length: 0

      """, "");

  /** §3.1.1.3: %-escapes in the Request-URI, addresses and parameters. */
  static final String ESCAPES = sip("""
      INVITE sip:sips%3Aann%40example.com@example.net SIP/2.0
      To: sip:%61nn@example.com
      From: <sip:I%20have%20spaces@example.net>;tag=7781
      Max-Forwards: 87
      i: escapes.23940asdfkj23onasd0-3234
      CSeq: 234234 INVITE
      Via: SIP/2.0/UDP host5.example.net;branch=z9hG4bKesc1
      C: application/sdp
      Contact:
        <sip:b%6Fb@host5.example.net;%6C%72;n%61me=v%61lue%25%34%31>
      Content-Length: {len}

      """, SDP);

  /** §3.1.1.4: escaped NULs in user parts. */
  static final String ESCAPED_NULLS = sip("""
      REGISTER sip:example.org SIP/2.0
      To: sip:zero-%00-zero@example.org
      From: sip:zero-%00-zero@example.org;tag=8399234
      Max-Forwards: 70
      Call-ID: escnull.39203ndfvkjdq3w4otrq0adsf
      CSeq: 3923239 REGISTER
      Via: SIP/2.0/UDP host5.example.org;branch=z9hG4bKnul1
      Contact: <sip:%00@host5.example.org>
      Contact: <sip:%00%00@host5.example.org>
      L:{len}

      """, "");

  /** §3.1.1.5: a % that starts no escape, in a method, quoted strings, a branch, a header name. */
  static final String PERCENT_NOT_ESCAPE = sip("""
      RE%47IST%45R sip:registrar.example.org SIP/2.0
      To: "%Z%45" <sip:resource@example.org>
      From: "%Z%45" <sip:resource@example.org>;tag=f232jad
      Call-ID: pct.asdfnqwo34rq23i34jrjasdcnl23nrlknsdf
      Via: SIP/2.0/TCP host.example.org;branch=z9hG4bK209%fzsnel234
      CSeq: 29344 RE%47IST%45R
      Max-Forwards: 70
      Contact: <sip:alias1@host1.example.org>
      C%6Fntact: <sip:alias2@host2.example.org>
      Contact: <sip:alias3@host3.example.org>
      l: {len}

      """, "");

  /** §3.1.1.6: an unquoted display name directly followed by {@code <}. */
  static final String NO_LWS_DISPLAY = sip("""
      OPTIONS sip:user@example.org SIP/2.0
      To: sip:user@example.org
      From: caller<sip:caller@example.org>;tag=323
      Max-Forwards: 70
      Call-ID: lwsdisp.1234abcd@funky.example.org
      CSeq: 60 OPTIONS
      Via: SIP/2.0/UDP funky.example.org;branch=z9hG4bKnolws
      l: {len}

      """, "");

  /** §3.1.1.9: semicolons in the user part of the Request-URI; a folded Accept list. */
  static final String SEMICOLON_USER = sip("""
      OPTIONS sip:user;par=u%40example.net@example.org SIP/2.0
      To: sip:j_user@example.org
      From: sip:caller@example.net;tag=33242
      Max-Forwards: 3
      Call-ID: semiuri.0ha0isndaksdj
      CSeq: 8 OPTIONS
      Accept: application/sdp, application/pkcs7-mime,
              multipart/mixed, multipart/signed,
              message/sip, message/sipfrag
      Via: SIP/2.0/UDP 192.0.2.1;branch=z9hG4bKsemi
      l: {len}

      """, "");

  /** §3.1.1.10: known and unknown transports in Via. */
  static final String TRANSPORTS = sip("""
      OPTIONS sip:user@example.org SIP/2.0
      To: sip:user@example.org
      From: <sip:caller@example.net>;tag=323
      Max-Forwards: 70
      Call-ID: transports.kijh4akdnaqjkwendsasfdj
      Accept: application/sdp
      CSeq: 60 OPTIONS
      Via: SIP/2.0/UDP t1.example.org;branch=z9hG4bKtr1
      Via: SIP/2.0/SCTP t2.example.org;branch=z9hG4bKtr2
      Via: SIP/2.0/TLS t3.example.org;branch=z9hG4bKtr3
      Via: SIP/2.0/UNKNOWN t4.example.org;branch=z9hG4bKtr4
      Via: SIP/2.0/TCP t5.example.org;branch=z9hG4bKtr5
      l: {len}

      """, "");

  /** §3.1.1.11: a multipart body; also a valid GMT Date. */
  static final String MULTIPART = sip("""
      MESSAGE sip:kim@example.org SIP/2.0
      Via: SIP/2.0/UDP 192.0.2.70:5070;branch=z9hG4bK-mp1;rport
      Max-Forwards: 70
      Route: <sip:192.0.2.80:5080;lr>
      Contact: <sip:lee@192.0.2.70:5070>
      To: <sip:kim@example.org>
      From: <sip:lee@example.com>;tag=2fb0dcc9
      Call-ID: 3d9485ad0c49859b@bXVsdGlwYXJ0
      CSeq: 1 MESSAGE
      Content-Type: multipart/mixed;boundary=b0und4ry77
      Date: Sat, 15 Oct 2005 04:44:56 GMT
      Content-Length: {len}

      """, """
      --b0und4ry77
      Content-Type: text/plain

      Hello there
      --b0und4ry77
      Content-Type: application/octet-stream
      Content-Transfer-Encoding: binary

      \u0001\u0002\u0003 raw part
      --b0und4ry77--
      """);

  /** §3.1.1.12: a reason phrase of unusual UTF-8 text. */
  static final String UNUSUAL_REASON = sip("""
      SIP/2.0 200 Ок = 2**3 · 5 ¿ничего?
      Via: SIP/2.0/UDP 192.0.2.198;branch=z9hG4bKunr
      Call-ID: unreason.1234ksdfak3j2erwedfsASdf
      CSeq: 35 INVITE
      From: sip:user@example.com;tag=11141343
      To: sip:user@example.edu;tag=2229
      Content-Length: {len}
      Content-Type: application/sdp
      Contact: <sip:user@host198.example.com>

      """, SDP);

  /** §3.1.1.13: an empty reason phrase after the space. */
  static final String EMPTY_REASON = sip("""
      SIP/2.0 100\s
      Via: SIP/2.0/UDP 192.0.2.105;branch=z9hG4bK2398ndaoe
      Call-ID: noreason.asndj203insdf99223ndf
      CSeq: 35 INVITE
      From: <sip:user@example.com>;tag=39ansfi3
      To: <sip:user@example.edu>;tag=902jndnke3
      Content-Length: {len}
      Contact: <sip:user@host105.example.com>

      """, "");

  /** §3.1.1.13, leniently: no space at all after the status code. */
  static final String NO_REASON = EMPTY_REASON.replace("SIP/2.0 100 \r\n", "SIP/2.0 100\r\n");

  /** §3.3.1: a method nobody knows, with a body. */
  static final String UNKNOWN_METHOD = sip("""
      NEWMETHOD sip:user@example.com SIP/2.0
      To: sip:j.user@example.com
      From: sip:caller@example.net;tag=34525
      Max-Forwards: 6
      Call-ID: unkmeth.09809N0ijdf
      CSeq: 8 NEWMETHOD
      Via: SIP/2.0/UDP 192.0.2.1;branch=z9hG4bKunkm
      Content-Type: application/sdp
      l: {len}
      Contact: <sip:caller@host2.example.net>

      """, SDP);

  /** §3.3.2: a Request-URI with a scheme nobody knows (the application answers 416). */
  static final String UNKNOWN_SCHEME = sip("""
      OPTIONS nobodyknows:this-opaque-part SIP/2.0
      Via: SIP/2.0/UDP host5.example.net;branch=z9hG4bKunks
      To: sip:user@example.com
      From: sip:caller@example.net;tag=384
      Max-Forwards: 3
      Call-ID: unkscm.nasdfasser0q239nwsdfasdkl34
      CSeq: 3923423 OPTIONS
      Content-Length: {len}

      """, "");

  /** §3.3.3: a Request-URI with a known but atypical scheme. */
  static final String ATYPICAL_SCHEME = sip("""
      OPTIONS soap.beep://192.0.2.103:3002 SIP/2.0
      Via: SIP/2.0/UDP host9.example.com;branch=z9hG4bKatyp
      To: sip:user@example.com
      From: sip:caller@example.net;tag=384
      Max-Forwards: 3
      Call-ID: novelsc.asdfasser0q239nwsdfasdkl34
      CSeq: 3923423 OPTIONS
      Content-Length: {len}

      """, "");

  /** §3.3.4: unknown URI schemes in To, From and Contact. */
  static final String UNKNOWN_SCHEMES_IN_HEADERS = sip("""
      REGISTER sip:example.com SIP/2.0
      To: isbn:2983792873
      From: <http://www.example.com>;tag=3234233
      Call-ID: unksm2.daksdj@hyphenated-host.example.com
      CSeq: 234902 REGISTER
      Max-Forwards: 70
      Via: SIP/2.0/UDP 192.0.2.21:5060;branch=z9hG4bKunks2
      Contact: <name:John_Smith>
      l: {len}

      """, "");

  /** Compact header forms for everything that has one, and unknown headers. */
  static final String COMPACT_FORMS = sip("""
      INVITE sip:ann@example.com SIP/2.0
      v: SIP/2.0/UDP 192.0.2.9;branch=z9hG4bKcmp
      f: <sip:ben@example.net>;tag=c1
      t: <sip:ann@example.com>
      i: compact.1@192.0.2.9
      Max-Forwards: 70
      CSeq: 1 INVITE
      m: <sip:ben@192.0.2.9>
      k: timer, 100rel
      s: a subject
      x: 1800;refresher=uac
      X-Custom-Thing: anything, at; all
      c: application/sdp
      l: {len}

      """, SDP);

  /** §3.1.1.8: a REGISTER with Content-Length 0 followed, in the same datagram, by an INVITE. */
  static final String TWO_REQUESTS_ONE_DATAGRAM = sip("""
      REGISTER sip:example.com SIP/2.0
      To: sip:j.user@example.com
      From: sip:j.user@example.com;tag=43251j3j324
      Max-Forwards: 8
      I: dblreq.0ha0isndaksdj99sdfafnl3lk233412
      Contact: sip:j.user@host.example.com
      CSeq: 8 REGISTER
      Via: SIP/2.0/UDP 192.0.2.125;branch=z9hG4bKdbl1
      Content-Length: 0

      """, "") + sip("""
      INVITE sip:joe@example.com SIP/2.0
      t: sip:joe@example.com
      From: sip:caller@example.net;tag=141334
      Max-Forwards: 8
      Call-ID: dblreq.0ha0isnda977644900765@192.0.2.15
      CSeq: 8 INVITE
      Via: SIP/2.0/UDP 192.0.2.15;branch=z9hG4bKdbl2
      Content-Type: application/sdp
      Content-Length: {len}

      """, SDP);

  private TortureMessages() {}

  /** §3.1.1.7: very long values (tags, Call-ID, URIs, unknown headers) and many Vias. */
  static String longValues() {
    StringBuilder vias = new StringBuilder();
    for (int i = 0; i < 30; i++) {
      vias.append("Via: SIP/2.0/TCP sip").append(i).append(".example.com;branch=z9hG4bKlong")
          .append(i).append('\n');
    }
    String longTag = "t".repeat(900);
    return sip("INVITE sip:" + "user".repeat(120) + "@long.example.com SIP/2.0\n"
        + "To: \"" + "I have a long name ".repeat(40) + "\" <sip:user@long.example.com>\n"
        + "From: sip:caller@example.net;tag=" + longTag + "\n"
        + "Call-ID: long." + "c".repeat(700) + "@long.example.net\n"
        + "CSeq: 1 INVITE\n"
        + "Max-Forwards: 70\n"
        + vias
        + "X-Long-Unknown: " + "word, ".repeat(800) + "end\n"
        + "Contact: <sip:caller@host" + "h".repeat(300) + ".example.net>\n"
        + "Content-Type: application/sdp\n"
        + "Content-Length: {len}\n\n", SDP);
  }

  /**
   * Converts {@code headers} (LF line ends, ending with the empty line) and {@code body} to wire
   * form: CRLF line ends, {@code {len}} replaced by the body's octet count.
   */
  static String sip(String headers, String body) {
    String wireBody = body.replace("\n", "\r\n");
    int length = wireBody.getBytes(StandardCharsets.UTF_8).length;
    return headers.replace("{len}", Integer.toString(length)).replace("\n", "\r\n") + wireBody;
  }
}
