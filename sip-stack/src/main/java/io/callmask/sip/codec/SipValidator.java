package io.callmask.sip.codec;

import io.callmask.sip.codec.HeaderBlock.Field;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Decides whether a message is well-formed enough to hand up, on the raw header view, in front of
 * JAIN SIP's parser (which accepts most invalid messages of RFC 4475 §3.1.2 silently). Checks the
 * start line (RFC 3261 §7.1, §7.2), mandatory headers (§8.1.1), single-valued headers appearing
 * once (§7.3), CSeq against the request method (§8.1.1.5), Content-Length (§20.14), the range of
 * scalar fields (RFC 4475 §3.1.2.4–5, §3.1.2.19), Date (§20.17) and addresses in From, To,
 * Contact, Route and Record-Route (§20.10, §25.1). Stateless, so thread-safe.
 */
final class SipValidator {

  private static final long MAX_CSEQ = (1L << 31) - 1;
  private static final long MAX_MAX_FORWARDS = 255;

  /** rfc1123-date of RFC 3261 §25.1: only GMT (RFC 4475 §3.1.2.12). */
  private static final Pattern DATE = Pattern.compile(
      "(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \\d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)"
          + " \\d{4} \\d{2}:\\d{2}:\\d{2} GMT");

  private SipValidator() {}

  /** The first reason {@code block} is malformed, short and log-safe, if any. */
  static Optional<String> validate(HeaderBlock block) {
    return validate(block, false, new BitSet());
  }

  /**
   * As {@link #validate(HeaderBlock)}, told which parts the parser's fast path read, whose
   * grammar is a subset of what is valid ({@link FastHeaders}): their value checks are skipped,
   * and a message is validated in about one pass. Whether a header repeats, the CSeq method and
   * the Content-Length are checked all the same.
   *
   * @param plainStartLine whether the request line is known valid
   * @param plainFields indexes in {@link HeaderBlock#fields()} of fields whose values are known
   *     valid
   */
  static Optional<String> validate(HeaderBlock block, boolean plainStartLine,
      BitSet plainFields) {
    String problem = block.problem().orElse(null);
    if (problem == null && !plainStartLine) {
      problem = block.isResponse() ? StartLines.checkStatusLine(block.startLine())
          : StartLines.checkRequestLine(block.startLine());
    }
    if (problem == null) {
      problem = checkHeaders(block, plainFields);
    }
    return Optional.ofNullable(problem);
  }

  private static String checkHeaders(HeaderBlock block, BitSet plainFields) {
    String method = block.isResponse() ? null : StartLines.method(block.startLine());
    HeaderTally tally = new HeaderTally();
    List<Field> fields = block.fields();
    for (int i = 0; i < fields.size(); i++) {
      Field field = fields.get(i);
      String name = field.name();
      if (!tally.count(name)) {
        return "duplicate " + HeaderNames.display(name);
      }
      String problem = name.equals(HeaderNames.CSEQ) ? checkCSeq(field.value(), method)
          : plainFields.get(i) || isValid(name, field.value()) ? null
          : "bad " + HeaderNames.display(name);
      if (problem != null) {
        return problem;
      }
    }
    if (block.contentLength() == HeaderBlock.INVALID) {
      return "bad Content-Length";
    }
    return tally.missing(method != null).map(name -> "missing " + HeaderNames.display(name))
        .orElse(null);
  }

  /** Whether the value of a header named {@code name} (canonical) is valid; CSeq apart. */
  static boolean isValid(String name, String value) {
    switch (name) {
      case HeaderNames.CALL_ID:
        return !value.isEmpty();
      case HeaderNames.MAX_FORWARDS:
        return SipSyntax.parseDigits(value, MAX_MAX_FORWARDS) >= 0;
      case HeaderNames.EXPIRES:
      case HeaderNames.MIN_EXPIRES:
        return SipSyntax.parseDigits(value, SipSyntax.MAX_DELTA_SECONDS) >= 0;
      case HeaderNames.RETRY_AFTER:
        return SipSyntax.parseDigits(value, 0, digitsEnd(value), SipSyntax.MAX_DELTA_SECONDS) >= 0;
      case HeaderNames.DATE:
        return DATE.matcher(value).matches();
      case HeaderNames.FROM:
      case HeaderNames.TO:
      case HeaderNames.REPLY_TO:
        return Addresses.isValid(value, Addresses.Form.SINGLE);
      case HeaderNames.CONTACT:
        return value.equals("*") || Addresses.isValid(value, Addresses.Form.CONTACT_LIST);
      case HeaderNames.ROUTE:
      case HeaderNames.RECORD_ROUTE:
        return Addresses.isValid(value, Addresses.Form.ROUTE_LIST);
      default:
        return true;
    }
  }

  /**
   * CSeq = 1*DIGIT LWS Method, the number below 2**31 (RFC 3261 §8.1.1.5), the method that of the
   * request (RFC 4475 §3.1.2.17–18).
   */
  private static String checkCSeq(String value, String requestMethod) {
    int end = digitsEnd(value);
    if (end == value.length() || !SipSyntax.isWhitespace(value.charAt(end))
        || SipSyntax.parseDigits(value, 0, end, MAX_CSEQ) < 0) {
      return "bad CSeq";
    }
    String method = value.substring(end).trim();
    if (!SipSyntax.isToken(method)) {
      return "bad CSeq";
    }
    return requestMethod == null || requestMethod.equals(method) ? null : "CSeq method mismatch";
  }

  private static int digitsEnd(String value) {
    int i = 0;
    while (i < value.length() && value.charAt(i) >= '0' && value.charAt(i) <= '9') {
      i++;
    }
    return i;
  }
}
