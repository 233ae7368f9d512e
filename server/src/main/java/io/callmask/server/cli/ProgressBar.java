package io.callmask.server.cli;

import java.io.PrintWriter;

/**
 * A one-line progress bar on stderr, redrawn in place at each whole percent so that a 100,000-row
 * import shows movement without flooding a log when stderr is a file.
 */
final class ProgressBar {

  private static final int WIDTH = 30;

  private final PrintWriter err;
  private final String label;
  private final long total;
  private int shownPercent = -1;

  ProgressBar(PrintWriter err, String label, long total) {
    this.err = err;
    this.label = label;
    this.total = Math.max(1, total);
  }

  void update(long done) {
    int percent = (int) Math.min(100, done * 100 / total);
    if (percent == shownPercent) {
      return;
    }
    shownPercent = percent;
    int filled = percent * WIDTH / 100;
    err.print("\r" + label + " [" + "#".repeat(filled) + " ".repeat(WIDTH - filled) + "] "
        + percent + "%");
    err.flush();
  }

  /** Ends the bar's line; the server's answer may take a moment more (it imports in one go). */
  void finish() {
    err.println();
    err.flush();
  }
}
