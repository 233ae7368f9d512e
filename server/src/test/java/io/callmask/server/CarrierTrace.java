package io.callmask.server;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The SIP messages one carrier's SIPp sent and received, read from its {@code -trace_msg} log:
 * each message with its direction, start line, header lines and body. Lets socket-level tests
 * say what a carrier saw (which caller ID, which dialog identifiers) rather than search the raw
 * text. Immutable and thread-safe.
 */
public final class CarrierTrace {

  /** The line SIPp writes before each message: a row of dashes and a local timestamp. */
  private static final Pattern SEPARATOR =
      Pattern.compile("^-{20,} (\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}\\.\\d+)$",
          Pattern.MULTILINE);
  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");
  /** SIPp's line after the separator: "UDP message sent (N bytes):", "TCP message received [N]". */
  private static final Pattern DIRECTION =
      Pattern.compile("^(UDP|TCP) message (sent|received)\\b.*$", Pattern.MULTILINE);
  private static final Pattern TAG = Pattern.compile(";\\s*tag=([^;>\\s]+)");
  private static final Pattern BRANCH = Pattern.compile(";\\s*branch=([^;>\\s]+)");
  private static final Pattern USER = Pattern.compile("(?:sips?|tel):([^@;>]+)");

  private final List<Message> messages;

  private CarrierTrace(List<Message> messages) {
    this.messages = List.copyOf(messages);
  }

  /** Reads a SIPp {@code -trace_msg} log; text that is not a logged message is ignored. */
  public static CarrierTrace parse(String log) {
    List<Message> messages = new ArrayList<>();
    Matcher separator = SEPARATOR.matcher(log);
    boolean found = separator.find();
    while (found) {
      LocalDateTime at = LocalDateTime.parse(separator.group(1), TIMESTAMP);
      int start = separator.end();
      found = separator.find();
      String chunk = log.substring(start, found ? separator.start() : log.length());
      Matcher direction = DIRECTION.matcher(chunk);
      if (direction.find()) {
        String text = chunk.substring(direction.end()).strip();
        if (!text.isEmpty()) {
          messages.add(Message.parse(at, direction.group(2).equals("sent"), text));
        }
      }
    }
    return new CarrierTrace(messages);
  }

  public List<Message> messages() {
    return messages;
  }

  /** The requests with {@code method} the carrier received, in order. */
  public List<Message> received(String method) {
    return messages.stream()
        .filter(m -> !m.sent() && !m.isResponse() && method.equals(m.method()))
        .toList();
  }

  /** The requests with {@code method} the carrier sent, in order. */
  public List<Message> sent(String method) {
    return messages.stream()
        .filter(m -> m.sent() && !m.isResponse() && method.equals(m.method()))
        .toList();
  }

  /** The responses with {@code status} the carrier received, in order. */
  public List<Message> receivedResponses(int status) {
    return messages.stream().filter(m -> !m.sent() && m.status() == status).toList();
  }

  /** The final (non-1xx) status codes of responses the carrier received, in order. */
  public List<Integer> receivedFinalStatuses() {
    return messages.stream().filter(m -> !m.sent() && m.status() >= 200)
        .map(Message::status).toList();
  }

  /**
   * Every dialog and transaction identifier in these messages: Call-IDs, From and To tags, Via
   * branches. None of them may reach the other leg's carrier (CONTRACT §6).
   */
  public Set<String> identifiers() {
    Set<String> identifiers = new LinkedHashSet<>();
    for (Message message : messages) {
      message.header("Call-ID").or(() -> message.header("i")).ifPresent(identifiers::add);
      for (String name : List.of("From", "f", "To", "t")) {
        message.headers(name).forEach(value -> find(TAG, value).ifPresent(identifiers::add));
      }
      for (String name : List.of("Via", "v")) {
        message.headers(name).forEach(value -> find(BRANCH, value).ifPresent(identifiers::add));
      }
    }
    return identifiers;
  }

  /** The whole log as one text, for searching a value anywhere in any message. */
  public String text() {
    StringBuilder text = new StringBuilder();
    for (Message message : messages) {
      text.append(message.startLine()).append('\n');
      message.headerLines().forEach(line -> text.append(line).append('\n'));
      text.append('\n').append(message.body()).append('\n');
    }
    return text.toString();
  }

  @Override
  public String toString() {
    return text();
  }

  private static Optional<String> find(Pattern pattern, String value) {
    Matcher matcher = pattern.matcher(value);
    return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
  }

  /**
   * One message as logged.
   *
   * @param at when SIPp logged it, in local time (comparable across SIPp processes here)
   * @param sent whether the carrier sent it (else it received it)
   * @param headerLines the header lines as written, folded lines joined
   */
  public record Message(LocalDateTime at, boolean sent, String startLine,
      List<String> headerLines, String body) {

    static Message parse(LocalDateTime at, boolean sent, String text) {
      String normalised = text.replace("\r\n", "\n");
      int end = normalised.indexOf("\n\n");
      String head = end < 0 ? normalised : normalised.substring(0, end);
      String body = end < 0 ? "" : normalised.substring(end + 2).strip();
      List<String> lines = new ArrayList<>();
      for (String line : head.split("\n")) {
        if (!lines.isEmpty() && (line.startsWith(" ") || line.startsWith("\t"))) {
          lines.set(lines.size() - 1, lines.get(lines.size() - 1) + " " + line.strip());
        } else {
          lines.add(line.strip());
        }
      }
      return new Message(at, sent, lines.get(0), List.copyOf(lines.subList(1, lines.size())), body);
    }

    public boolean isResponse() {
      return startLine.startsWith("SIP/2.0 ");
    }

    /** The request's method, or for a response the method of its CSeq. */
    public String method() {
      if (!isResponse()) {
        return startLine.substring(0, startLine.indexOf(' '));
      }
      String cseq = header("CSeq").orElse("");
      return cseq.substring(cseq.indexOf(' ') + 1).strip();
    }

    /** The status code of a response; 0 for a request. */
    public int status() {
      return isResponse() ? Integer.parseInt(startLine.substring(8, 11)) : 0;
    }

    /** A request's Request-URI. */
    public String requestUri() {
      String[] parts = startLine.split(" ");
      return parts[1];
    }

    /** The first value of header {@code name} (case-insensitive, full form). */
    public Optional<String> header(String name) {
      return headers(name).stream().findFirst();
    }

    /** Every value of header {@code name}, each line as one value. */
    public List<String> headers(String name) {
      String prefix = name.toLowerCase(Locale.ROOT) + ":";
      return headerLines.stream()
          .filter(line -> line.toLowerCase(Locale.ROOT).startsWith(prefix))
          .map(line -> line.substring(prefix.length()).strip())
          .toList();
    }

    /** The tag parameter of the From or To header. */
    public Optional<String> tag(String fromOrTo) {
      return header(fromOrTo).flatMap(value -> find(TAG, value));
    }

    /** The user part of the URI in header {@code name}, e.g. the caller ID in From. */
    public Optional<String> user(String name) {
      return header(name).flatMap(value -> find(USER, value));
    }
  }
}
