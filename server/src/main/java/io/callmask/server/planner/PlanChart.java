package io.callmask.server.planner;

import io.callmask.server.masking.AllocationStrategy;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * Draws a {@link PoolPlan} as an SVG line chart: pool size against sessions per day, one line
 * per strategy and a dashed line for the one-pool lower bound. Stateless.
 */
public final class PlanChart {

  private static final int WIDTH = 720;
  private static final int HEIGHT = 440;
  private static final int LEFT = 80;
  private static final int RIGHT = 180;
  private static final int TOP = 40;
  private static final int BOTTOM = 60;
  private static final int TICKS = 5;
  private static final String[] COLOURS = {"#1b9e77", "#7570b3", "#d95f02"};

  private PlanChart() {}

  /** The chart as a standalone SVG document. */
  public static String svg(PoolPlan plan) {
    List<PoolPlan.Row> rows = plan.rows();
    double maxX = Math.max(1, rows.stream().mapToDouble(PoolPlan.Row::sessionsPerDay).max()
        .orElse(1));
    double maxY = Math.max(1, rows.stream().flatMap(row -> row.needed().values().stream())
        .mapToInt(Integer::intValue).max().orElse(1));
    StringBuilder svg = new StringBuilder();
    svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\""
        + " height=\"%d\" font-family=\"sans-serif\" font-size=\"12\">%n", WIDTH, HEIGHT));
    svg.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
    svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"24\" font-size=\"15\">Proxy numbers"
        + " needed against traffic</text>%n", LEFT));
    axes(svg, maxX, maxY);
    AllocationStrategy[] strategies = AllocationStrategy.values();
    for (int i = 0; i < strategies.length; i++) {
      AllocationStrategy strategy = strategies[i];
      line(svg, rows, row -> row.needed().get(strategy), maxX, maxY, COLOURS[i], "");
      legend(svg, i, COLOURS[i], "", strategy.configName());
    }
    line(svg, rows, row -> row.bound().onePool(), maxX, maxY, "#666666", "6,4");
    legend(svg, strategies.length, "#666666", "6,4", "lower bound");
    svg.append("</svg>\n");
    return svg.toString();
  }

  private static void axes(StringBuilder svg, double maxX, double maxY) {
    int bottom = HEIGHT - BOTTOM;
    int right = WIDTH - RIGHT;
    svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\""
        + " stroke=\"black\"/>%n", LEFT, bottom, right, bottom));
    svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\""
        + " stroke=\"black\"/>%n", LEFT, TOP, LEFT, bottom));
    for (int i = 0; i <= TICKS; i++) {
      double fraction = i / (double) TICKS;
      svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">"
          + "%.0f</text>%n", x(fraction * maxX, maxX), bottom + 18, fraction * maxX));
      svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">"
          + "%.0f</text>%n", LEFT - 6, y(fraction * maxY, maxY) + 4, fraction * maxY));
    }
    svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">"
        + "sessions per day</text>%n", (LEFT + right) / 2, HEIGHT - 16));
    svg.append(String.format(Locale.ROOT, "<text x=\"16\" y=\"%d\" transform=\"rotate(-90 16 %d)\""
        + " text-anchor=\"middle\">numbers in the pool</text>%n", (TOP + bottom) / 2,
        (TOP + bottom) / 2));
  }

  private static void line(StringBuilder svg, List<PoolPlan.Row> rows,
      ToDoubleFunction<PoolPlan.Row> value, double maxX, double maxY, String colour,
      String dashes) {
    StringBuilder points = new StringBuilder();
    for (PoolPlan.Row row : rows) {
      points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x(row.sessionsPerDay(), maxX),
          y(value.applyAsDouble(row), maxY)));
    }
    svg.append(String.format(Locale.ROOT, "<polyline fill=\"none\" stroke=\"%s\""
        + " stroke-width=\"2\" stroke-dasharray=\"%s\" points=\"%s\"/>%n", colour,
        dashes.isEmpty() ? "none" : dashes, points.toString().trim()));
  }

  private static void legend(StringBuilder svg, int index, String colour, String dashes,
      String label) {
    int x = WIDTH - RIGHT + 20;
    int y = TOP + 20 + index * 22;
    svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\""
        + " stroke=\"%s\" stroke-width=\"2\" stroke-dasharray=\"%s\"/>%n", x, y, x + 28, y,
        colour, dashes.isEmpty() ? "none" : dashes));
    svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">%s</text>%n", x + 36, y + 4,
        label));
  }

  private static double x(double value, double maxX) {
    return LEFT + value / maxX * (WIDTH - LEFT - RIGHT);
  }

  private static double y(double value, double maxY) {
    return HEIGHT - BOTTOM - value / maxY * (HEIGHT - TOP - BOTTOM);
  }
}
