package io.callmask.server.threads;

import com.sun.jna.Library;
import com.sun.jna.Native;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * {@link Renicer} through the C library, by JNA. On Linux a nice value belongs to a thread, not to
 * the process, and {@code setpriority(2)} with {@code PRIO_PROCESS} and a thread id sets that
 * thread's alone. Any user may raise a thread's nice value (lower its priority); lowering it again
 * takes {@code CAP_SYS_NICE}, which is why {@link BackgroundPriority} only ever raises it.
 */
final class LinuxRenicer implements Renicer {

  private static final int PRIO_PROCESS = 0;

  /** The one C function used; JNA binds it by name. */
  interface CLibrary extends Library {
    int setpriority(int which, int who, int prio);
  }

  private final CLibrary c;

  private LinuxRenicer(CLibrary c) {
    this.c = c;
  }

  /** The C library's, or empty (with why) where it cannot be loaded: not Linux, no JNA native. */
  static Optional<LinuxRenicer> load(Consumer<String> why) {
    if (!System.getProperty("os.name", "").startsWith("Linux")) {
      why.accept("not Linux (" + System.getProperty("os.name") + ")");
      return Optional.empty();
    }
    // JNA unpacks its native part into the user's cache directory unless told otherwise, which a
    // hardened service cannot write (config/callmask.service: ProtectHome); the JVM's temporary
    // directory is writable wherever the JVM runs (PrivateTmp gives the service its own).
    if (System.getProperty("jna.tmpdir") == null) {
      System.setProperty("jna.tmpdir", System.getProperty("java.io.tmpdir"));
    }
    try {
      return Optional.of(new LinuxRenicer(Native.load("c", CLibrary.class)));
    } catch (LinkageError e) {
      why.accept("the C library could not be bound: " + e.getMessage());
      return Optional.empty();
    }
  }

  @Override
  public void setNice(int tid, int nice) {
    if (c.setpriority(PRIO_PROCESS, tid, nice) != 0) {
      throw new IllegalStateException("setpriority(" + tid + ", " + nice + ") failed, errno "
          + Native.getLastError());
    }
  }
}
