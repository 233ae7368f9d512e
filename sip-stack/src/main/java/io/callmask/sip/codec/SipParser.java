package io.callmask.sip.codec;

import gov.nist.javax.sip.header.RequestLine;
import gov.nist.javax.sip.header.SIPHeader;
import gov.nist.javax.sip.message.SIPDuplicateHeaderException;
import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import gov.nist.javax.sip.parser.HeaderParser;
import gov.nist.javax.sip.parser.ParseExceptionListener;
import gov.nist.javax.sip.parser.ParserFactory;
import gov.nist.javax.sip.parser.RequestLineParser;
import gov.nist.javax.sip.parser.StatusLineParser;
import gov.nist.javax.sip.parser.StringMsgParser;
import io.callmask.sip.codec.HeaderBlock.Field;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.text.ParseException;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.sip.message.Message;

/**
 * Builds JAIN SIP {@link Message}s with the reference implementation's parsers: the only class of
 * callmask that names {@code gov.nist.javax.sip.parser}. Parse failures come back as values, never
 * as exceptions.
 *
 * <p>{@link #parse} feeds JAIN SIP's start-line and per-header parsers from our {@link
 * HeaderBlock} instead of letting {@link StringMsgParser} split the message again, so that the
 * validator and the parser see the very same header fields (no differential to smuggle a header
 * past validation). Headers in the plain subset of carrier traffic take {@link FastHeaders}, which
 * builds the same objects several times faster; the rest go to JAIN SIP's per-header parsers. It
 * also unfolds correctly: {@code StringMsgParser} drops the space a fold
 * stands for (RFC 3261 §7.3.1), gluing the words on either side. What fails to parse is recorded
 * and skipped, keeping the rest, so that a 400 can still be formed.
 *
 * <p>Thread-safe: the header parsers are created per call and JAIN SIP's lexer tables are
 * concurrent maps; {@link StringMsgParser}, used only for input we could not split, has no
 * instance state (JAIN SIP itself shares one instance between threads).
 *
 * <p>JAIN SIP logs through log4j 1, a {@code provided} dependency of {@code jain-sip-ri}. Without
 * it, input of control characters only makes {@code StringMsgParser} log and fail with {@code
 * NoClassDefFoundError}; {@code log4j-over-slf4j} supplies that API and routes it to SLF4J.
 */
final class SipParser {

  private static final StringMsgParser FALLBACK = new StringMsgParser();

  private static final MethodType PARSER_CONSTRUCTOR =
      MethodType.methodType(HeaderParser.class, String.class);

  /**
   * The constructor of JAIN SIP's parser for each header name it has one for, keyed by the name
   * in lower case (compact forms apart, as JAIN SIP treats them). {@link ParserFactory} looks the
   * class up and calls its constructor reflectively for every header, a tenth of the parse time.
   * Bounded by JAIN SIP's table of known headers: unknown names are never stored.
   */
  private static final ConcurrentHashMap<String, MethodHandle> CONSTRUCTORS =
      new ConcurrentHashMap<>();

  private SipParser() {}

  /**
   * What the parser made of a message.
   *
   * @param message the message, possibly missing headers that failed to parse; empty if not even
   *     the start line could be read
   * @param failure a short, log-safe description of the first parse failure, if any
   * @param plainStartLine whether {@link FastHeaders} read the request line, which makes it valid
   * @param plainFields the indexes in {@link HeaderBlock#fields()} of the fields {@link
   *     FastHeaders} built, whose values are valid by construction
   */
  record Result(Optional<Message> message, Optional<String> failure, boolean plainStartLine,
      BitSet plainFields) {

    boolean isComplete() {
      return message.isPresent() && failure.isEmpty();
    }
  }

