package io.callmask.sip.codec;

import gov.nist.core.DuplicateNameValueList;
import gov.nist.core.NameValueList;
import gov.nist.javax.sip.header.Allow;
import gov.nist.javax.sip.header.CSeq;
import gov.nist.javax.sip.header.CallID;
import gov.nist.javax.sip.header.Contact;
import gov.nist.javax.sip.header.ContentLength;
import gov.nist.javax.sip.header.ContentType;
import gov.nist.javax.sip.header.Expires;
import gov.nist.javax.sip.header.From;
import gov.nist.javax.sip.header.MaxForwards;
import gov.nist.javax.sip.header.ParametersHeader;
import gov.nist.javax.sip.header.RecordRoute;
import gov.nist.javax.sip.header.Require;
import gov.nist.javax.sip.header.Route;
import gov.nist.javax.sip.header.SIPHeader;
import gov.nist.javax.sip.header.Supported;
import gov.nist.javax.sip.header.To;
import gov.nist.javax.sip.header.Via;
import gov.nist.javax.sip.header.extensions.SessionExpires;
import gov.nist.javax.sip.header.ims.PAssertedIdentity;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A new, empty JAIN SIP header of one kind, made by copying a never-published empty instance
 * rather than by its constructor. Every JAIN SIP header constructor interns its header name
 * ({@code String.intern()}, a lookup in the JVM's native string table), which measured 14% of
 * decoding and encoding a carrier INVITE: the fast path builds about 25 headers per message.
 * {@code clone()} copies the already interned name.
 *
 * <p>JAIN SIP's {@code clone()} copies deeply every sub-object it knows of, but not exactly as the
 * constructor makes them: {@link ParametersHeader}'s list of repeated parameters would be shared
 * with the prototype, and its parameter list would lose the "synchronised" flag that From and To
 * set (which makes it a concurrent map). The first is replaced by a new, empty list and the flag
 * is restored, as the constructor makes them. The copy is then field for field what the
 * constructor builds, and shares nothing mutable with the prototype or other copies (both shown
 * by tests).
 *
 * <p>Thread-safe: the prototypes are never handed out nor changed, only read by {@code clone()}.
 *
 * @param <H> the header class
 */
final class HeaderPrototype<H extends SIPHeader> {

  /**
   * {@code ParametersHeader.duplicates}, protected, which JAIN SIP offers no setter for. JAIN SIP
   * is on the class path, in the unnamed module like callmask, so private lookups are allowed.
   */
  private static final VarHandle DUPLICATES = field(ParametersHeader.class, "duplicates",
      DuplicateNameValueList.class);

  /** {@code NameValueList.sync}, private: whether the list's map is a concurrent one. */
  private static final VarHandle SYNCHRONISED = field(NameValueList.class, "sync", boolean.class);

  static final HeaderPrototype<Via> VIA = new HeaderPrototype<>(new Via());
  static final HeaderPrototype<From> FROM = new HeaderPrototype<>(new From());
  static final HeaderPrototype<To> TO = new HeaderPrototype<>(new To());
  static final HeaderPrototype<Contact> CONTACT = new HeaderPrototype<>(new Contact());
  static final HeaderPrototype<Route> ROUTE = new HeaderPrototype<>(new Route());
  static final HeaderPrototype<RecordRoute> RECORD_ROUTE =
      new HeaderPrototype<>(new RecordRoute());
  static final HeaderPrototype<PAssertedIdentity> P_ASSERTED_IDENTITY =
      new HeaderPrototype<>(new PAssertedIdentity());
  static final HeaderPrototype<CallID> CALL_ID = new HeaderPrototype<>(new CallID());
  static final HeaderPrototype<CSeq> CSEQ = new HeaderPrototype<>(new CSeq());
  static final HeaderPrototype<MaxForwards> MAX_FORWARDS =
      new HeaderPrototype<>(new MaxForwards());
  static final HeaderPrototype<ContentLength> CONTENT_LENGTH =
      new HeaderPrototype<>(new ContentLength());
  static final HeaderPrototype<ContentType> CONTENT_TYPE =
      new HeaderPrototype<>(new ContentType());
  static final HeaderPrototype<Expires> EXPIRES = new HeaderPrototype<>(new Expires());
  static final HeaderPrototype<SessionExpires> SESSION_EXPIRES =
      new HeaderPrototype<>(new SessionExpires());
  static final HeaderPrototype<Allow> ALLOW = new HeaderPrototype<>(new Allow());
  static final HeaderPrototype<Supported> SUPPORTED = new HeaderPrototype<>(new Supported());
  static final HeaderPrototype<Require> REQUIRE = new HeaderPrototype<>(new Require());

  private final H prototype;
  private final boolean hasParameters;
  private final boolean synchronisedParameters;

  private HeaderPrototype(H prototype) {
    this.prototype = prototype;
    this.hasParameters = prototype instanceof ParametersHeader;
    this.synchronisedParameters = hasParameters
        && (boolean) SYNCHRONISED.get(((ParametersHeader) prototype).getParameters());
  }

  /** A new header, as the class's no-argument constructor would make it. */
  @SuppressWarnings("unchecked")
  H create() {
    H copy = (H) prototype.clone();
    if (hasParameters) {
      // clone() made a new, empty parameter list, only without the flag.
      SYNCHRONISED.set(((ParametersHeader) copy).getParameters(), synchronisedParameters);
      DUPLICATES.set((ParametersHeader) copy, new DuplicateNameValueList());
    }
    return copy;
  }

  private static VarHandle field(Class<?> owner, String name, Class<?> type) {
    try {
      return MethodHandles.privateLookupIn(owner, MethodHandles.lookup())
          .findVarHandle(owner, name, type);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }
}
