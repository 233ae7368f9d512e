package io.callmask.server.threads;

/** Sets one thread's nice value (Linux: {@code setpriority(PRIO_PROCESS, tid, nice)}). */
@FunctionalInterface
interface Renicer {

  /**
   * Sets thread {@code tid}'s nice value.
   *
   * @throws IllegalStateException when the system refuses (the message says why)
   */
  void setNice(int tid, int nice);
}
