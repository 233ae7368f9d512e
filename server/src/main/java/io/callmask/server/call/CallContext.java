package io.callmask.server.call;

import io.callmask.server.dialog.DialogTable;
import io.callmask.sip.message.HostPort;
import io.callmask.sip.message.Transport;
import io.callmask.sip.transaction.ServerTransaction;
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
  final Map<ServerTransaction, MaskedCall> invites = new ConcurrentHashMap<>();
  final LiveCalls live = new LiveCalls();
  final CallCounters counters = new CallCounters();
  final InviteIntake intake;
  private final Map<Transport, ContactHeader> contacts = new EnumMap<>(Transport.class);

  CallContext(CallServices services) {
    this.services = services;
    Set<HostPort> sentBy = new HashSet<>();
    for (Transport transport : Transport.values()) {
      HostPort advertised = services.transport().advertised(transport);
      sentBy.add(advertised);
      contacts.put(transport, LegMessages.contact(advertised, transport));
    }
    this.intake = new InviteIntake(services.settings().defaultCountry(), sentBy);
  }

  /** A fresh copy of this node's Contact for requests and responses over {@code transport}. */
  ContactHeader contact(Transport transport) {
    return (ContactHeader) contacts.get(transport).clone();
  }

  HostPort advertised(Transport transport) {
    return services.transport().advertised(transport);
  }
}
