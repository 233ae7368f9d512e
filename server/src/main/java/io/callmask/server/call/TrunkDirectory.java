package io.callmask.server.call;

import io.callmask.server.masking.Trunk;
import io.callmask.sip.message.Peer;
import io.callmask.sip.message.Transport;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The trunks as call control needs them on every message: a trunk's gateway by name, and whether
 * a source address is one some trunk allows (CONTRACT §6). Reads come from an immutable snapshot
 * and never block; {@link #refresh} rebuilds it from the store and resolves gateway names, so it
 * blocks and runs off SIP threads (at start, periodically, and when the API adds a trunk).
 * Thread-safe.
 */
public final class TrunkDirectory {

  private static final Logger log = LoggerFactory.getLogger(TrunkDirectory.class);

  private final Supplier<List<Trunk>> trunks;
  private volatile Snapshot snapshot = new Snapshot(Map.of(), Set.of(), List.of());

  /** @param trunks reads every trunk (blocking, e.g. {@code NumberStore::trunks}) */
  public TrunkDirectory(Supplier<List<Trunk>> trunks) {
    this.trunks = trunks;
  }

  /**
   * Rebuilds the snapshot. A trunk whose gateway does not resolve keeps no gateway (calls through
   * it fail over) but its allow list still applies. On a store failure the old snapshot stays.
   */
  public void refresh() {
    List<Trunk> all;
    try {
      all = trunks.get();
    } catch (RuntimeException e) {
      log.warn("cannot read trunks; keeping the {} known", snapshot.gateways.size(), e);
      return;
    }
    Map<String, TrunkGateway> gateways = new HashMap<>();
    Set<InetAddress> hosts = new HashSet<>();
    List<AddressBlock> blocks = new ArrayList<>();
    for (Trunk trunk : all) {
      Optional<InetAddress> gatewayAddress = resolve(trunk);
      gatewayAddress.ifPresent(address -> gateways.put(trunk.name(), new TrunkGateway(
          trunk.name(), trunk.gatewayHost(), trunk.gatewayPort(), Peer.to(
              Transport.fromToken(trunk.transport()),
              new InetSocketAddress(address, trunk.gatewayPort())))));
      if (trunk.allow().isEmpty()) {
        gatewayAddress.ifPresent(hosts::add);
      }
      for (String entry : trunk.allow()) {
        try {
          AddressBlock block = AddressBlock.parse(entry);
          if (block.prefixBits() == block.network().length * 8) {
            hosts.add(InetAddress.getByAddress(block.network()));
          } else {
            blocks.add(block);
          }
        } catch (IllegalArgumentException | UnknownHostException e) {
          log.warn("trunk {}: ignoring allow entry '{}': {}", trunk.name(), entry, e.getMessage());
        }
      }
    }
    snapshot = new Snapshot(Map.copyOf(gateways), Set.copyOf(hosts), List.copyOf(blocks));
  }

  /** The gateway of trunk {@code name}, if the trunk exists and its gateway resolved. */
  public Optional<TrunkGateway> gateway(String name) {
    return Optional.ofNullable(snapshot.gateways.get(name));
  }

  /** Every trunk whose gateway resolved, e.g. for probing them with OPTIONS. */
  public List<TrunkGateway> gateways() {
    return List.copyOf(snapshot.gateways.values());
  }

  /** Whether some trunk allows requests from {@code source}. */
  public boolean allows(InetAddress source) {
    Snapshot current = snapshot;
    if (current.hosts.contains(source)) {
      return true;
    }
    for (AddressBlock block : current.blocks) {
      if (block.contains(source)) {
        return true;
      }
    }
    return false;
  }

  private static Optional<InetAddress> resolve(Trunk trunk) {
    try {
      return Optional.of(InetAddress.getByName(trunk.gatewayHost()));
    } catch (UnknownHostException e) {
      log.warn("trunk {}: gateway host does not resolve; calls through it fail over",
          trunk.name());
      return Optional.empty();
    }
  }

  /** Exact addresses in a set (the common case, one lookup), wider blocks in a list. */
  private record Snapshot(
      Map<String, TrunkGateway> gateways, Set<InetAddress> hosts, List<AddressBlock> blocks) {}
}
