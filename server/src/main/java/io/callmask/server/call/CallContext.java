package io.callmask.server.call;

import io.callmask.server.dialog.DialogTable;
import io.callmask.sip.message.HostPort;
import io.callmask.sip.message.Transport;
import io.callmask.sip.transaction.ServerTransaction;
import io.callmask.sip.transport.SipTransport;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.sip.header.ContactHeader;

/**
 * What every call of one controller shares: the services, the dialog table, the INVITE server
 * transactions still awaiting a CANCEL or an ACK, the live calls and the counters. Thread-safe.
 */
final class CallContext {

  final CallServices services;
  final DialogTable<CallLeg> dialogs = new DialogTable<>();
  /** INVITE server transactions (initial and relayed re-INVITEs) by the call they belong to. */
  final Map<ServerTransaction, BridgedCall> invites = new ConcurrentHashMap<>();
  final LiveCalls live = new LiveCalls();
  final CallCounters counters = new CallCounters();
  /** This node's addresses: known once the transport has bound its ports, so read lazily. */
  private volatile Addresses addresses;

  CallContext(CallServices services) {
    this.services = services;
  }

  /** The checks of initial INVITEs, which know this node's Via sent-by. */
  InviteIntake intake() {
    return addresses().intake();
  }

  /** A fresh copy of this node's Contact for requests and responses over {@code transport}. */
  ContactHeader contact(Transport transport) {
    return (ContactHeader) addresses().contacts().get(transport).clone();
  }

  /**
   * The host and port this node writes for {@code transport}; for a transport it does not
   * listen on (a trunk misconfigured against it), those of the one it does.
   */
  HostPort advertised(Transport transport) {
    return addresses().advertised().get(transport);
  }

  private Addresses addresses() {
    Addresses known = addresses;
    if (known == null) {
      // computing twice in a race is harmless: both results are equal
      known = Addresses.of(services.transport(), services.settings().defaultCountry());
      addresses = known;
    }
    return known;
  }

  private record Addresses(Map<Transport, HostPort> advertised,
      Map<Transport, ContactHeader> contacts, InviteIntake intake) {

    static Addresses of(SipTransport transport, String defaultCountry) {
      Map<Transport, HostPort> advertised = new EnumMap<>(Transport.class);
      for (Transport each : Transport.values()) {
        if (transport.supports(each)) {
          advertised.put(each, transport.advertised(each));
        }
      }
      HostPort any = advertised.values().iterator().next();
      Set<HostPort> sentBy = new HashSet<>(advertised.values());
      Map<Transport, ContactHeader> contacts = new EnumMap<>(Transport.class);
      for (Transport each : Transport.values()) {
        advertised.putIfAbsent(each, any);
        contacts.put(each, LegMessages.contact(advertised.get(each), each));
      }
      return new Addresses(advertised, contacts, new InviteIntake(defaultCountry, sentBy));
    }
  }
}
