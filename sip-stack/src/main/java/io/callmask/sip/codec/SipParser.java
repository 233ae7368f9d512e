package io.callmask.sip.codec;

import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.parser.ParseExceptionListener;
import gov.nist.javax.sip.parser.StringMsgParser;
import java.text.ParseException;
import java.util.Optional;
import javax.sip.message.Message;

/**
 * Turns the bytes of one framed message into a JAIN SIP {@link Message}: the only class of
 * callmask that names {@code gov.nist.javax.sip.parser}.
 *
 * <p>JAIN SIP's {@link StringMsgParser} drops a header it cannot parse and carries on when no
 * {@link ParseExceptionListener} is given, so this class always passes one that records the first
 * failure: the message is then malformed, but what could be read is kept, so that a 400 can still
 * be formed. Parse failures come back as values, never as exceptions.
 *
 * <p>Thread-safe. {@code StringMsgParser} has no instance state (its header parsers are created per
 * call and its lexer tables are concurrent maps; JAIN SIP's own factory shares one instance across
 * all threads), so one instance serves every thread.
 *
 * <p>JAIN SIP logs through log4j 1, a {@code provided} dependency of {@code jain-sip-ri}. Without
 * it, input of control characters only makes the parser log and fail with {@code
 * NoClassDefFoundError}; {@code log4j-over-slf4j} supplies that API and routes it to SLF4J.
 */
final class SipParser {

  private static final StringMsgParser PARSER = new StringMsgParser();

  private SipParser() {}

  /**
   * What the parser made of a message.
   *
   * @param message the message, possibly missing headers that failed to parse; empty if not even
   *     the start line could be read
   * @param failure a short, log-safe description of the first parse failure, if any
   */
  record Result(Optional<Message> message, Optional<String> failure) {

    boolean isComplete() {
      return message.isPresent() && failure.isEmpty();
    }
  }

  /** Parses exactly one message: {@code bytes} holds its start line, headers and whole body. */
  static Result parse(byte[] bytes) {
    return parse(bytes, true);
  }

  /**
   * Parses the start line and headers in {@code bytes}, ignoring any body and whether it matches
   * the Content-Length: enough to answer a message whose framing failed.
   */
  static Result parseHeaders(byte[] bytes) {
    return parse(bytes, false);
  }

  private static Result parse(byte[] bytes, boolean withBody) {
    FirstFailure listener = new FirstFailure();
    try {
      SIPMessage message = PARSER.parseSIPMessage(bytes, withBody, false, listener);
      if (message == null) {
        return new Result(Optional.empty(), Optional.of("empty message"));
      }
      return new Result(Optional.of(message), Optional.ofNullable(listener.reason));
    } catch (ParseException | RuntimeException e) {
      // The reference parser also throws unchecked exceptions (index, null pointer) on garbage.
      String reason = listener.reason != null ? listener.reason : "unparsable message";
      return new Result(Optional.empty(), Optional.of(reason));
    }
  }

  /** Records a log-safe reason for the first failure and lets the parser skip the header. */
  private static final class FirstFailure implements ParseExceptionListener {

    private String reason;

    @Override
    @SuppressWarnings("rawtypes")
    public void handleException(ParseException ex, SIPMessage message, Class headerClass,
        String headerText, String messageText) {
      if (reason == null) {
        reason = describe(headerClass, headerText);
      }
    }

    private static String describe(Class<?> headerClass, String headerText) {
      String type = headerClass == null ? "" : headerClass.getSimpleName();
      if (type.equals("RequestLine")) {
        return "bad request line";
      }
      if (type.equals("StatusLine")) {
        return "bad status line";
      }
      int colon = headerText == null ? -1 : headerText.indexOf(':');
      if (colon <= 0) {
        return "bad header";
      }
      String name = HeaderNames.canonical(headerText.substring(0, colon).trim());
      return "bad " + HeaderNames.display(name);
    }
  }
}
