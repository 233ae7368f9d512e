package io.callmask.server.dialog;

import io.callmask.sip.codec.SipHeaders;
import io.callmask.sip.message.CoreHeaders;
import io.callmask.sip.message.Peer;
import io.callmask.sip.message.SipResponses;
import io.callmask.sip.message.Transport;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.ListIterator;
import java.util.Optional;
import javax.sip.InvalidArgumentException;
import javax.sip.SipException;
import javax.sip.address.Address;
import javax.sip.address.SipURI;
import javax.sip.address.URI;
import javax.sip.header.ContactHeader;
import javax.sip.header.HeaderFactory;
import javax.sip.header.RecordRouteHeader;
import javax.sip.message.Message;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * One dialog's state (RFC 3261 §12.1) and the requests it sends (§12.2.1.1): Call-ID, tags, the
 * parties' addresses, the remote target, the route set and both CSeq numbers.
 *
 * <p>Where a request goes: the first route, else the remote target, when that URI names an IP
 * address literal; otherwise the peer the dialog was set up with ({@code fallbackHop}), because
 * resolving a host name would block a SIP thread. Carriers' SIP interconnects use addresses.
 *
 * <p>Not thread-safe: confined to its owner's serial context (one call's event queue).
 */
public final class Dialog {

  private static final int MAX_FORWARDS = 70;
  private static final int DEFAULT_PORT = 5060;

  private final String callId;
  private final String localTag;
  private String remoteTag;
  private final Address localParty;
  private final Address remoteParty;
  private URI remoteTarget;
  private List<Address> routeSet;
  private long localSeq;
  /** The highest CSeq the remote side used, or -1 while it has sent no request. */
  private long remoteSeq;
  private final Peer fallbackHop;
  private boolean confirmed;

  private Dialog(String callId, String localTag, String remoteTag, Address localParty,
      Address remoteParty, URI remoteTarget, List<Address> routeSet, long localSeq,
      long remoteSeq, Peer fallbackHop, boolean confirmed) {
    this.callId = callId;
    this.localTag = localTag;
    this.remoteTag = remoteTag;
    this.localParty = localParty;
    this.remoteParty = remoteParty;
    this.remoteTarget = remoteTarget;
    this.routeSet = routeSet;
    this.localSeq = localSeq;
    this.remoteSeq = remoteSeq;
    this.fallbackHop = fallbackHop;
    this.confirmed = confirmed;
  }

  /**
   * §12.1.1: the dialog a UAS creates by answering {@code request} with To tag {@code localTag}:
   * the route set is the request's Record-Route in order, the remote target its Contact. It is
   * early until {@link #confirm} (the 2xx went out).
   */
  public static Dialog asUas(Request request, String localTag, Peer source) {
    Address remote = (Address) CoreHeaders.from(request).getAddress()
        .clone();
    Address local = (Address) CoreHeaders.to(request).getAddress().clone();
    long seq = CoreHeaders.cseq(request).getSeqNumber();
    return new Dialog(DialogId.callId(request), localTag, DialogId.fromTag(request), local,
        remote, contactOr(request, remote.getURI()), recordRoutes(request, false), 0, seq, source,
        false);
  }

  /**
   * §12.1.2: the dialog a UAC gets from {@code response} (with a To tag) to its {@code request}:
   * the route set is the response's Record-Route reversed, the remote target its Contact.
   * Confirmed when the response is a 2xx, early for a provisional.
   */
  public static Dialog asUac(Request request, Response response, Peer destination) {
    Address local = (Address) CoreHeaders.from(request).getAddress()
        .clone();
    Address remote = (Address) CoreHeaders.to(request).getAddress().clone();
    long seq = CoreHeaders.cseq(request).getSeqNumber();
    return new Dialog(DialogId.callId(request), DialogId.fromTag(request),
        DialogId.toTag(response), local, remote, contactOr(response, request.getRequestURI()),
        recordRoutes(response, true), seq, -1, destination, isSuccess(response));
  }

  /**
   * §12.1.2 for a 2xx whose INVITE nobody remembers (its call ended and let go of it): the
   * response alone names both parties, the Call-ID, the INVITE's CSeq, the route set (its
   * Record-Route reversed) and the remote target (its Contact), which is all an ACK and a BYE
   * need. Confirmed.
   */
  public static Dialog ofOrphanedAnswer(Response success, Peer source) {
    Address local = (Address) CoreHeaders.from(success).getAddress()
        .clone();
    Address remote = (Address) CoreHeaders.to(success).getAddress().clone();
    long seq = CoreHeaders.cseq(success).getSeqNumber();
    return new Dialog(DialogId.callId(success), DialogId.fromTag(success),
        DialogId.toTag(success), local, remote, contactOr(success, remote.getURI()),
        recordRoutes(success, true), seq, -1, source, true);
  }

  public DialogId id() {
    return new DialogId(callId, localTag, remoteTag);
  }

