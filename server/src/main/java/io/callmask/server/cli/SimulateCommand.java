package io.callmask.server.cli;

import io.callmask.server.planner.CsvWorkload;
import io.callmask.server.planner.PlanChart;
import io.callmask.server.planner.PoolPlan;
import io.callmask.server.planner.PoolPlanner;
import io.callmask.server.planner.SessionSpan;
import io.callmask.server.planner.Workload;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code callmask simulate}: the offline pool planner. Replays a synthetic workload at several
 * traffic levels (or a recorded CSV once) through every allocation strategy and prints the pool
 * each needed against the lower bound; writes an SVG chart of pool size against traffic. Needs no
 * server.
 */
@Command(name = "simulate", mixinStandardHelpOptions = true, footer = ExitCodes.HELP_FOOTER,
    description = {"Plan a pool: how many proxy numbers each allocation strategy needs for a"
        + " workload, against the lower bound (the most numbers one party needs at once).",
        "Without --csv, a synthetic workload with heavy-tailed sessions per party is replayed at"
        + " each --scales multiple of its traffic."})
final class SimulateCommand implements Callable<Integer> {

  private static final Workload DEFAULTS = Workload.defaults();

  @Spec CommandSpec spec;

  @Option(names = "--customers", paramLabel = "N", description = "Customers at scale 1 (default: ${DEFAULT-VALUE}).")
  int customers = DEFAULTS.customers();

  @Option(names = "--partners", paramLabel = "N", description = "Partners at scale 1 (default: ${DEFAULT-VALUE}).")
  int partners = DEFAULTS.partners();

  @Option(names = "--sessions-per-day", paramLabel = "N", description = "Sessions a day at scale 1 (default: ${DEFAULT-VALUE}).")
  int sessionsPerDay = DEFAULTS.sessionsPerDay();

  @Option(names = "--days", paramLabel = "N", description = "Days simulated; longer than the quarantine to reach a steady state (default: ${DEFAULT-VALUE}).")
  int days = DEFAULTS.days();

  @Option(names = "--lifetime", paramLabel = "DURATION", description = "Mean session lifetime, ISO-8601 (default: ${DEFAULT-VALUE}).")
  Duration lifetime = DEFAULTS.sessionLifetime();

  @Option(names = "--quarantine", paramLabel = "DURATION", description = "recycle.quarantine (default: ${DEFAULT-VALUE}).")
  Duration quarantine = DEFAULTS.quarantine();

  @Option(names = "--tail", paramLabel = "X", description = "Pareto exponent of sessions per party; smaller is heavier (default: ${DEFAULT-VALUE}).")
  double tail = DEFAULTS.tailExponent();

  @Option(names = "--skew", paramLabel = "X", description = "How much busier the busiest party is than the quietest (default: ${DEFAULT-VALUE}).")
  double skew = DEFAULTS.busiestToQuietest();

  @Option(names = "--trunks", paramLabel = "N", description = "Trunks the numbers are spread over (default: ${DEFAULT-VALUE}).")
  int trunks = DEFAULTS.trunks();

  @Option(names = "--capacity", paramLabel = "N", description = "Live sessions a number may serve (default: unlimited).")
  int capacity = DEFAULTS.capacity();

  @Option(names = "--seed", paramLabel = "N", description = "Random seed (default: ${DEFAULT-VALUE}).")
  long seed = DEFAULTS.seed();

  @Option(names = "--scales", split = ",", paramLabel = "X,...", description = "Traffic multiples to replay (default: 0.25,0.5,1,2,4).")
  List<Double> scales = PoolPlanner.DEFAULT_SCALES;

  @Option(names = "--csv", paramLabel = "FILE", description = "Replay recorded sessions instead: lines of time,customer,partner,open|close.")
  Path csv;

  @Option(names = "--default-country", paramLabel = "CC", defaultValue = "IN", description = "Country for numbers in the CSV written without + (default: ${DEFAULT-VALUE}).")
  String defaultCountry;

  @Option(names = "--chart", paramLabel = "FILE.svg", defaultValue = "pool-plan.svg", description = "Where to write the chart (default: ${DEFAULT-VALUE}).")
  Path chart;

  @Override
  public Integer call() throws IOException {
    PoolPlan plan;
    try {
      plan = csv == null ? PoolPlanner.sweep(workload(), scales) : replay();
    } catch (IllegalArgumentException e) {
      throw new CliFailure(ExitCodes.USAGE, e.getMessage());
    }
    PrintWriter out = spec.commandLine().getOut();
    out.print(plan.table());
    Files.writeString(chart, PlanChart.svg(plan), StandardCharsets.UTF_8);
    out.println("chart: " + chart);
    out.flush();
    return ExitCodes.OK;
  }

  private Workload workload() {
    return new Workload(customers, partners, sessionsPerDay, days, lifetime, quarantine, tail,
        skew, trunks, capacity, seed);
  }

  private PoolPlan replay() throws IOException {
    List<SessionSpan> sessions;
    try (Reader reader = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
      sessions = CsvWorkload.read(reader, defaultCountry);
    }
    return PoolPlanner.replay(sessions, quarantine, trunks, capacity);
  }
}