  /** Parses the message whose headers {@code block} holds and whose whole body is {@code body}. */
  static Result parse(HeaderBlock block, byte[] body) {
    String failure = null;
    SIPMessage message;
    RequestLine plainRequestLine = null;
    try {
      if (block.isResponse()) {
        message = response(block.startLine());
      } else {
        plainRequestLine = FastHeaders.requestLine(block.startLine());
        message = request(block.startLine(), plainRequestLine);
      }
    } catch (ParseException | RuntimeException e) {
      if (block.isResponse()) {
        return new Result(Optional.empty(), Optional.of("bad status line"), false, new BitSet());
      }
      // Keep reading: a request whose headers name its transaction can still be answered.
      message = new SIPRequest();
      failure = "bad request line";
    }
    RoomyMaps.makeRoomForHeaders(message);
    List<Field> fields = block.fields();
    BitSet plainFields = new BitSet(fields.size());
    for (int i = 0; i < fields.size(); i++) {
      String problem = attach(message, fields.get(i), plainFields, i);
      if (failure == null) {
        failure = problem;
      }
    }
    if (body.length > 0) {
      message.setMessageContent(body);
    }
    return new Result(Optional.of(message), Optional.ofNullable(failure),
        plainRequestLine != null, plainFields);
  }

  /**
   * Parses what can be read of {@code bytes}, start line and headers, ignoring any body: the
   * fallback for input too broken to split into a {@link HeaderBlock}, to form a rejection.
   */
  static Optional<Message> parseLeniently(byte[] bytes) {
    try {
      return Optional.ofNullable(FALLBACK.parseSIPMessage(bytes, false, false, SKIP_BAD_HEADERS));
    } catch (ParseException | RuntimeException e) {
      // The reference parser also throws unchecked exceptions (index, null pointer) on garbage.
      return Optional.empty();
    }
  }

  private static SIPRequest request(String line, RequestLine plain) throws ParseException {
    SIPRequest request = new SIPRequest();
    request.setRequestLine(plain != null ? plain : parseRequestLineSlowly(line));
    return request;
  }

  /** Parses a request line with JAIN SIP's parser, bypassing {@link FastHeaders}. */
  static RequestLine parseRequestLineSlowly(String line) throws ParseException {
    return new RequestLineParser(line + "\n").parse();
  }

  private static SIPResponse response(String line) throws ParseException {
    SIPResponse response = new SIPResponse();
    response.setStatusLine(new StatusLineParser(line + "\n").parse());
    return response;
  }

  /**
   * Parses and attaches one header, the {@code index}th, marking it in {@code plainFields} if the
   * fast path built it; returns why it failed, or null.
   */
  private static String attach(SIPMessage message, Field field, BitSet plainFields, int index) {
    try {
      SIPHeader header = FastHeaders.parse(field);
      if (header != null) {
        plainFields.set(index);
      } else {
        header = parseSlowly(field);
      }
      message.attachHeader(header, false);
      return null;
    } catch (SIPDuplicateHeaderException e) {
      return "duplicate " + HeaderNames.display(field.name());
    } catch (ParseException | RuntimeException e) {
      return "bad " + HeaderNames.display(field.name());
    }
  }

  /** Parses one header with JAIN SIP's parser for it, bypassing {@link FastHeaders}. */
  static SIPHeader parseSlowly(Field field) throws ParseException {
    return parserFor(field, field.wireName() + ":" + field.value() + "\n").parse();
  }

  private static HeaderParser parserFor(Field field, String text) throws ParseException {
    String key = field.wireName().length() == 1
        ? field.wireName().toLowerCase(Locale.ROOT) : field.name();
    MethodHandle constructor = CONSTRUCTORS.get(key);
    if (constructor != null) {
      try {
        return (HeaderParser) constructor.invokeExact(text);
      } catch (RuntimeException | Error e) {
        throw e;
      } catch (Throwable e) {
        throw new IllegalStateException("header parser constructor failed", e);
      }
    }
    HeaderParser parser = ParserFactory.createParser(text);
    if (parser.getClass() != HeaderParser.class) {
      CONSTRUCTORS.putIfAbsent(key, constructorOf(parser.getClass()));
    }
    return parser;
  }

  private static MethodHandle constructorOf(Class<? extends HeaderParser> type) {
    try {
      return MethodHandles.publicLookup()
          .findConstructor(type, MethodType.methodType(void.class, String.class))
          .asType(PARSER_CONSTRUCTOR);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("JAIN SIP parser without a public (String) constructor", e);
    }
  }

  /** Without a listener the parser drops bad headers anyway; this one makes that explicit. */
  private static final ParseExceptionListener SKIP_BAD_HEADERS =
      (exception, message, headerClass, headerText, messageText) -> { };
}
