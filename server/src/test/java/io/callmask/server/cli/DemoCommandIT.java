package io.callmask.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/**
 * {@code callmask demo} as a user runs it (CONTRACT §1): a whole server, two simulated carriers
 * and three masked calls in one process; exit code 0 and a transcript saying every call went as
 * promised, in well under the 30 s a newcomer would wait.
 */
class DemoCommandIT {

  private static final Duration PATIENCE = Duration.ofSeconds(30);
  /** The demo's proxy numbers are +91804...; the parties' real ones +91984... */
  private static final Pattern RANG_SHOWING_A_PROXY = Pattern.compile(
      "rings at \\S+ showing caller ID \\+91804\\d+.*\\(the caller got 200\\)");
  /** A call record as the transcript lists it, once the call is over. */
  private static final Pattern ENDED_RECORD =
      Pattern.compile("forwarded from (customer|partner): completed, ");

  private final Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
  private Level rootLevel;

  @BeforeEach
  void rememberLogLevel() {
    rootLevel = root.getLevel();
  }

  /** The demo quietens the root logger for its transcript; later tests get theirs back. */
  @AfterEach
  void restoreLogLevel() {
    root.setLevel(rootLevel);
  }

  @Test
  void runsThreeMaskedCallsAndSaysEachWentAsPromised() {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine commandLine = CallmaskCommand.newCommandLine();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));

    long start = System.nanoTime();
    int exit = commandLine.execute("demo");
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    String transcript = out.toString();
    assertThat(exit).as("exit code; stdout:%n%s%nstderr:%n%s", transcript, err).isZero();
    assertThat(took).as("how long the demo took").isLessThan(PATIENCE);
    assertThat(transcript)
        .contains("Call 1: the customer calls the partner",
            "Call 2: the partner calls the customer",
            "Call 3: the customer calls the partner",
            "Every call as promised")
        .doesNotContain("NOT AS PROMISED");
    // each call rang the other party showing a proxy number, and the caller got 200
    assertThat(RANG_SHOWING_A_PROXY.matcher(transcript).results().count()).isEqualTo(3);
    assertThat(ENDED_RECORD.matcher(transcript).results().count()).isEqualTo(3);
    // the third call's record: the primary refused with 503, the backup answered
    assertThat(transcript).containsPattern("completed, \\[\\S+ presenting \\+\\d+: 503\\] "
        + "\\[\\S+ presenting \\+\\d+: 200\\]");
  }
}
