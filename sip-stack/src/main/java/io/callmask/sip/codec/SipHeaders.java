package io.callmask.sip.codec;

import gov.nist.javax.sip.address.AddressFactoryImpl;
import gov.nist.javax.sip.address.SipUri;
import gov.nist.javax.sip.header.Accept;
import gov.nist.javax.sip.header.AcceptList;
import gov.nist.javax.sip.header.Allow;
import gov.nist.javax.sip.header.AllowList;
import gov.nist.javax.sip.header.Contact;
import gov.nist.javax.sip.header.ContactList;
import gov.nist.javax.sip.header.Reason;
import gov.nist.javax.sip.header.ReasonList;
import gov.nist.javax.sip.header.RecordRoute;
import gov.nist.javax.sip.header.RecordRouteList;
import gov.nist.javax.sip.header.Require;
import gov.nist.javax.sip.header.RequireList;
import gov.nist.javax.sip.header.Route;
import gov.nist.javax.sip.header.RouteList;
import gov.nist.javax.sip.header.SIPHeader;
import gov.nist.javax.sip.header.SIPHeaderList;
import gov.nist.javax.sip.header.Supported;
import gov.nist.javax.sip.header.SupportedList;
import gov.nist.javax.sip.header.Unsupported;
import gov.nist.javax.sip.header.UnsupportedList;
import gov.nist.javax.sip.header.Via;
import gov.nist.javax.sip.header.ViaList;
import gov.nist.javax.sip.header.ims.PAssertedIdentity;
import gov.nist.javax.sip.header.ims.PAssertedIdentityList;
import java.text.ParseException;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import javax.sip.address.Address;
import javax.sip.address.AddressFactory;
import javax.sip.address.SipURI;
import javax.sip.header.Header;
import javax.sip.header.HeaderFactory;

/**
 * Headers for the messages callmask builds, made for less than JAIN SIP's own paths cost on every
 * call (measured in {@code OutboundBuildBenchmark}):
 *
 * <ul>
 *   <li>{@link #factory()} makes the headers of a call's messages by copying prototypes: JAIN
 *       SIP's constructors intern the header name each time.
 *   <li>{@link #listed} wraps a header JAIN SIP keeps in a list (Via, Contact, Route, Allow...)
 *       in a list of its kind. A message attaches such a list as it is, where for a lone header
 *       it first makes the list by reflection ({@code Class.newInstance}, which also looks up
 *       its caller's class). Attach the result with the message's usual methods; only a Via or
 *       Record-Route must then go in with {@code addFirst}, as {@code addHeader} puts those on top
 *       only when they come alone.
 *   <li>{@link #sipUri} makes a SIP URI without JAIN SIP's string parser.
 * </ul>
 *
 * <p>Thread-safe. Returns JAIN SIP's {@code javax.sip} interfaces only.
 */
public final class SipHeaders {

  private static final PrototypeHeaderFactory FACTORY = new PrototypeHeaderFactory();
  private static final AddressFactory ADDRESSES = new AddressFactoryImpl();
  /** What {@link ValueCursor#peek} reads past the end of its text. */
  private static final char END = 0;

  /** The list kind of each header kind the B2BUA attaches, as JAIN SIP's ListMap pairs them. */
  private static final Map<Class<? extends SIPHeader>, Supplier<SIPHeaderList<?>>> LISTS =
      Map.ofEntries(
          Map.entry(Via.class, ViaList::new),
          Map.entry(Contact.class, ContactList::new),
          Map.entry(Route.class, RouteList::new),
          Map.entry(RecordRoute.class, RecordRouteList::new),
          Map.entry(Allow.class, AllowList::new),
          Map.entry(Supported.class, SupportedList::new),
          Map.entry(Require.class, RequireList::new),
          Map.entry(Unsupported.class, UnsupportedList::new),
          Map.entry(Accept.class, AcceptList::new),
          Map.entry(Reason.class, ReasonList::new),
          Map.entry(PAssertedIdentity.class, PAssertedIdentityList::new));

  private SipHeaders() {}

  /** JAIN SIP's header factory, with the headers of a call's messages made from prototypes. */
  public static HeaderFactory factory() {
    return FACTORY;
  }

  /**
   * {@code header} in a one-element list of its kind when it is of a kind this class pairs with
   * a list; otherwise {@code header} itself. Attaching either has the same outcome.
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public static Header listed(Header header) {
    Supplier<SIPHeaderList<?>> list = LISTS.get(header.getClass());
    if (list == null) {
      return header;
    }
    SIPHeaderList listed = list.get();
    listed.add((SIPHeader) header);
    return listed;
  }

  /**
   * A P-Asserted-Identity (RFC 3325) naming {@code identity}, in its list as {@link #listed} makes
   * it. JAIN SIP's header factory offers this header only through its parser or an extension
   * interface of its own.
   */
  public static Header assertedIdentity(Address identity) {
    try {
      return listed(FACTORY.createPAssertedIdentityHeader(identity));
    } catch (ParseException e) {
      throw new IllegalArgumentException("not an identity: " + e.getMessage(), e);
    }
  }

  /** An Allow header list naming {@code methods}, in that order, one header as JAIN SIP has it. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public static Header allow(List<String> methods) {
    SIPHeaderList listed = new AllowList();
    try {
      for (String method : methods) {
        listed.add((SIPHeader) FACTORY.createAllowHeader(method));
      }
    } catch (ParseException e) {
      throw new IllegalArgumentException("not a method name: " + e.getMessage(), e);
    }
    return listed;
  }

  /**
   * The URI {@code sip:user@host} ({@code sip:host} when {@code user} is null), the one JAIN
   * SIP's address factory makes. That factory writes the URI out and runs its string parser on
   * it, four times per outgoing INVITE; user and host of the plain forms the fast header parsers
   * read are built directly, by the same setters in the same order as that parser's.
   *
   * @throws ParseException as JAIN SIP's factory does, if they make no SIP URI
   * @throws NullPointerException if {@code host} is null, as JAIN SIP's factory does
   */
  public static SipURI sipUri(String user, String host) throws ParseException {
    if (host != null && host.indexOf(':') < 0) {
      String text = user == null ? "sip:" + host : "sip:" + user + "@" + host;
      if (FastUris.uri(new ValueCursor(text), END) instanceof SipUri plain) {
        return plain;
      }
    }
    // IPv6 references (which the factory puts in brackets), escapes, upper case and the like.
    return ADDRESSES.createSipURI(user, host);
  }
}
