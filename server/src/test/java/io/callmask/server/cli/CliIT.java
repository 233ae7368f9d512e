package io.callmask.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import static io.callmask.server.calls.TestCalls.answered;
import static io.callmask.server.calls.TestCalls.completed;
import static io.callmask.server.calls.TestCalls.ended;
import static io.callmask.server.calls.TestCalls.failedOver;
import static io.callmask.server.calls.TestCalls.ringing;

import io.callmask.server.RunningServer;
import io.callmask.server.SippProcess;
import io.callmask.server.calls.CallStatus;
import io.callmask.server.calls.QueuedCallLog;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The CLI against a real running server: exit codes, stdout and stderr. */
class CliIT {

  @TempDir Path dir;
  private RunningServer running;

  /** What one CLI run printed and returned. */
  private record Run(int exit, String out, String err) {}

  @BeforeEach
  void start() {
    running = new RunningServer(dir.resolve("server"));
  }

  @AfterEach
  void stop() {
    running.close();
  }

  @Test
  void addsAndListsTrunksAndNumbersAsTables() {
    Run trunk = cli("trunks", "add", "airtel", "--gateway", "127.0.0.1:5070");
    Run number = cli("numbers", "add", "+918040000001", "--trunk", "airtel", "--region", "KA",
        "--pool", "customer", "--capacity", "50");
    Run trunks = cli("trunks", "list");
    Run numbers = cli("numbers", "list", "--region", "KA");

    assertThat(trunk).isEqualTo(new Run(0, "added trunk airtel\n", ""));
    assertThat(number).isEqualTo(new Run(0, "added +918040000001\n", ""));
    assertThat(trunks.out()).isEqualTo(
        "NAME    GATEWAY         TRANSPORT  STATUS   ALLOW\n"
            + "airtel  127.0.0.1:5070  udp        unknown  127.0.0.1\n");
    assertThat(numbers.out()).isEqualTo(
        "NUMBER         TRUNK   REGION  POOL      CAPACITY  HEALTH\n"
            + "+918040000001  airtel  KA      customer  50        healthy\n");
  }

  @Test
  void sessionsLifecycleWithJsonOutput() {
    provision();

    Run created = cli("sessions", "create", "--customer", "+919800000001", "--partner",
        "+919800000002", "--region", "KA", "--ref", "order-1", "--json");
    String id = created.out().replaceAll("(?s).*\"id\" : \"([^\"]+)\".*", "$1");
    Run shown = cli("sessions", "show", id);
    Run closed = cli("sessions", "close", id);
    Run listed = cli("sessions", "list", "--status", "closed");

    assertThat(created.exit()).isZero();
    assertThat(created.out()).contains("\"backup_proxy\"").contains("\"ref\" : \"order-1\"");
    assertThat(shown.exit()).isZero();
    assertThat(shown.out()).startsWith("session " + id + " (active, region KA, ref order-1)\n")
        .contains("customer  +919800000001");
    assertThat(closed.out()).startsWith("session " + id + " (closed,");
    assertThat(listed.out()).contains(id);
  }

