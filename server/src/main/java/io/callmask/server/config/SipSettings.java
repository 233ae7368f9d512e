package io.callmask.server.config;

import io.callmask.sip.codec.CodecLimits;
import io.callmask.sip.message.HostPort;
import io.callmask.sip.transaction.TimerSettings;
import java.time.Duration;
import java.util.Optional;

/**
 * SIP listeners and stack tuning.
 *
 * @param udp UDP listen address, empty when UDP is disabled
 * @param tcp TCP listen address, empty when TCP is disabled
 * @param advertisedHost host written into Via, Contact and Record-Route
 * @param timers RFC 3261 T1, T2, T4
 * @param limits the largest message and header count the codec accepts
 * @param tcpIdleTimeout idle TCP connections are closed after this
 * @param udpBuffer bytes asked for each UDP socket's receive and send buffers
 * @param dialogProbeInterval how often an answered call's legs are asked (in-dialog OPTIONS)
 *     whether their dialogs still exist; zero: never
 * @param overloadLag from how late the SIP event loops run their work new calls are refused with
 *     503 ({@code sip.overload-lag}); zero: never
 */
public record SipSettings(
    Optional<HostPort> udp,
    Optional<HostPort> tcp,
    String advertisedHost,
    TimerSettings timers,
    CodecLimits limits,
    Duration tcpIdleTimeout,
    int udpBuffer,
    Duration dialogProbeInterval,
    Duration overloadLag) {

  public SipSettings {
    if (udp.isEmpty() && tcp.isEmpty()) {
      throw new ConfigException("sip.udp and sip.tcp are both empty: enable at least one transport");
    }
  }
}
