package io.callmask.server.call;

import io.callmask.server.masking.PhoneNumber;
import io.callmask.sip.message.BranchId;
import io.callmask.sip.message.CoreHeaders;
import io.callmask.sip.message.HostPort;
import java.util.List;
import java.util.ListIterator;
import java.util.Optional;
import java.util.Set;
import javax.sip.address.SipURI;
import javax.sip.address.TelURL;
import javax.sip.address.URI;
import javax.sip.header.HeaderAddress;
import javax.sip.header.MaxForwardsHeader;
import javax.sip.header.RequireHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * The checks an initial INVITE passes before any lookup (CONTRACT §6): loop detection, option
 * tags, and the two numbers. The dialed proxy is the Request-URI user; the caller is the
 * P-Asserted-Identity user (the trunk is trusted: its address was checked) or else the From user.
 * Both are read as E.164 or in the configured default country. Immutable and thread-safe.
 */
final class InviteIntake {

  /** What callmask does with the INVITE: refuse it, or route it. */
  sealed interface Result permits Refused, Accepted {}

  /** Refused with {@code status}; {@code unsupported} lists option tags for a 420. */
  record Refused(int status, List<String> unsupported) implements Result {}

  /** To be routed: numbers read, Max-Forwards as received (at least 1). */
  record Accepted(PhoneNumber dialed, PhoneNumber caller, int maxForwards) implements Result {}

  private static final String ASSERTED_IDENTITY = "P-Asserted-Identity";
  /** BranchId.next(): the cookie then 24 hex digits. */
  private static final int OWN_BRANCH_LENGTH = BranchId.MAGIC_COOKIE.length() + 24;
  private static final int DEFAULT_MAX_FORWARDS = 70;
  /** Proxy number spellings remembered: more than most deployments own. */
  private static final int REMEMBERED_DIALED_NUMBERS = 10_000;
  /** Caller spellings remembered: the parties of 50,000 sessions, a few megabytes. */
  private static final int REMEMBERED_CALLERS = 100_000;

  private final RememberedNumbers dialedNumbers;
  private final RememberedNumbers callers;
  private final Set<HostPort> ownSentBy;

  /**
   * @param defaultCountry how numbers without {@code +} are read ({@code numbers.default-country})
   * @param ownSentBy the Via sent-by values this node writes
   */
  InviteIntake(String defaultCountry, Set<HostPort> ownSentBy) {
    this.dialedNumbers = new RememberedNumbers(defaultCountry, REMEMBERED_DIALED_NUMBERS);
    this.callers = new RememberedNumbers(defaultCountry, REMEMBERED_CALLERS);
    this.ownSentBy = Set.copyOf(ownSentBy);
  }

  Result check(Request invite) {
    if (loopsThroughUs(invite)) {
      return new Refused(Response.LOOP_DETECTED, List.of());
    }
    List<String> unsupported = IdentityRewriter.optionTags(invite, RequireHeader.NAME).stream()
        .filter(tag -> !IdentityRewriter.RELAYED_OPTIONS.contains(tag))
        .toList();
    if (!unsupported.isEmpty()) {
      return new Refused(Response.BAD_EXTENSION, unsupported);
    }
    Optional<PhoneNumber> dialed =
        dialString(invite.getRequestURI()).flatMap(dialedNumbers::parse);
    if (dialed.isEmpty()) {
      return new Refused(Response.ADDRESS_INCOMPLETE, List.of());
    }
    Optional<PhoneNumber> caller = assertedIdentity(invite)
        .or(() -> number(CoreHeaders.from(invite).getAddress().getURI()));
    if (caller.isEmpty()) {
      return new Refused(Response.NOT_FOUND, List.of());
    }
    MaxForwardsHeader maxForwards = (MaxForwardsHeader) invite.getHeader(MaxForwardsHeader.NAME);
    return new Accepted(dialed.get(), caller.get(),
        maxForwards == null ? DEFAULT_MAX_FORWARDS : maxForwards.getMaxForwards());
  }

  /**
   * A Via with this node's sent-by and a branch of the form this node generates means the
   * INVITE already passed through here: a B-leg routed back to us.
   */
  private boolean loopsThroughUs(Request invite) {
    ListIterator<?> vias = invite.getHeaders(ViaHeader.NAME);
    while (vias.hasNext()) {
      ViaHeader via = (ViaHeader) vias.next();
      int port = via.getPort() > 0 ? via.getPort() : 5060;
      if (ownSentBy.contains(new HostPort(via.getHost(), port)) && isOwnBranch(via.getBranch())) {
        return true;
      }
    }
    return false;
  }

  private static boolean isOwnBranch(String branch) {
    if (branch == null || branch.length() != OWN_BRANCH_LENGTH
        || !branch.startsWith(BranchId.MAGIC_COOKIE)) {
      return false;
    }
    for (int i = BranchId.MAGIC_COOKIE.length(); i < branch.length(); i++) {
      char c = branch.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
        return false;
      }
    }
    return true;
  }

  private Optional<PhoneNumber> assertedIdentity(Request invite) {
    ListIterator<?> identities = invite.getHeaders(ASSERTED_IDENTITY);
    while (identities.hasNext()) {
      Object header = identities.next();
      if (header instanceof HeaderAddress address && address.getAddress() != null) {
        Optional<PhoneNumber> number = number(address.getAddress().getURI());
        if (number.isPresent()) {
          return number;
        }
      }
    }
    return Optional.empty();
  }

  /** The caller's number a sip: user part or a tel: URI spells, if it is one. */
  private Optional<PhoneNumber> number(URI uri) {
    return dialString(uri).flatMap(callers::parse);
  }

  /** What a sip: user part or a tel: URI spells, if it could be a number. */
  private static Optional<String> dialString(URI uri) {
    String text;
    if (uri instanceof SipURI sip) {
      text = sip.getUser();
    } else if (uri instanceof TelURL tel) {
      text = (tel.isGlobal() ? "+" : "") + tel.getPhoneNumber();
    } else {
      return Optional.empty();
    }
    if (text == null || text.isEmpty()) {
      return Optional.empty();
    }
    int parameters = text.indexOf(';');
    if (parameters >= 0) {
      text = text.substring(0, parameters);
    }
    if (text.regionMatches(true, 0, "%2B", 0, 3)) {
      text = "+" + text.substring(3);
    }
    return isDialString(text) ? Optional.of(text) : Optional.empty();
  }

  /** Digits with an optional leading {@code +} and visual separators: nothing a name could be. */
  private static boolean isDialString(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean allowed = (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '(' || c == ')'
          || c == ' ' || (c == '+' && i == 0);
      if (!allowed) {
        return false;
      }
    }
    return !text.isEmpty();
  }
}