  @Test
  void statsShowsPoolUsePerRegionPoolAndTrunkAndCallsByStatus() {
    provision();
    cli("sessions", "create", "--customer", "+919800000001", "--partner", "+919800000002",
        "--region", "KA");
    seedCalls();

    Run stats = cli("stats", "--window", "all");
    Run lastDay = cli("stats");
    Run lastWeek = cli("stats", "--window", "P7D", "--json");
    Run badWindow = cli("stats", "--window", "soon");

    assertThat(stats.exit()).isZero();
    assertThat(stats.out()).isEqualTo(
        "REGION  POOL      TRUNK   NUMBERS  HEALTHY  LIVE SESSIONS  CAPACITY\n"
            + "KA      customer  airtel  1        1        1              1000\n"
            + "KA      customer  jio     1        1        1              1000\n"
            + "KA      partner   airtel  1        1        1              1000\n"
            + "KA      partner   jio     1        1        1              1000\n"
            + "\n"
            + "Calls of all time: 3, 2 failed over to the backup trunk\n"
            + "STATUS     CALLS\n"
            + "ringing    1\n"
            + "answered   0\n"
            + "completed  1\n"
            + "busy       1\n"
            + "no_answer  0\n"
            + "failed     0\n"
            + "canceled   0\n");
    assertThat(lastDay.out()).containsPattern(
        "\nCalls in the last 24h \\(since [0-9T:.-]+Z\\): 0, 0 failed over to the backup trunk\n");
    assertThat(lastWeek.out()).contains("\"window\" : \"PT168H\"");
    assertThat(badWindow).isEqualTo(new Run(ExitCodes.FAILED, "", "callmask: window: expected a"
        + " positive ISO-8601 duration such as PT1H or P7D, or 'all'\n"));
  }

  @Test
  void callsListAndShowAsTablesOrJson() {
    seedCalls();

    Run all = cli("calls", "list");
    Run oneSession = cli("calls", "list", "--session", "s-2", "--limit", "1");
    Run shown = cli("calls", "show", "call-1");
    Run json = cli("calls", "show", "call-2", "--json");

    assertThat(all).isEqualTo(new Run(0,
        "ID      SESSION  KIND       FROM      STATUS     ATTEMPTS             STARTED"
            + "               DURATION\n"
            + "call-3  s-2      forwarded  customer  ringing    airtel               2026-03-01T10:02:00Z  -\n"
            + "call-2  s-1      forwarded  customer  busy       airtel 503, jio 486  2026-03-01T10:01:00Z  -\n"
            + "call-1  s-1      forwarded  customer  completed  airtel 503, jio 200  2026-03-01T10:00:00Z  42 s\n",
        ""));
    assertThat(oneSession.out()).contains("call-3").doesNotContain("call-1").doesNotContain("call-2");
    assertThat(shown).isEqualTo(new Run(0,
        "call call-1 (completed, forwarded from customer, session s-1)\n"
            + "started   2026-03-01T10:00:00Z\n"
            + "answered  2026-03-01T10:00:03Z\n"
            + "ended     2026-03-01T10:00:45Z\n"
            + "duration  42 s\n"
            + "failure   -\n"
            + "\n"
            + "#  TRUNK   PRESENTED      SIP STATUS\n"
            + "1  airtel  +918040000001  503\n"
            + "2  jio     +918040000002  200\n",
        ""));
    assertThat(json.exit()).isZero();
    assertThat(json.out()).contains("\"status\" : \"busy\"").contains("\"failure\" : \"outgoing\"")
        .contains("\"duration_s\" : null");
  }