  public String callId() {
    return callId;
  }

  public String localTag() {
    return localTag;
  }

  public String remoteTag() {
    return remoteTag;
  }

  public boolean isConfirmed() {
    return confirmed;
  }

  /**
   * The dialog is confirmed. For a UAC, by the 2xx {@code success} (§13.2.2.4): route set and
   * remote target are recomputed from it, and its To tag becomes the remote tag. For a UAS, by
   * sending its 2xx: pass null.
   */
  public void confirm(Response success) {
    confirmed = true;
    if (success != null) {
      remoteTag = DialogId.toTag(success);
      routeSet = recordRoutes(success, true);
      remoteTarget = contactOr(success, remoteTarget);
    }
  }

  /** A target refresh (re-INVITE, UPDATE, or their 2xx) with a Contact changes the target. */
  public void refreshTarget(Message message) {
    remoteTarget = contactOr(message, remoteTarget);
  }

  /**
   * §12.2.2: accepts a request's CSeq, or refuses it as out of order (the caller answers 500).
   */
  public boolean acceptRemoteSequence(long cseq) {
    if (remoteSeq >= 0 && cseq < remoteSeq) {
      return false;
    }
    remoteSeq = cseq;
    return true;
  }

  /** A new request in this dialog (§12.2.1.1), with the next local CSeq number. */
  public Request createRequest(String method) {
    return build(method, ++localSeq);
  }

  /** The ACK of the 2xx to the INVITE that had CSeq {@code inviteSeq} (§13.2.2.4). */
  public Request createAck(long inviteSeq) {
    return build(Request.ACK, inviteSeq);
  }

  /** Where this dialog's requests go: see the class comment. */
  public Peer nextHop() {
    URI hop = routeSet.isEmpty() ? remoteTarget : routeSet.get(0).getURI();
    if (hop instanceof SipURI sip && !sip.isSecure()) {
      Optional<InetAddress> address = IpLiterals.parse(sip.getHost());
      if (address.isPresent()) {
        int port = sip.getPort() > 0 ? sip.getPort() : DEFAULT_PORT;
        return Peer.to(transportOf(sip), new InetSocketAddress(address.get(), port));
      }
    }
    return fallbackHop;
  }

  private Transport transportOf(SipURI uri) {
    String param = uri.getTransportParam();
    if (param != null) {
      for (Transport transport : Transport.values()) {
        if (transport.viaToken().equalsIgnoreCase(param)) {
          return transport;
        }
      }
    }
    return fallbackHop.transport();
  }

  private Request build(String method, long seq) {
    HeaderFactory headers = SipHeaders.factory();
    try {
      URI requestUri;
      List<Address> routes;
      if (!routeSet.isEmpty() && !isLooseRoute(routeSet.get(0))) {
        // strict routing (§12.2.1.1): the first route becomes the Request-URI, the target last
        requestUri = (URI) routeSet.get(0).getURI().clone();
        routes = new ArrayList<>(routeSet.subList(1, routeSet.size()));
        routes.add(SipResponses.addressFactory().createAddress((URI) remoteTarget.clone()));
      } else {
        requestUri = (URI) remoteTarget.clone();
        routes = routeSet;
      }
      Request request = SipResponses.messageFactory().createRequest(
          requestUri, method, headers.createCallIdHeader(callId),
          headers.createCSeqHeader(seq, method),
          headers.createFromHeader((Address) localParty.clone(), localTag),
          headers.createToHeader((Address) remoteParty.clone(),
              remoteTag.isEmpty() ? null : remoteTag),
          new ArrayList<>(), headers.createMaxForwardsHeader(MAX_FORWARDS));
      for (Address route : routes) {
        request.addLast(SipHeaders.listed(headers.createRouteHeader((Address) route.clone())));
      }
      return request;
    } catch (ParseException | InvalidArgumentException | SipException e) {
      throw new IllegalStateException("cannot build " + method + " in a dialog", e);
    }
  }

  private static boolean isLooseRoute(Address route) {
    return !(route.getURI() instanceof SipURI sip) || sip.hasLrParam();
  }

  private static boolean isSuccess(Response response) {
    return response.getStatusCode() >= 200 && response.getStatusCode() < 300;
  }

  private static URI contactOr(Message message, URI otherwise) {
    ContactHeader contact = (ContactHeader) message.getHeader(ContactHeader.NAME);
    if (contact == null || contact.getAddress() == null) {
      return (URI) otherwise.clone();
    }
    return (URI) contact.getAddress().getURI().clone();
  }

  private static List<Address> recordRoutes(Message message, boolean reversed) {
    List<Address> routes = new ArrayList<>(2);
    ListIterator<?> headers = message.getHeaders(RecordRouteHeader.NAME);
    while (headers.hasNext()) {
      routes.add((Address) ((RecordRouteHeader) headers.next()).getAddress().clone());
    }
    if (reversed) {
      Collections.reverse(routes);
    }
    return routes;
  }
}
