package io.callmask.sip.message;

import java.util.concurrent.ThreadLocalRandom;

/** Via branch parameters (RFC 3261 §8.1.1.7): the magic cookie plus 64 random bits. */
public final class BranchId {

  /** Branches starting with this cookie were made by an RFC 3261 element. */
  public static final String MAGIC_COOKIE = "z9hG4bK";

  private BranchId() {}

  /** A new branch, unique in space and time with overwhelming probability. */
  public static String next() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    return MAGIC_COOKIE + Long.toHexString(random.nextLong() | Long.MIN_VALUE)
        + Long.toHexString(random.nextLong() | Long.MIN_VALUE).substring(0, 8);
  }

  /** True for branches of RFC 3261 elements, which transaction matching by branch requires. */
  public static boolean isRfc3261(String branch) {
    return branch != null && branch.startsWith(MAGIC_COOKIE);
  }
}