  @Test
  void callsFailuresAreOneLineWithMeaningfulExitCodes() {
    Run missing = cli("calls", "show", "nope");
    Run badLimit = cli("calls", "list", "--limit", "0");
    Run notANumber = cli("calls", "list", "--limit", "many");
    Run noServer = run("calls", "list", "--api", "http://127.0.0.1:9/", "--token", "x");

    assertThat(missing).isEqualTo(new Run(ExitCodes.NOT_FOUND, "", "callmask: no call nope\n"));
    assertThat(badLimit).isEqualTo(new Run(ExitCodes.FAILED, "",
        "callmask: limit: expected a whole number from 1 to 1000\n"));
    assertThat(notANumber.exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(notANumber.err()).contains("--limit").contains("many");
    assertThat(noServer.exit()).isEqualTo(ExitCodes.UNREACHABLE);
    assertThat(cli("calls", "list", "--session", "nobody").out()).isEqualTo(
        "ID  SESSION  KIND  FROM  STATUS  ATTEMPTS  STARTED  DURATION\n");
  }

  @Test
  void clickToCallStartsACallAndPrintsItOrSaysWhyNot() throws IOException {
    provisionRefusingTrunks();
    Run created = cli("sessions", "create", "--customer", "+919800000001", "--partner",
        "+919800000002", "--region", "DL", "--json");
    String id = created.out().replaceAll("(?s).*\"id\" : \"([^\"]+)\".*", "$1");

    Run table = cli("click-to-call", id, "--from", "customer");
    Run json = cli("click-to-call", id, "--from", "partner", "--json");
    Run badSide = cli("click-to-call", id, "--from", "nobody");
    Run noSide = cli("click-to-call", id);
    Run missing = cli("click-to-call", "nope", "--from", "customer");
    cli("sessions", "close", id);
    Run closed = cli("click-to-call", id, "--from", "customer");

    assertThat(table.exit()).as(table.err()).isZero();
    assertThat(table.out()).matches("call [0-9a-f-]{36} \\(ringing, click_to_call from customer,"
        + " session " + id + "\\)\n(?s).*\n#  TRUNK  PRESENTED      SIP STATUS\n"
        + "1  dl-.   \\+91804100000.  -\n");
    assertThat(json.exit()).isZero();
    assertThat(json.out()).contains("\"kind\" : \"click_to_call\"")
        .contains("\"from\" : \"partner\"").contains("\"status\" : \"ringing\"");
    assertThat(badSide).isEqualTo(new Run(ExitCodes.FAILED, "",
        "callmask: 'from': expected customer or partner\n"));
    assertThat(noSide.exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(noSide.err()).contains("--from");
    assertThat(missing).isEqualTo(new Run(ExitCodes.NOT_FOUND, "", "callmask: no session nope\n"));
    assertThat(closed).isEqualTo(new Run(ExitCodes.CONFLICT, "", "callmask: session " + id
        + " is closed; its parties are no longer put through\n"));
  }

  /**
   * Region DL on two TCP trunks whose gateways refuse connections: a click-to-call there fails
   * at once on both trunks, so no call outlives the test.
   */
  private void provisionRefusingTrunks() throws IOException {
    cli("trunks", "add", "dl-a", "--gateway", "127.0.0.1:" + SippProcess.freePort(),
        "--transport", "tcp");
    cli("trunks", "add", "dl-b", "--gateway", "127.0.0.1:" + SippProcess.freePort(),
        "--transport", "tcp");
    int n = 1;
    for (String pool : new String[] {"customer", "partner"}) {
      for (String trunk : new String[] {"dl-a", "dl-b"}) {
        assertThat(cli("numbers", "add", "+91804100000" + n++, "--trunk", trunk, "--region",
            "DL", "--pool", pool).exit()).isZero();
      }
    }
  }

  /** Three calls recorded as call control would: two failed over, one still ringing. */
  private void seedCalls() {
    QueuedCallLog log = running.server().callLog();
    log.record(completed(answered(failedOver(ringing("call-1", "s-1", 0)), 3), 42));
    log.record(ended(failedOver(ringing("call-2", "s-1", 60)), CallStatus.BUSY, 486));
    log.record(ringing("call-3", "s-2", 120));
    assertThat(log.flush()).isTrue();
  }

  @Test
  void importsAHundredThousandRowCsvAllOrNothing() throws IOException {
    cli("trunks", "add", "airtel", "--gateway", "127.0.0.1:5070");
    Path csv = dir.resolve("numbers.csv");
    List<String> lines = new ArrayList<>(List.of("number,trunk,region,pool,capacity"));
    for (int i = 0; i < 100_000; i++) {
      lines.add(String.format("+9180%08d,airtel,KA,%s,", i, i % 2 == 0 ? "customer" : "partner"));
    }
    Files.write(csv, lines);

    Run imported = cli("numbers", "import", csv.toString());

    assertThat(imported.exit()).as(imported.err()).isZero();
    assertThat(imported.out()).startsWith("imported 100000 numbers from " + csv);
    assertThat(imported.err()).contains("100%");
    assertThat(cli("numbers", "list", "--json").out().split("\"number\"", -1)).hasSize(100_001);
  }

  @Test
  void importReportsBadRowsByLineAndImportsNothing() throws IOException {
    cli("trunks", "add", "airtel", "--gateway", "127.0.0.1:5070");
    Path csv = dir.resolve("bad.csv");
    Files.write(csv, List.of(
        "number,trunk,region,pool,capacity",
        "+918040000001,airtel,KA,customer,",
        "",
        "not-a-number,airtel,KA,customer,",
        "+918040000002,vodafone,KA,customer,5"));

    Run refused = cli("numbers", "import", csv.toString());

    assertThat(refused.exit()).isEqualTo(ExitCodes.FAILED);
    assertThat(refused.err())
        .contains(csv + " line 4: 'number' is not a valid phone number")
        .contains(csv + " line 5: no trunk 'vodafone'")
        .contains("2 of 3 rows are invalid; nothing was added");
    assertThat(cli("numbers", "list").out()).isEqualTo("NUMBER  TRUNK  REGION  POOL  CAPACITY  HEALTH\n");
  }

  @Test
  void failuresAreOneLineWithMeaningfulExitCodes() {
    provision();
    cli("sessions", "create", "--customer", "+919800000001", "--partner", "+919800000002",
        "--region", "KA", "--ref", "r1");

    Run notFound = cli("sessions", "show", "nope");
    Run conflict = cli("sessions", "create", "--customer", "+919800000003", "--partner",
        "+919800000002", "--region", "KA", "--ref", "r1");
    Run badNumber = cli("sessions", "create", "--customer", "12", "--partner", "+919800000002",
        "--region", "KA");
    Run wrongToken = run("sessions", "list", "--api", running.baseUrl(), "--token", "wrong");
    Run noServer = run("sessions", "list", "--api", "http://127.0.0.1:9/", "--token", "x");
    Run usage = cli("sessions", "create", "--customer", "+919800000001");

    assertThat(notFound).isEqualTo(new Run(ExitCodes.NOT_FOUND, "", "callmask: no session nope\n"));
    assertThat(conflict.exit()).isEqualTo(ExitCodes.CONFLICT);
    assertThat(conflict.err()).startsWith("callmask: ref 'r1' belongs to session");
    assertThat(badNumber.exit()).isEqualTo(ExitCodes.FAILED);
    assertThat(badNumber.err()).isEqualTo(
        "callmask: 'customer' is not a valid phone number (E.164 such as +919812345678)\n");
    assertThat(wrongToken.exit()).isEqualTo(ExitCodes.FAILED);
    assertThat(wrongToken.err()).contains("missing or wrong bearer token");
    assertThat(noServer).isEqualTo(new Run(ExitCodes.UNREACHABLE, "",
        "callmask: no server at http://127.0.0.1:9/ — start it with `callmask serve`\n"));
    assertThat(usage.exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(usage.err()).contains("Missing required options");
  }

  private void provision() {
    cli("trunks", "add", "airtel", "--gateway", "127.0.0.1:5070");
    cli("trunks", "add", "jio", "--gateway", "127.0.0.2:5070");
    int n = 1;
    for (String pool : new String[] {"customer", "partner"}) {
      for (String trunk : new String[] {"airtel", "jio"}) {
        assertThat(cli("numbers", "add", "+91804000000" + n++, "--trunk", trunk, "--region", "KA",
            "--pool", pool).exit()).isZero();
      }
    }
  }

  /** Runs a command against the test server. */
  private Run cli(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--api", running.baseUrl(), "--token", running.token()));
    return run(all.toArray(String[]::new));
  }

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine commandLine = CallmaskCommand.newCommandLine();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    int exit = commandLine.execute(args);
    return new Run(exit, out.toString(), err.toString());
  }
}
