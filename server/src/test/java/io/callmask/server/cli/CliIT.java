package io.callmask.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.callmask.server.RunningServer;
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
  void statsShowsPoolUsePerRegionPoolAndTrunk() {
    provision();
    cli("sessions", "create", "--customer", "+919800000001", "--partner", "+919800000002",
        "--region", "KA");

    Run stats = cli("stats");

    assertThat(stats.exit()).isZero();
    assertThat(stats.out()).isEqualTo(
        "REGION  POOL      TRUNK   NUMBERS  HEALTHY  LIVE SESSIONS  CAPACITY\n"
            + "KA      customer  airtel  1        1        1              1000\n"
            + "KA      customer  jio     1        1        1              1000\n"
            + "KA      partner   airtel  1        1        1              1000\n"
            + "KA      partner   jio     1        1        1              1000\n");
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
